// A comparison as 72-column plain text: what was compared with what, the
// method in words, one line per point (ratio, percent change with its
// interval, Mann-Whitney p, verdict), the points that had no partner, and
// the --fail-above outcome.

import ResultsFormat
import Support

extension Comparison {
    /// The method, stated where the numbers are, so a reader of the email
    /// does not have to look it up.
    public var methodLines: [String] {
        let ratio: String
        switch kind {
        case .betweenRuns: ratio = "B/A"
        case .withinRun(_, let strategy): ratio = "strategy/\(strategy)"
        }
        let text = "Method: net ns/check samples (check minus the median of the point's "
            + "empty-baseline series); ratio \(ratio) of median net costs; "
            + "\(PointComparison.levelText) CI by hierarchical bootstrap over the repeats "
            + "(\(PointComparison.resamples) resamples: repeats drawn with replacement, then "
            + "samples within each drawn repeat), so run-to-run variation counts. "
            + "Verdict from the CI alone: faster or slower when it excludes 1. "
            + "MW p: two-sided Mann-Whitney U on the pooled samples, a second "
            + "opinion that ignores between-repeat variation."
        return TextLayout.wrap(text)
    }

    /// The whole comparison as text; with `failAbove`, ends with the
    /// points that fail that threshold (or a line saying none does).
    public func text(failAbove: Double? = nil) -> String {
        var lines = headerLines()
        lines.append("")
        lines += methodLines
        lines += tableLines()
        lines += unmatchedLines()
        lines.append("")
        lines += tallyLines()
        if let failAbove { lines += failureLines(failAbove) }
        return lines.joined(separator: "\n") + "\n"
    }

    func headerLines() -> [String] {
        switch kind {
        case .betweenRuns(let a, let b):
            var lines = ["hookbench compare: B against A, point by point"]
            lines += TextLayout.wrap("A: \(a)", continuation: "   ")
            lines += sourceLines(baselineSources)
            lines += TextLayout.wrap("B: \(b)", continuation: "   ")
            lines += sourceLines(candidateSources)
            lines += configurationDifferences()
            return lines
        case .withinRun(let directory, let strategy):
            var lines = TextLayout.wrap("hookbench compare: each strategy against \(strategy) in \(directory)")
            lines += sourceLines(baselineSources)
            return lines
        }
    }

    private func sourceLines(_ sources: [RunSource]) -> [String] {
        sources.flatMap { source -> [String] in
            var text = "run \(source.runID) on \(source.host)"
            if let revision = source.metadata?.revision { text += ", rev \(revision)" }
            var lines = TextLayout.wrap(text, indent: "   ", continuation: "     ")
            if let machine = source.metadata?.machine?.summary {
                lines += TextLayout.wrap(machine, indent: "   ", continuation: "     ")
            }
            return lines
        }
    }

    /// Configuration keys whose values differ between A and B: a
    /// different seed, depth list or time budget changes what is compared.
    private func configurationDifferences() -> [String] {
        guard let a = baselineSources.first?.metadata?.configuration,
              let b = candidateSources.first?.metadata?.configuration else { return [] }
        let differing = Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
        guard !differing.isEmpty else { return [] }
        let parts = differing.map { "\($0) \(a[$0] ?? "unset") (A) vs \(b[$0] ?? "unset") (B)" }
        return TextLayout.wrap("Configuration differs: " + parts.joined(separator: "; "))
    }

    /// Panels of the compared points, and the columns that name a point
    /// within its panel.
    private func layout() -> (panelColumns: [String], labelColumns: [String]) {
        let candidates = entries.map(\.candidate)
        var panelColumns = PointPanels.panelColumns(candidates)
        if case .betweenRuns = kind { panelColumns.removeAll { $0 == "run_id" } }
        return (panelColumns, ["strategy", "depth"])
    }

    func tableLines() -> [String] {
        let (panelColumns, labelColumns) = layout()
        var byCandidateKey: [String: PointComparison] = [:]
        for entry in entries { byCandidateKey[entry.candidate["run_id"] + "/" + entry.candidate.pointKey] = entry }
        let ratioHeader: String
        switch kind {
        case .betweenRuns: ratioHeader = "B/A"
        case .withinRun: ratioHeader = "ratio"
        }
        var lines: [String] = []
        for group in PointPanels.group(entries.map(\.candidate), by: panelColumns) {
            lines.append("")
            lines += TextLayout.wrap(PointPanels.title(columns: panelColumns, values: group.values, sourceLabel: sourceLabel))
            var rows: [[String]] = []
            var problems: [String] = []
            for strategy in group.strategies {
                for row in group.rows(strategy: strategy) {
                    guard let entry = byCandidateKey[row["run_id"] + "/" + row.pointKey] else { continue }
                    let label = PointPanels.label(row, columns: labelColumns, sourceLabel: sourceLabel)
                    rows.append(cells(label, entry))
                    if let problem = entry.problem { problems.append("\(label): \(problem)") }
                }
            }
            lines += Self.fitted(header: ["point", ratioHeader, "change", "\(PointComparison.levelText) CI (%)", "MW p", "verdict"], rows: rows)
            for problem in problems { lines += TextLayout.wrap("n/a " + problem, continuation: "    ") }
        }
        return lines
    }

