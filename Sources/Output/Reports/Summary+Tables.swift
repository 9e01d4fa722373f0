// The median table of a panel: strategies down, depths across, each cell
// "median+-half-width" in net ns/check ("n/r" where the cost is not
// resolved above the empty baseline). Depths that do not fit in 72
// columns continue in a further table with the same rows.

import ResultsFormat
import Support

extension SummaryReport {
    func medianTableLines(_ panel: RowGroup) -> [String] {
        let strategies = panel.strategies
        let depths = panel.depths
        var cells: [String: [Int: String]] = [:]
        for row in panel.rows {
            guard let depth = row.int("depth") else { continue }
            cells[row["strategy"], default: [:]][depth] = Self.cell(row)
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
    /// baseline, or "-" for a row without a median.
    static func cell(_ row: ResultRow) -> String {
        if row.isUnresolved { return Resolution.mark }
        guard let value = row.double("ns_per_check") else { return "-" }
        let half = zip(row.double("ns_ci_low"), row.double("ns_ci_high")).map { ($1 - $0) / 2 } ?? .nan
        return ReportNumber.withHalfWidth(value, half)
    }
}

private func zip(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
