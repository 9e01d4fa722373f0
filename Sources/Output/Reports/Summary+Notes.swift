// The notes a reviewer needs before trusting the tables: whether the run
// finished, what it warned about, which points missed their precision
// target or could not be told from the empty baseline, how far repeats
// landed apart, whether every design made the same decisions, and why
// counters are missing.

import ResultsFormat

extension SummaryReport {
    func noteLines() -> [String] {
        var lines = [""]
        lines += TextLayout.wrap("== Notes ==")
        for source in run.sources {
            let prefix = run.sources.count > 1 ? "\(run.sourceLabel(runID: source.runID)): " : ""
            guard let metadata = source.metadata else { continue }
            if let reason = metadata.interrupted {
                lines += TextLayout.wrap("\(prefix)INTERRUPTED (\(reason)): \(metadata.completedPoints) of "
                    + "\(metadata.plannedPoints) points measured.", continuation: "  ")
            } else if metadata.completedPoints < metadata.plannedPoints {
                lines += TextLayout.wrap("\(prefix)\(metadata.completedPoints) of \(metadata.plannedPoints) points "
                    + "measured" + (metadata.finished == nil ? "; the run has not finished." : "."), continuation: "  ")
            } else {
                lines += TextLayout.wrap("\(prefix)All \(metadata.plannedPoints) planned points measured.", continuation: "  ")
            }
            for warning in metadata.warnings { lines += TextLayout.wrap("\(prefix)Warning: " + warning, continuation: "  ") }
            for note in metadata.notes { lines += TextLayout.wrap("\(prefix)Note: " + note, continuation: "  ") }
        }
        lines += rowNoteLines()
        lines += modelLines()
        lines += digestLines()
        lines += missingCounterLines()
        lines += coverageLines()
        return lines
    }

    /// What the model leaves out that bears on the caching designs'
    /// numbers, for runs that measured labelled objects through caches.
    private func modelLines() -> [String] {
        guard run.rows.contains(where: { !$0["hit_rate"].isEmpty || ($0.int("labels") ?? 1) > 1 }) else { return [] }
        return TextLayout.wrap("Model: a cache miss is one rule-store lookup and an insert (SELinux's "
            + "security_compute_av also expands type attributes and checks constraints), and label-vector asks "
            + "each profile's rule store once (AppArmor matches each profile's DFA): costs of misses and of "
            + "label-vector are lower bounds. Hit rates count the timed checks only; see docs/methodology.md.",
            continuation: "  ")
    }

    private func pointLabel(_ row: ResultRow) -> String {
        let columns = ["strategy", "depth"] + PointPanels.panelColumns(run.rows)
        return PointPanels.label(row, columns: columns, sourceLabel: run.sourceLabel)
    }

    /// A list of points, shortened to its first few for the email.
    private func listed(_ rows: [ResultRow], limit: Int = 6) -> String {
        let names = rows.prefix(limit).map(pointLabel)
        return names.joined(separator: "; ") + (rows.count > limit ? "; and \(rows.count - limit) more" : "")
    }

    /// Notes the measurement wrote into rows, gathered by kind.
    private func rowNoteLines() -> [String] {
        var lines: [String] = []
        let misplaced = Self.misplacedRows(run.rows)
        if !misplaced.isEmpty {
            lines += TextLayout.wrap("MISPLACED MEMORY at \(misplaced.count) point\(misplaced.count == 1 ? "" : "s"): "
                + "the kernel (move_pages) found pages off the node they were bound to, or could not say where "
                + "they were (mem_on_node_fraction below 1 or empty); their numbers are not of the placement "
                + "they are listed under: " + listed(misplaced), continuation: "  ")
        }
        let imprecise = run.rows.filter { $0["note"].contains("CI target") }
        if !imprecise.isEmpty {
            lines += TextLayout.wrap("CI target not reached within the time budget at \(imprecise.count) "
                + "point\(imprecise.count == 1 ? "" : "s") (their intervals are wider): " + listed(imprecise),
                continuation: "  ")
        }
        let unresolved = run.rows.filter(\.isUnresolved)
        if !unresolved.isEmpty {
            lines += TextLayout.wrap("Not resolved above the empty baseline (\(Resolution.mark)) at \(unresolved.count) "
                + "point\(unresolved.count == 1 ? "" : "s"): " + listed(unresolved), continuation: "  ")
        }
        let spreads = run.rows.compactMap { row -> (row: ResultRow, spread: Double)? in
            Self.repeatSpread(row["note"]).map { (row, $0) }
        }
        if let widest = spreads.max(by: { $0.spread < $1.spread }) {
            lines += TextLayout.wrap("Largest spread of repeat medians: \(ReportNumber.percent(widest.spread))% at "
                + pointLabel(widest.row) + " (repeats are fresh worlds and allocations; the CIs include this).",
                continuation: "  ")
        }
        return lines
    }

    /// Rows bound to a memory node whose pages were not all found on it.
    static func misplacedRows(_ rows: [ResultRow]) -> [ResultRow] {
        rows.filter { row in
            !row["mem_node"].isEmpty && (row.double("mem_on_node_fraction").map { $0 < 1 } ?? true)
        }
    }

    /// The "spread X%" a row's note gives for its repeat medians.
    static func repeatSpread(_ note: String) -> Double? {
        guard let range = note.range(of: "(spread ") else { return nil }
        let number = note[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        return Double(number)
    }

    /// Every strategy at a point must have made the same decisions as the
    /// others (the run rejects a point whose digest differs from the
    /// reference); saying so here lets the reader check it in the CSV.
    private func digestLines() -> [String] {
        func world(_ row: ResultRow) -> String {
            var row = row
            row["strategy"] = ""
            row["mode"] = ""
            return row["run_id"] + "/" + row.pointKey
        }
        var digests: [String: Set<String>] = [:]
        for row in run.rows where !row["decisions_digest"].isEmpty {
            digests[world(row), default: []].insert(row["decisions_digest"])
        }
        let disagreeing = digests.filter { $0.value.count > 1 }.count
        if digests.isEmpty { return TextLayout.wrap("Decisions digests: none recorded.") }
        if disagreeing == 0 {
            return TextLayout.wrap("Decisions: every strategy made the same decisions as the reference "
                + "at every point (decisions_digest agrees in all \(digests.count) worlds).", continuation: "  ")
        }
        return TextLayout.wrap("Decisions: strategies' decisions_digest DIFFERS in \(disagreeing) of "
            + "\(digests.count) worlds; those points do not measure the same work.", continuation: "  ")
    }

    /// Multiplexed counters are extrapolated (perf's enabled/running
    /// scaling); the lowest coverage says how much.
    private func coverageLines() -> [String] {
        let coverages = run.rows.compactMap { $0.double("counter_coverage") }
        guard let lowest = coverages.min(), lowest < 1 else { return [] }
        let count = coverages.filter { $0 < 1 }.count
        return TextLayout.wrap("Counters were multiplexed at \(count) points (lowest coverage "
            + "\(ReportNumber.percent(lowest * 100))%); their counts are scaled by time enabled over time running.",
            continuation: "  ")
    }
}
