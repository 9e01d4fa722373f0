// The digest that opens summary.txt: one mail screen (at most 60 lines of
// at most 72 columns, ASCII) that answers the list's question first, what
// each ancestor level costs, then shows the medians at a few depths and
// the strongest verdicts. `hookbench report DIR --digest` prints it alone.
//
// It shows one mode (throughput when the run has it; a cache state it
// lacks, such as cold, which is always latency, in the mode it has) and, when the run
// varied other point columns (stack, hook, NUMA placement, the runs of a
// merge), their first values (object labels and skew: the realistic
// defaults when the run has them); designs without their C twins, which the
// twin section covers. Everything else follows in the full summary.

import Foundation
import Measurement
import ResultsFormat
import Support

extension SummaryReport {
    /// The most lines the digest may take.
    public static let digestLineLimit = 60
    /// The line that separates the digest from the full summary.
    public static let digestEnd = "-- full tables, twins and notes follow --"

    /// What the digest shows, chosen from the run.
    struct DigestScope {
        let mode: String
        /// Designs in run order: every strategy but the C twins (all of
        /// them when the run has only twins).
        let designs: [String]
        /// One panel per cache state, in the run's order.
        let panels: [RowGroup]
        /// The depths of the median tables.
        let depths: [Int]
        /// The other varying point columns and the value shown of each.
        let fixed: [(column: String, value: String)]
    }

    func digestScope() -> DigestScope {
        // Checks when the run has them: the write side has its own lines.
        let readRows = run.rows.contains { !$0.isWriteSide } ? run.rows.filter { !$0.isWriteSide } : run.rows
        let modes = readRows.reduce(into: [String]()) { if !$0.contains($1["mode"]) { $0.append($1["mode"]) } }
        let preferred = modes.contains("throughput") ? "throughput" : modes.first ?? ""
        let twins = run.twins
        let nonTwins = run.strategies.filter { twins[$0] == nil }
        let designs = nonTwins.isEmpty ? run.strategies : nonTwins
        // A cache state the preferred mode lacks (cold points are always
        // latency: one check timed alone) is shown in the mode it has.
        let designRows = readRows.filter { designs.contains($0["strategy"]) }
        let preferredCaches = Set(designRows.filter { $0["mode"] == preferred }.map { $0["cache"] })
        var otherModes: [(cache: String, mode: String)] = []
        var rows = designRows.filter { row in
            if row["mode"] == preferred { return true }
            guard !preferredCaches.contains(row["cache"]) else { return false }
            let first = designRows.first { $0["cache"] == row["cache"] }?["mode"]
            if row["mode"] == first, !otherModes.contains(where: { $0.cache == row["cache"] }) {
                otherModes.append((row["cache"], row["mode"]))
            }
            return row["mode"] == first
        }
        let mode = preferred + otherModes.map { " (\($0.cache): \($0.mode))" }.joined()
        let realistic = ["labels": String(LabelSkew.realisticLabels), "skew": LabelSkew.realistic.description]
        var fixed: [(String, String)] = []
        for column in PointPanels.panelColumns(readRows) where !["cache", "mode"].contains(column) {
            guard let first = rows.first?[column] else { continue }
            let values = Set(rows.map { $0[column] })
            let shown = realistic[column].flatMap { values.contains($0) ? $0 : nil } ?? first
            if values.count > 1 { fixed.append((column, shown)) }
            rows = rows.filter { $0[column] == shown }
        }
        let panels = PointPanels.group(rows, by: ["cache"])
        let depths = Self.digestDepths(Set(rows.compactMap { $0.int("depth") }).sorted())
        return DigestScope(mode: mode, designs: designs.filter { name in rows.contains { $0["strategy"] == name } },
                           panels: panels, depths: depths, fixed: fixed)
    }

    /// 0, 8 and 32 when the run has them all; else the smallest, a middle
    /// and the largest depth.
    public static func digestDepths(_ depths: [Int]) -> [Int] {
        if [0, 8, 32].allSatisfy(depths.contains) { return [0, 8, 32] }
        guard depths.count > 3 else { return depths }
        return [depths.first!, depths[depths.count / 2], depths.last!]
    }

