// A panel's ASCII plot: net ns/check against depth, one letter per
// strategy (the same letter in every panel of the summary).

extension SummaryReport {
    func plotLines(_ panel: RowGroup, marks: [String: Character]) -> [String] {
        guard panel.depths.count > 1 else { return [] }
        let series = panel.strategies.map { strategy in
            AsciiPlot.Series(
                label: strategy, mark: marks[strategy] ?? "?",
                points: panel.rows(strategy: strategy).compactMap { row in
                    guard let depth = row.int("depth"), let ns = row.double("ns_per_check") else { return nil }
                    return (Double(depth), ns)
                })
        }
        return AsciiPlot(series: series, xLabel: "namespace depth", yLabel: "net ns/check").lines()
    }
}
