// Each strategy against the baseline strategy at each depth of a panel, in
// the words a list reader quotes: "12.3% +- 0.8% faster (95% confidence)".
// Neighbouring depths with the same verdict-free outcome ("no difference
// proven", "n/r", or the same reason for no comparison) share one line,
// "d0-d4", which covers the measured depths from d0 to d4 in the panel's
// table.

extension SummaryReport {
    func verdictLines(_ panel: RowGroup, _ comparison: Comparison) -> [String] {
        var byCandidate: [String: PointComparison] = [:]
        for entry in comparison.entries { byCandidate[entry.candidate["run_id"] + "/" + entry.candidate.pointKey] = entry }
        var lines = [""]
        lines += TextLayout.wrap("Against \(baseline) (net time per check):")
        var any = false
        for strategy in panel.strategies where strategy != baseline {
            var runs: [(first: String, last: String, text: String, mergeable: Bool)] = []
            for row in panel.rows(strategy: strategy) {
                guard let entry = byCandidate[row["run_id"] + "/" + row.pointKey] else { continue }
                let text = Self.verdictText(entry, baseline: baseline)
                let mergeable = entry.result?.verdict != .faster && entry.result?.verdict != .slower
                if let last = runs.last, last.mergeable, mergeable, last.text == text {
                    runs[runs.count - 1].last = row["depth"]
                } else {
                    runs.append((row["depth"], row["depth"], text, mergeable))
                }
            }
            for run in runs {
                any = true
                let depths = run.first == run.last ? "d\(run.first)" : "d\(run.first)-d\(run.last)"
                lines += TextLayout.wrap("\(strategy) \(depths): \(run.text)", indent: "  ", continuation: "    ")
            }
        }
        if !any { lines += TextLayout.wrap("no \(baseline) points in this panel to compare with", indent: "  ") }
        return lines
    }

    /// The verdict, or "n/r" when either point's cost is not resolved
    /// above its empty baseline (such points are not compared).
    static func verdictText(_ entry: PointComparison, baseline: String) -> String {
        if entry.candidate.isUnresolved { return "\(Resolution.mark), not compared" }
        if entry.baseline.isUnresolved { return "not compared: \(baseline) is \(Resolution.mark) here" }
        return entry.verdictText
    }
}