    private func cells(_ label: String, _ entry: PointComparison) -> [String] {
        guard let result = entry.result else { return [label, "-", "", "", "", entry.shortVerdict] }
        let change = result.percentDifference
        return [label, FixedPoint.text(result.ratio.value, decimals: 3),
                ReportNumber.signedPercent(change.value) + "%",
                "[" + ReportNumber.signedPercent(change.ciLow) + ", " + ReportNumber.signedPercent(change.ciHigh) + "]",
                ReportNumber.pValue(result.mannWhitney.pValue), entry.shortVerdict]
    }

    /// A table whose first column (the point) gets what room the numbers
    /// leave; a longer point name goes on a line of its own above its
    /// numbers, so no line passes 72 columns.
    static func fitted(header: [String], rows: [[String]]) -> [String] {
        let numberColumns = header.count - 1
        var widths = header.map(\.count)
        for row in rows { for index in 1...numberColumns { widths[index] = max(widths[index], row[index].count) } }
        let numbersWidth = widths[1...].reduce(0, +) + 2 * numberColumns
        let labelRoom = TextLayout.width - numbersWidth
        widths[0] = min(labelRoom, max(header[0].count, rows.map { $0[0].count }.max() ?? 0))
        func numbers(_ cells: [String]) -> String {
            (1...numberColumns).map { "  " + cells[$0].leftPadded(to: widths[$0]) }.joined()
        }
        var lines = [TextLayout.trimmingTrailingSpaces(header[0].rightPadded(to: widths[0]) + numbers(header))]
        for row in rows {
            if row[0].count > widths[0] {
                lines += TextLayout.wrap(row[0])
                lines.append(TextLayout.trimmingTrailingSpaces(String(repeating: " ", count: widths[0]) + numbers(row)))
            } else {
                lines.append(TextLayout.trimmingTrailingSpaces(row[0].rightPadded(to: widths[0]) + numbers(row)))
            }
        }
        return lines
    }

    private func unmatchedLines() -> [String] {
        var lines: [String] = []
        let labelColumns = ["strategy", "depth"] + PointPanels.panelColumns(onlyInBaseline + onlyInCandidate)
        func list(_ title: String, _ rows: [ResultRow]) {
            guard !rows.isEmpty else { return }
            lines.append("")
            lines += TextLayout.wrap("\(title) (\(rows.count)):")
            for row in rows {
                lines += TextLayout.wrap(PointPanels.label(row, columns: labelColumns, sourceLabel: sourceLabel),
                                         indent: "  ", continuation: "    ")
            }
        }
        switch kind {
        case .betweenRuns:
            list("Points only in A", onlyInBaseline)
            list("Points only in B", onlyInCandidate)
        case .withinRun(_, let strategy):
            list("Points with no \(strategy) row to compare with", onlyInCandidate)
        }
        return lines
    }

    func tallyLines() -> [String] {
        let count = { (word: String) in entries.filter { $0.shortVerdict == word }.count }
        var text = "\(entries.count) points compared: \(count("faster")) faster, \(count("slower")) slower, "
            + "\(count("no diff")) no difference proven at \(PointComparison.levelText) confidence"
        let failed = count("n/a")
        if failed > 0 { text += ", \(failed) not comparable" }
        return TextLayout.wrap(text + ".")
    }

    func failureLines(_ percent: Double) -> [String] {
        let threshold = ReportNumber.percent(percent) + "%"
        let failing = regressions(abovePercent: percent)
        guard !failing.isEmpty else {
            return TextLayout.wrap("OK: no point is slower by more than \(threshold) with \(PointComparison.levelText) confidence.")
        }
        let labelColumns = ["strategy", "depth"] + PointPanels.panelColumns(failing.map(\.candidate))
        var lines = TextLayout.wrap("FAIL: \(failing.count) point\(failing.count == 1 ? " is" : "s are") slower by more than "
            + "\(threshold) with \(PointComparison.levelText) confidence (lower bound of the change above \(threshold)):")
        for entry in failing {
            guard let change = entry.result?.percentDifference else { continue }
            let label = PointPanels.label(entry.candidate, columns: labelColumns, sourceLabel: sourceLabel)
            lines += TextLayout.wrap("\(label): \(ReportNumber.signedPercent(change.value))% "
                + "[\(ReportNumber.signedPercent(change.ciLow)), \(ReportNumber.signedPercent(change.ciHigh))]",
                indent: "  ", continuation: "    ")
        }
        return lines
    }
}
