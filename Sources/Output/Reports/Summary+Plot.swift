// A panel's ASCII plot: net ns/check against depth, one letter per
// strategy (the same letter in every panel of the summary). Points whose
// cost is not resolved above the empty baseline have no value to place;
// they are left out and named under the plot.

extension SummaryReport {
    func plotLines(_ panel: RowGroup, marks: [String: Character]) -> [String] {
        guard panel.depths.count > 1 else { return [] }
        var unplotted: [String] = []
        let series = panel.strategies.map { strategy in
            let rows = panel.rows(strategy: strategy)
            let unresolved = rows.filter(\.isUnresolved)
            if !unresolved.isEmpty {
                unplotted.append("\(marks[strategy] ?? "?") d" + unresolved.map { $0["depth"] }.joined(separator: ","))
            }
            return AsciiPlot.Series(
                label: strategy, mark: marks[strategy] ?? "?",
                points: rows.compactMap { row in
                    guard !row.isUnresolved, let depth = row.int("depth"), let ns = row.double("ns_per_check") else { return nil }
                    return (Double(depth), ns)
                })
        }
        var lines = AsciiPlot(series: series, xLabel: "namespace depth", yLabel: "net ns/check").lines()
        if !unplotted.isEmpty {
            lines += TextLayout.wrap("Not plotted (\(Resolution.mark)): " + unplotted.joined(separator: "; "))
        }
        return lines
    }
}
