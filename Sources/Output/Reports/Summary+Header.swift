// The summary's opening lines: which run, on what machine, asked to
// measure what, and what the tables below mean.

import Support

extension SummaryReport {
    /// `explainUnresolved`: give the footnote on n/r here (when the run has
    /// unresolved points and the digest did not explain them already).
    func headerLines(comparison: Result<Comparison, VerdictsUnavailable>, explainUnresolved: Bool = true) -> [String] {
        var lines: [String] = []
        if run.isMerged {
            lines += TextLayout.wrap("hookbench summary: \(run.sources.count) runs merged in \(run.directory.path)")
            for (index, source) in run.sources.enumerated() {
                lines += TextLayout.wrap("Run \(index + 1): \(source.runID) on \(source.host)")
                lines += sourceLines(source, indent: "  ")
            }
        } else if let source = run.sources.first {
            var title = "hookbench summary: run \(source.runID)"
            if let revision = source.metadata?.revision { title += ", rev \(revision)" }
            lines += TextLayout.wrap(title)
            lines += sourceLines(source, indent: "")
        }
        if let problem = run.metadataProblem { lines += TextLayout.wrap("Note: \(problem); the run is described from results.csv alone.") }
        lines += TextLayout.wrap("Calibration: " + (run.calibration == nil
            ? run.calibrationNote + "; costs per level are in ns only"
            : run.calibrationNote))
        lines += TextLayout.wrap("Tables: net ns per check (check loop minus the empty-baseline loop), "
            + "median +- half the width of its 95% CI over all repeats.")
        if explainUnresolved, run.rows.contains(where: \.isUnresolved) { lines += TextLayout.wrap(Resolution.footnote) }
        switch comparison {
        case .success:
            lines += TextLayout.wrap("Verdicts: each strategy against \(baseline), ratio of median net "
                + "costs with a 95% hierarchical-bootstrap CI over the repeats "
                + "(see docs/methodology.md).")
        case .failure(let unavailable):
            lines += TextLayout.wrap("Verdicts: none (\(unavailable.reason)).")
        }
        return lines
    }

    /// Machine, configuration and timer of one run.
    private func sourceLines(_ source: RunSource, indent: String) -> [String] {
        var lines: [String] = []
        if let machine = source.metadata?.machine?.summary {
            lines += TextLayout.wrap("Machine: " + machine, indent: indent, continuation: indent + "  ")
        } else {
            lines += TextLayout.wrap("Machine: host \(source.host) (no machine description in meta.json)",
                                     indent: indent, continuation: indent + "  ")
        }
        let configuration = source.metadata?.configuration ?? configurationFromRows(runID: source.runID)
        lines += TextLayout.wrap("Run: " + Self.describe(configuration), indent: indent, continuation: indent + "  ")
        if let timer = source.metadata?.timer {
            lines += TextLayout.wrap("Timer: \(timer.source), \(FixedPoint.text(timer.ticksPerNanosecond, decimals: 3)) ticks/ns, "
                + "\(ReportNumber.adaptive(timer.overheadNanoseconds)) ns per pair of reads (subtracted with the baseline)",
                indent: indent, continuation: indent + "  ")
        }
        return lines
    }

    /// The sweep as meta.json records it, in the order a reader scans it.
    static func describe(_ configuration: [String: String]) -> String {
        func value(_ key: String) -> String? { configuration[key].flatMap { $0.isEmpty ? nil : $0 } }
        var parts: [String] = []
        if let strategies = value("strategies") { parts.append("strategies " + strategies.replacingCommas()) }
        if let depths = value("depths") { parts.append("depths " + depths) }
        if let lsms = value("lsms") {
            parts.append("\(lsms) LSMs" + (value("namespaced_lsms").map { " (\($0) namespaced)" } ?? ""))
        }
        if let hooks = value("hooks") { parts.append("hook " + hooks.replacingCommas()) }
        if let tasks = value("tasks") { parts.append("\(tasks) tasks") }
        if let labels = value("labels") { parts.append("labels " + labels.replacingCommas() + (value("skews").map { " (" + $0.replacingCommas() + ")" } ?? "")) }
        if let avc = value("avc") { parts.append("AVC " + avc) }
        if let caches = value("caches") { parts.append("caches " + caches.replacingCommas()) }
        if let modes = value("modes") { parts.append("modes " + modes.replacingCommas()) }
        var sampling: [String] = []
        if let repeats = value("repeats") { sampling.append("\(repeats) repeats") }
        if let target = value("target_ci").flatMap(Double.init) {
            sampling.append("target CI +-\(ReportNumber.percent(target * 100))%")
        }
        if let time = value("max_time_s") { sampling.append("at most \(time) s per point") }
        if !sampling.isEmpty { parts.append(sampling.joined(separator: ", ")) }
        if let seed = value("seed") { parts.append("seed \(seed)") }
        let known: Set<String> = ["strategies", "depths", "lsms", "namespaced_lsms", "hooks", "tasks", "labels", "skews", "avc", "caches",
                                  "modes", "repeats", "target_ci", "max_time_s", "seed"]
        for key in configuration.keys.sorted() where !known.contains(key) {
            parts.append("\(key) \(configuration[key]!)")
        }
        return parts.joined(separator: "; ")
    }

    /// The axes of a run without meta.json, read back from its rows.
    private func configurationFromRows(runID: String) -> [String: String] {
        let rows = run.rows.filter { $0["run_id"] == runID }
        func values(_ column: String) -> String {
            rows.map { $0[column] }.uniqued().joined(separator: ",")
        }
        let depths = Set(rows.compactMap { $0.int("depth") }).sorted().map(String.init).joined(separator: ",")
        return ["strategies": values("strategy"), "depths": depths, "lsms": values("lsms"),
                "namespaced_lsms": values("namespaced_lsms"), "hooks": values("hook"), "tasks": values("tasks"),
                "caches": values("cache"), "modes": values("mode")]
    }
}

private extension String {
    func replacingCommas() -> String {
        split(separator: ",").joined(separator: ", ")
    }
}