    /// The digest's comparisons alone, without comparing every point of
    /// the run (what `--digest` needs): each shown design's point against
    /// the baseline strategy's, paired as `Comparison.withinRun` pairs them.
    func digestComparison() -> Result<[PointComparison], VerdictsUnavailable> {
        guard run.hasSamples else { return .failure(VerdictsUnavailable("samples.csv is absent")) }
        guard run.strategies.contains(baseline) else {
            return .failure(VerdictsUnavailable("\(ReportError.unknownBaseline(strategy: baseline, available: run.strategies))"))
        }
        let scope = digestScope()
        func key(_ row: ResultRow) -> String {
            var row = row
            row["strategy"] = ""
            return row["run_id"] + "/" + row.pointKey
        }
        var baselines: [String: ResultRow] = [:]
        for row in run.rows where row["strategy"] == baseline { baselines[key(row)] = row }
        let candidates = scope.panels.flatMap(\.rows).filter {
            $0["strategy"] != baseline && scope.depths.contains($0.int("depth") ?? -1)
        }
        return .success(candidates.compactMap { row in
            baselines[key(row)].map { base in
                PointComparison(baseline: base, candidate: row,
                                baselineSeries: run.series(for: base), candidateSeries: run.series(for: row))
            }
        })
    }

    /// The digest, and whether it shows an "n/r" (then it carries the
    /// footnote that explains it). `comparisons`: at least the digest's
    /// points against the baseline strategy (more are ignored).
    func digest(comparisons: Result<[PointComparison], VerdictsUnavailable>) -> (lines: [String], showsUnresolved: Bool) {
        let scope = digestScope()
        let head = digestHeadLines(scope)
        let writeSide = digestWriteSideLines()
        // A run of write-side operations alone: its operations, nothing else.
        guard run.rows.contains(where: { !$0.isWriteSide }) else {
            return (Array((head + writeSide).prefix(Self.digestLineLimit)), false)
        }
        let levels = [""] + digestLevelLines(scope)
        let tables = digestTables(scope)
        var verdicts: [String] = []
        switch comparisons {
        case .success(let comparisons):
            verdicts = [""] + digestVerdictLines(comparisons, scope: scope)
        case .failure(let unavailable):
            verdicts = [""] + TextLayout.wrap("Verdicts: none (\(unavailable.reason)).")
        }
        let shownRows = scope.panels.flatMap(\.rows).filter { scope.depths.contains($0.int("depth") ?? -1) }
        let showsUnresolved = shownRows.contains(where: \.isUnresolved)
            || levels.contains { $0.contains(Resolution.mark) }
        let footnote = showsUnresolved ? TextLayout.wrap(Resolution.footnote) : []

        // The per-level costs lead and are kept whole; the median tables
        // take what room is left, then the verdicts; whatever does not fit
        // is named, so the digest never passes one mail screen.
        let limit = Self.digestLineLimit
        var lines = head + levels
        let tableTitle = [""] + TextLayout.wrap("Net ns per check (median +- half its 95% CI):")
        var room = limit - lines.count - tableTitle.count - verdicts.count - footnote.count - writeSide.count
        var shown: [[String]] = []
        var left: [String] = []
        for (panel, table) in zip(scope.panels, tables) {
            // A blank line before every table but the first.
            let needed = table.count + (shown.isEmpty ? 0 : 1)
            if needed <= room {
                shown.append(table)
                room -= needed
            } else {
                left.append(panel.values[0])
            }
        }
        // A table left out is named in a line, which needs room too.
        if !left.isEmpty, room < 1, shown.count > 1 {
            left.insert(scope.panels[shown.count - 1].values[0], at: 0)
            shown.removeLast()
        }
        if !tables.isEmpty { lines += tableTitle + shown.joined(separator: [""]) }
        if !left.isEmpty { lines += TextLayout.wrap("(\(left.joined(separator: ", ")) cache: in the full tables below)") }
        lines += writeSide + verdicts + footnote
        if lines.count > limit {
            lines = Array(lines.prefix(limit - 1)) + ["(the digest stops here; the full summary follows)"]
        }
        return (lines, showsUnresolved)
    }

