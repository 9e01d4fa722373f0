// Hardware counters per check, net of the baseline, when the run could
// count them: at the shallowest and the deepest depth of each strategy,
// which is where a per-level cost shows (more L1d or LLC misses per check
// as the walk grows). A point whose cost is not resolved above the empty
// baseline shows "n/r" here too: its counts are differences of noise. When
// no counter column is filled, the notes say why, from meta.json.

import ResultsFormat

extension SummaryReport {
    static let counterHeaders: [String: String] = [
        "cycles_per_check": "cycles", "instructions_per_check": "instr", "l1d_misses_per_check": "L1d",
        "llc_misses_per_check": "LLC", "dtlb_misses_per_check": "dTLB", "branch_misses_per_check": "branch",
    ]

    /// Counter columns with a value in at least one row.
    var filledCounterColumns: [String] {
        ResultsSchema.counterColumns.filter { column in run.rows.contains { !$0[column].isEmpty } }
    }

    func counterLines(_ panel: RowGroup) -> [String] {
        let columns = filledCounterColumns.filter { column in panel.rows.contains { !$0[column].isEmpty } }
        guard !columns.isEmpty else { return eventLines(panel) }
        var lines = [""]
        lines += TextLayout.wrap("Counters per check, net of baseline (L1d/LLC/dTLB/branch = misses):")
        var rows: [[String]] = []
        let depths = panel.depths
        let shown = Set([depths.first, depths.last].compactMap { $0 })
        for strategy in panel.strategies {
            for row in panel.rows(strategy: strategy) where shown.contains(row.int("depth") ?? -1) {
                rows.append([strategy, row["depth"]] + columns.map { column in
                    row.isUnresolved ? Resolution.mark : row.double(column).map(ReportNumber.adaptive) ?? "-"
                })
            }
        }
        let header = ["strategy", "depth"] + columns.map { Self.counterHeaders[$0] ?? $0 }
        lines += TextLayout.table(header: header, rows: rows).map { "  " + $0 }
        return lines
    }

    /// Events without a column of their own (software events, extra
    /// libpfm4 names), from counters.csv, when no counter column is filled.
    func eventLines(_ panel: RowGroup) -> [String] {
        let events = Set(panel.rows.flatMap { run.eventCounts[$0.pointKey]?.keys.map { $0 } ?? [] }).sorted()
        guard !events.isEmpty else { return [] }
        var lines = [""]
        lines += TextLayout.wrap("Events per check, net of baseline (counters.csv):")
        let depths = panel.depths
        let shown = Set([depths.first, depths.last].compactMap { $0 })
        var rows: [[String]] = []
        for strategy in panel.strategies {
            for row in panel.rows(strategy: strategy) where shown.contains(row.int("depth") ?? -1) {
                let counts = run.eventCounts[row.pointKey] ?? [:]
                rows.append([strategy, row["depth"]] + events.map {
                    row.isUnresolved ? Resolution.mark : counts[$0].map(ReportNumber.adaptive) ?? "-"
                })
            }
        }
        // "perf::TASK-CLOCK" reads as "task-clock" in a narrow column.
        let header = ["strategy", "depth"] + events.map { String($0.split(separator: ":").last ?? Substring($0)).lowercased() }
        lines += TextLayout.table(header: header, rows: rows).map { "  " + $0 }
        return lines
    }

    /// Why the counter columns are empty, from meta.json's counters record.
    func missingCounterLines() -> [String] {
        guard filledCounterColumns.isEmpty, run.eventCounts.isEmpty else { return [] }
        var lines: [String] = []
        for source in run.sources {
            let prefix = run.sources.count > 1 ? "\(run.sourceLabel(runID: source.runID)): " : ""
            guard let counters = source.metadata?.counters else {
                lines += TextLayout.wrap("Counters: none recorded; \(prefix)meta.json does not say why (no counters record).",
                                         continuation: "  ")
                continue
            }
            if counters.requested.isEmpty {
                lines += TextLayout.wrap("Counters: \(prefix)none were requested.", continuation: "  ")
            } else {
                lines += TextLayout.wrap("Counters: \(prefix)none recorded; requested "
                    + counters.requested.joined(separator: ", ") + ".", continuation: "  ")
            }
            // One line per reason, naming the events it applies to.
            for reason in CounterReasons.condensed(counters.unavailable, events: counters.requested) {
                lines += TextLayout.wrap(reason, indent: "  ", continuation: "    ")
            }
        }
        return lines
    }
}
