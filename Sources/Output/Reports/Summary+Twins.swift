// The Swift strategies against their kernel-style C twins (TwinRatios):
// if Swift is slower than the same algorithm in C over the same memory,
// the harness, not the design, is being measured.

extension SummaryReport {
    func twinLines() -> [String] {
        var body: [String] = []
        let hasTwins = run.rows.contains { run.twins[$0["strategy"]] != nil }
        if hasTwins && !run.hasSamples {
            body += TextLayout.wrap("samples.csv is absent; the ratios need the samples.", indent: "  ")
        }
        for part in run.perSource() where run.hasSamples {
            let ratios = TwinRatios(rows: part.rows, samples: part.samples, twins: run.twins)
            let prefix = run.sources.count > 1 ? run.sourceLabel(runID: part.source.runID) + ": " : ""
            for line in ratios.lines {
                body += TextLayout.wrap(prefix + line, indent: "  ", continuation: "    ")
            }
        }
        guard !body.isEmpty else { return [] }
        var lines = [""]
        lines += TextLayout.wrap("== Swift / C twins: ratio of net medians Swift/C [95% CI]; "
            + "above 1 means the Swift code is slower ==")
        return lines + body
    }
}