    /// The write side in a few lines, when the run has one: each design's
    /// median per operation at the deepest depth below the most
    /// descendants, and where it breaks even against the baseline.
    func digestWriteSideLines() -> [String] {
        let rows = writeSideRows
        guard let depth = rows.compactMap({ $0.int("depth") }).max(),
              let descendants = rows.compactMap({ $0.int("descendants") }).max() else { return [] }
        let place = rows.filter { $0.int("depth") == depth && $0.int("descendants") == descendants }
        let ops = Self.writeSideOrder.filter { op in place.contains { $0.pointValue("op") == op } }
        let strategies = run.strategies.filter { name in place.contains { $0["strategy"] == name } && run.twins[name] == nil }
        let short = ["create-refused": "refused", "create-unwound": "unwound"]
        var lines = [""] + TextLayout.wrap("Write side, us per operation (median), depth \(depth), \(descendants) descendants:")
        lines += TextLayout.table(header: ["design"] + ops.map { short[$0] ?? $0 }, rows: strategies.map { strategy in
            [strategy] + ops.map { op in
                place.first { $0["strategy"] == strategy && $0.pointValue("op") == op }.map { row in
                    row.isUnresolved ? Resolution.mark : row.double("ns_per_check").map { ReportNumber.adaptive($0 / 1000) } ?? "-"
                } ?? "-"
            }
        })
        let evens = Self.tradeOffs(run.rows, baseline: baseline, strategies: strategies)
            .filter { $0.depth == depth && $0.descendants == descendants && $0.savedPerCheck != nil }
        if !evens.isEmpty {
            let text = evens.map { entry -> String in
                switch entry.breakEvenChecks {
                case nil: return "\(entry.strategy) never"
                case 0?: return "\(entry.strategy) always"
                case let checks?: return "\(entry.strategy) above \(ReportNumber.adaptive(checks))"
                }
            }.joined(separator: ", ")
            lines += TextLayout.wrap("Pays against \(baseline) (checks per reload, miss storm apart): \(text).")
        }
        return lines
    }

    /// The run, the machine in one line, what the digest shows, and the
    /// run's warnings in a line each.
    private func digestHeadLines(_ scope: DigestScope) -> [String] {
        let runID = scope.fixed.first { $0.column == "run_id" }?.value ?? run.sources.first?.runID ?? ""
        let source = run.sources.first { $0.runID == runID } ?? run.sources.first
        var title = "hookbench: run \(runID)"
        if let revision = source?.metadata?.revision { title += ", rev \(revision)" }
        if let suite = source?.metadata?.configuration["suite"], !suite.isEmpty { title += ", suite \(suite)" }
        if run.isMerged { title += " (1 of \(run.sources.count) merged)" }
        var lines = TextLayout.wrap(title)
        let machine = source?.metadata?.machine?.summary ?? "host \(source?.host ?? "unknown") (no machine description)"
        lines.append(Self.oneLine(machine, label: "Machine: "))

        var shown = [scope.mode]
        if let row = scope.panels.first?.rows.first {
            shown.append("\(row["lsms"]) LSMs (\(row["namespaced_lsms"]) namespaced)")
            shown.append("hook \(row["hook"])")
            shown.append("\(row["tasks"]) tasks")
            let labels = row.pointValue("labels")
            shown.append(labels == "1" ? "1 object label" : "\(labels) object labels (\(row.pointValue("skew")))")
            shown.append("AVC \(row.pointValue("avc"))")
        }
        var text = "Shown: " + shown.joined(separator: ", ")
        let others = scope.fixed.filter {
            $0.column != "run_id" && !["lsms", "namespaced_lsms", "hook", "tasks", "labels", "skew", "avc"].contains($0.column)
        }
        if !others.isEmpty {
            text += "; " + others.map { PointPanels.describe(column: $0.column, value: $0.value) }.joined(separator: ", ")
        }
        lines += TextLayout.wrap(text)

        if let metadata = source?.metadata {
            if metadata.interrupted != nil || metadata.completedPoints < metadata.plannedPoints {
                lines += TextLayout.wrap("INCOMPLETE: \(metadata.completedPoints) of \(metadata.plannedPoints) points measured.")
            }
            for warning in metadata.warnings.prefix(2) {
                lines.append(Self.oneLine(Self.firstClause(warning) + " (see the notes)", label: "Warning: "))
            }
            if metadata.warnings.count > 2 { lines.append("(\(metadata.warnings.count - 2) more warnings in the notes)") }
        }
        return lines
    }

