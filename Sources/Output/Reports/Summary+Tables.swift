// The median table of a panel: strategies down, depths across, each cell
// "median+-half-width" in net ns/check ("n/r" where the cost is not
// resolved above the empty baseline); beside it, the same table of what
// the decision caches did (hit rate over the timed checks) and what each
// design held (bytes per namespace). Depths that do not fit in 72 columns
// continue in a further table with the same rows.

import ResultsFormat
import Support

extension SummaryReport {
    func medianTableLines(_ panel: RowGroup) -> [String] { depthTableLines(panel) { Self.cell($0) } }

    /// Hit rate and bytes per namespace, for rows that record them.
    func cacheTableLines(_ panel: RowGroup) -> [String] {
        guard panel.rows.contains(where: { !$0["memory_bytes"].isEmpty }) else { return [] }
        return ["", "Decision caches: hit rate over the timed checks, and the design's",
                "memory per namespace (K = KiB, M = MiB; - : no cache)"]
            + depthTableLines(panel, cell: Self.cacheCell)
    }

    /// "99.8% 5.0K": the hit rate (or "-" for a design without a cache)
    /// and the bytes per namespace.
    static func cacheCell(_ row: ResultRow) -> String {
        let hit = row.double("hit_rate").map { FixedPoint.text($0 * 100, decimals: 1) + "%" } ?? "-"
        let memory = row.double("bytes_per_namespace").map(Self.compactBytes) ?? "?"
        return hit + " " + memory
    }

    static func compactBytes(_ bytes: Double) -> String {
        if bytes >= 1_048_576 { return FixedPoint.text(bytes / 1_048_576, decimals: 1) + "M" }
        if bytes >= 1_024 { return FixedPoint.text(bytes / 1_024, decimals: 1) + "K" }
        return FixedPoint.text(bytes, decimals: 0)
    }

    /// Strategies down, depths across, one `cell` per row.
    func depthTableLines(_ panel: RowGroup, cell: (ResultRow) -> String) -> [String] {
        let strategies = panel.strategies
        let depths = panel.depths
        var cells: [String: [Int: String]] = [:]
        for row in panel.rows {
            guard let depth = row.int("depth") else { continue }
            cells[row["strategy"], default: [:]][depth] = cell(row)
        }
        let labelWidth = max("strategy".count, strategies.map(\.count).max() ?? 0)
        let cellWidth = depths.map { depth in
            max("depth \(depth)".count, strategies.map { cells[$0]?[depth]?.count ?? 1 }.max() ?? 0)
        }.max() ?? 1
        let perTable = max(1, (TextLayout.width - labelWidth) / (cellWidth + 2))

        var lines: [String] = []
        var start = 0
        while start < depths.count {
            let chunk = Array(depths[start..<min(depths.count, start + perTable)])
            if start > 0 { lines.append("") }
            lines.append("strategy".rightPadded(to: labelWidth)
                + chunk.map { "  " + "depth \($0)".leftPadded(to: cellWidth) }.joined())
            for strategy in strategies {
                let values = chunk.map { "  " + (cells[strategy]?[$0] ?? "-").leftPadded(to: cellWidth) }.joined()
                lines.append(TextLayout.trimmingTrailingSpaces(strategy.rightPadded(to: labelWidth) + values))
            }
            start += perTable
        }
        return lines
    }

    /// "12.3+-0.4", "n/r" for a point not resolved above its empty
    /// baseline, or "-" for a row without a median; `scale` converts ns
    /// (1/1000 for us).
    static func cell(_ row: ResultRow, scale: Double = 1) -> String {
        if row.isUnresolved { return Resolution.mark }
        guard let value = row.double("ns_per_check") else { return "-" }
        let half = bothPresent(row.double("ns_ci_low"), row.double("ns_ci_high")).map { ($1 - $0) / 2 } ?? .nan
        return ReportNumber.withHalfWidth(value * scale, half * scale)
    }
}

/// Both values, or nil when either is missing.
func bothPresent<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
