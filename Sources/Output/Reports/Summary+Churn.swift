// Readers under churn (rows with a write rate): for each depth, descendant
// count, reader count, placement and world copies, every design's ns per check at each
// write rate, what the writer reached, and the spread between readers.
// The same rows are in the check panels above, one panel per write rate.

import ResultsFormat
import Support

extension ResultRow {
    /// Whether readers ran on threads of their own (a churn point).
    public var isChurn: Bool { !self["write_rate"].isEmpty }
}

extension SummaryReport {
    func churnLines() -> [String] { Self.churnLines(run.rows) }

    public static func churnLines(_ all: [ResultRow]) -> [String] {
        let rows = all.filter(\.isChurn)
        guard !rows.isEmpty else { return [] }
        let rates = rows.map { $0["write_rate"] }.uniqued()
        var lines = [""] + TextLayout.wrap("== Readers under churn ==")
        lines += TextLayout.wrap("ns per check of the readers (median and half its 95% CI over every reader of every repeat) while one writer reloads task 0's namespace and creates a namespace, alternately, at each rate (writes per second; 0: no writer); every decision matched a policy version current during its check (a violation rejects the point). Then the writes per second the writer reached, and with several readers the slowest reader's median minus the fastest's.")
        let columns = ["depth", "descendants", "threads", "thread_placement", "world_copies"]
        for group in PointPanels.group(rows, by: columns) {
            let first = group.rows[0]
            let readers = first.int("threads") ?? 1
            lines.append("")
            let world = first["world_copies"].isEmpty ? "" : ", " + PointPanels.describe(column: "world_copies", value: first["world_copies"])
            lines += TextLayout.wrap("depth \(first["depth"]), \(first["descendants"]) descendants, \(readers) reader\(readers == 1 ? "" : "s") (\(first["thread_placement"])\(world)):")
            /// Three rates a table: a median with its CI is wide, and the
            /// summary keeps to 72 columns.
            func table(_ name: String, _ cell: (ResultRow) -> String) -> [String] {
                stride(from: 0, to: rates.count, by: 3).flatMap { start -> [String] in
                    let shown = Array(rates[start..<min(start + 3, rates.count)])
                    let body = group.strategies.map { strategy in
                        [strategy] + shown.map { rate in
                            group.rows.first { $0["strategy"] == strategy && $0["write_rate"] == rate }.map(cell) ?? "-"
                        }
                    }
                    return (start == 0 ? [] : [""]) + TextLayout.table(header: [name] + shown, rows: body)
                }
            }
            lines += table("ns/check") { cell($0) }
            lines.append("")
            lines += table("writes/s") { row in
                row["write_rate"] == "0" ? "-" : row.double("writes_per_s").map { ReportNumber.adaptive($0) } ?? "-"
            }
            if readers > 1 {
                lines.append("")
                lines += table("spread ns") { row in row.double("reader_spread_ns").map { ReportNumber.adaptive($0) } ?? "-" }
            }
        }
        return lines
    }
}