    /// The cost per ancestor level of each design in each cache state: ns
    /// (slope with its 95% CI), then the same in loads at the level the
    /// loads come from. One line per design in each.
    private func digestLevelLines(_ scope: DigestScope) -> [String] {
        let depths = Set(scope.panels.flatMap { $0.depths }).sorted()
        let fitted = scope.panels.filter { $0.depths.count >= 3 }
        guard !fitted.isEmpty else {
            return TextLayout.wrap("Cost per ancestor level: needs three or more depths; this run has \(depths.count).")
        }
        let costs = fitted.map { panel in
            Dictionary(levelCosts(panel, strategies: scope.designs).map { ($0.strategy, $0) }) { first, _ in first }
        }
        var lines = TextLayout.wrap("Cost per ancestor level (slope over depths "
            + "\(depths.first!)-\(depths.last!), 95% CI):")
        let caches = fitted.map { $0.values[0] }
        var nsRows: [[String]] = []
        var loadRows: [[String]] = []
        for design in scope.designs {
            nsRows.append([design] + costs.map { byDesign in
                guard let cost = byDesign[design] else { return "-" }
                guard let slope = cost.slope else { return Resolution.mark }
                return ReportNumber.withHalfWidth(slope.fit.slope.value, slope.fit.slope.halfWidth)
            })
            loadRows.append([design] + costs.map { byDesign in
                guard let cost = byDesign[design] else { return "-" }
                guard cost.slope != nil else { return Resolution.mark }
                guard let loads = cost.loads, let level = cost.level else { return "n/a" }
                return ReportNumber.withHalfWidth(loads.value, loads.halfWidth) + " " + level.name
            })
        }
        lines += TextLayout.table(header: ["ns per level"] + caches, rows: nsRows)
        if run.calibration != nil {
            lines.append("")
            lines += TextLayout.table(header: ["loads per level"] + caches, rows: loadRows)
        }
        return lines
    }

    /// Each cache state's medians at the digest's depths, one line per
    /// design; the tables share their column widths, so they read as one.
    private func digestTables(_ scope: DigestScope) -> [[String]] {
        let cells = scope.panels.map { panel -> [[String]] in
            var byDesign: [String: [Int: ResultRow]] = [:]
            for row in panel.rows { if let depth = row.int("depth") { byDesign[row["strategy"], default: [:]][depth] = row } }
            let header = ["\(panel.values[0]) cache"] + scope.depths.map { "depth \($0)" }
            return [header] + scope.designs.filter { byDesign[$0] != nil }.map { design in
                [design] + scope.depths.map { depth in byDesign[design]?[depth].map { Self.cell($0) } ?? "-" }
            }
        }
        var widths = Array(repeating: 0, count: scope.depths.count + 1)
        for row in cells.joined() { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return cells.map { table in
            let padded = table.map { row in
                row.enumerated().map { index, cell in
                    index == 0 ? cell.rightPadded(to: widths[0]) : cell.leftPadded(to: widths[index])
                }
            }
            return TextLayout.table(header: padded[0], rows: Array(padded.dropFirst()))
        }
    }

    /// The strongest verdict of each design against the baseline strategy
    /// among the digest's points (the bound nearer to no change decides),
    /// strongest first, then how many comparisons proved nothing.
    private func digestVerdictLines(_ comparisons: [PointComparison], scope: DigestScope) -> [String] {
        let shown = Set(scope.panels.flatMap(\.rows).filter { scope.depths.contains($0.int("depth") ?? -1) }
            .map { $0["run_id"] + "/" + $0.pointKey })
        let entries = comparisons.filter { shown.contains($0.candidate["run_id"] + "/" + $0.candidate.pointKey) }
        let depthList = scope.depths.map(String.init).joined(separator: ", ")
        guard !entries.isEmpty else {
            return TextLayout.wrap("Verdicts: no \(baseline) points to compare with at depths \(depthList).")
        }
        var lines = TextLayout.wrap("Strongest verdicts against \(baseline), "
            + "\(PointComparison.levelText) confidence:")
        var strongest: [(strength: Double, text: String)] = []
        var unproven: [String] = []
        for design in scope.designs where design != baseline {
            let mine = entries.filter { $0.candidate["strategy"] == design && !$0.candidate.isUnresolved && !$0.baseline.isUnresolved }
            var best: (entry: PointComparison, strength: Double)?
            for entry in mine {
                guard let strength = entry.provenChange else { continue }
                // Ties go to the deeper point.
                if let current = best, current.strength > strength
                    || current.strength == strength && (current.entry.candidate.int("depth") ?? 0) >= (entry.candidate.int("depth") ?? 0) {
                    continue
                }
                best = (entry, strength)
            }
            if let (entry, strength) = best, let change = entry.changeWords {
                let place = "at depth \(entry.candidate["depth"]), \(entry.candidate["cache"]) cache"
                    + (change.interval.map { " (\($0))" } ?? "")
                strongest.append((strength, "\(design) is \(change.words) than \(baseline) \(place)"))
            } else if !mine.isEmpty {
                unproven.append(design)
            }
        }
        for item in strongest.sorted(by: { $0.strength > $1.strength }).prefix(5) {
            lines += TextLayout.wrap(item.text, indent: "  ", continuation: "    ")
        }
        for design in unproven {
            lines += TextLayout.wrap("\(design): no difference from \(baseline) proven at depths \(depthList)",
                                     indent: "  ", continuation: "    ")
        }
        let count = { (word: String) in entries.filter { $0.shortVerdict == word }.count }
        let notProven = entries.filter { $0.shortVerdict == "no diff" }
        var tally = "Of \(entries.count) comparisons at depths \(depthList): \(count("faster")) faster, "
            + "\(count("slower")) slower, \(notProven.count) not significant"
        let uncompared = entries.count - count("faster") - count("slower") - notProven.count
        if uncompared > 0 { tally += ", \(uncompared) not compared (\(Resolution.mark) or no samples)" }
        if !notProven.isEmpty {
            let names = notProven.prefix(4).map { "\($0.candidate["strategy"]) d\($0.candidate["depth"]) \($0.candidate["cache"])" }
            tally += " (" + names.joined(separator: ", ") + (notProven.count > 4 ? ", ..." : "") + ")"
        }
        lines += TextLayout.wrap(tally + ".", indent: "  ", continuation: "  ")
        return lines
    }

    /// `text` in one line: with `label` when that fits, else alone, else
    /// its leading comma-separated parts and ", ...".
    static func oneLine(_ text: String, label: String) -> String {
        let width = TextLayout.width
        if label.count + text.count <= width { return label + text }
        if text.count <= width { return text }
        var parts = text.components(separatedBy: ", ")
        while parts.count > 1, (parts.joined(separator: ", ") + ", ...").count > width { parts.removeLast() }
        let cut = parts.joined(separator: ", ") + ", ..."
        return cut.count <= width ? cut : String(text.prefix(width - 3)) + "..."
    }

    /// A warning's first clause ("This is a virtual machine"), at most 50
    /// columns.
    static func firstClause(_ text: String) -> String {
        var clause = Substring(text)
        for separator in [": ", "; ", ". "] {
            if let range = clause.range(of: separator) { clause = clause[..<range.lowerBound] }
        }
        if clause.hasSuffix(".") { clause = clause.dropLast() }
        guard clause.count > 50 else { return String(clause) }
        var words = clause.prefix(47).split(separator: " ")
        if words.count > 1 { words.removeLast() }
        return words.joined(separator: " ") + "..."
    }
}
