// The figures a run gets (docs/plots.md says how to read each):
//   ns-per-check-MODE    net ns/check vs depth per strategy, a panel per
//                        cache state, 95% CIs as error bars
//   counters-MODE-CACHE  each filled counter per check vs depth (only when
//                        the counter columns have data)
//   numa-MODE-CACHE      local vs remote memory per strategy (only when
//                        cpu_node/mem_node take several values)
//   twins-MODE           Swift/C time ratio per twin pair vs depth
//   churn                readers' net ns/check vs the writer's rate, a panel
//                        per depth, descendants, readers, placement and
//                        world copies (churn rows, which the others leave out)
// A run that varied another point column (stack, hook, tasks, page size)
// gets one figure per value, named by a suffix. Styles come from
// PlotStyle (a C twin in its design's colour, dashed); series at the same
// depth are dodged slightly apart. In a merged run every line is one
// host x strategy: colour by strategy, and, in a figure that holds several
// hosts, dash pattern by host.

import ResultsFormat
import Support

public enum PlotFigures {
    public static func all(_ run: RunData) -> [PlotFigure] {
        nsPerCheck(run) + counters(run) + numa(run) + twins(run) + breakEven(run) + churn(run)
    }

    /// Readers' net ns per check against the write rate (a category axis:
    /// the rates asked for, in run order), one panel per churn setting.
    public static func churn(_ run: RunData) -> [PlotFigure] {
        let rows = run.rows.filter(\.isChurn)
        guard !rows.isEmpty else { return [] }
        let rates = rows.map { $0["write_rate"] }.uniqued()
        let columns = ["depth", "descendants", "threads", "thread_placement", "world_copies"]
        let panels = PointPanels.group(rows, by: columns).map { group in
            let title = zip(columns, group.values).map { PointPanels.describe(column: $0, value: $1) }.joined(separator: ", ")
            return PlotPanel(title: title, series: strategySeries(run, rows: group.rows, figureRows: rows) { row in
                guard !row.isUnresolved, let rate = rates.firstIndex(of: row["write_rate"]), let ns = row.double("ns_per_check") else {
                    return nil
                }
                return PlotPoint(x: Double(rate), y: ns, low: row.double("ns_ci_low"), high: row.double("ns_ci_high"))
            }).dodged()
        }.filter { !$0.series.isEmpty }
        guard !panels.isEmpty else { return [] }
        return [PlotFigure(stem: "churn", title: "Readers under churn: net ns per check vs the writer's rate",
                           xLabel: "writes per second asked of the writer (0: no writer)", yLabel: "net ns per check (95% CI)",
                           panels: panels, xTicks: rates.enumerated().map { (Double($0.offset), $0.element) })]
    }

    /// Break-even checks per reload against hlist vs depth, one panel per
    /// descendant count, for designs that save per check and whose reloads
    /// cost more (SummaryReport.tradeOffs).
    public static func breakEven(_ run: RunData) -> [PlotFigure] {
        let tradeOffs = SummaryReport.tradeOffs(run.rows, baseline: SummaryReport.defaultBaseline, strategies: run.strategies)
        let styles = PlotStyle.strategies(run.strategies, twins: run.twins)
        let panels = Set(tradeOffs.map(\.descendants)).sorted().map { count -> PlotPanel in
            let series = run.strategies.compactMap { strategy -> PlotSeries? in
                let points = tradeOffs.filter { $0.strategy == strategy && $0.descendants == count }.compactMap { entry -> PlotPoint? in
                    guard let checks = entry.breakEvenChecks, checks > 0 else { return nil }
                    return PlotPoint(x: Double(entry.depth), y: checks)
                }.sorted { $0.x < $1.x }
                guard !points.isEmpty, let style = styles[strategy] else { return nil }
                return PlotSeries(label: strategy, color: style.color, dash: style.dash, point: style.point, points: points)
            }
            return PlotPanel(title: "\(count) descendant\(count == 1 ? "" : "s")", series: series)
        }.filter { !$0.series.isEmpty }
        guard !panels.isEmpty else { return [] }
        return [PlotFigure(stem: "break-even", title: "Checks per reload above which a design pays against \(SummaryReport.defaultBaseline)",
                           xLabel: "namespace depth", yLabel: "checks per reload (miss storm apart)", panels: panels)]
    }

    /// Point columns other than those a figure shows in its own layout,
    /// which split a run into several figures.
    static func figureColumns(_ run: RunData, shown: Set<String>) -> [String] {
        PointPanels.varyingColumns(run.rows).filter { !shown.contains($0) && $0 != "run_id" }
    }

    /// "ns-per-check-throughput-mem1": the base, then each splitting
    /// column's value with a short tag, in characters safe in file names.
    static func stem(_ base: String, columns: [String], values: [String]) -> String {
        let tags = ["mode": "", "cache": "", "lsms": "lsms", "namespaced_lsms": "ns", "hook": "", "tasks": "tasks",
                    "threads": "threads", "cpu_node": "cpu", "mem_node": "mem", "page_size": "page"]
        let parts = [base] + zip(columns, values).map { column, value in
            (tags[column] ?? column) + String(value.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? $0 : "_" })
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "-")
    }

    static func title(_ base: String, columns: [String], values: [String]) -> String {
        ([base] + zip(columns, values).map { PointPanels.describe(column: $0, value: $1) }).joined(separator: ", ")
    }

    /// One line per source x strategy, styled by PlotStyle: colour and
    /// point shape by design, a C twin in its design's colour, dashed, with
    /// open points. When the figure (`figureRows`) holds several runs of a
    /// merge, the dash pattern tells the runs apart instead (twins keep
    /// their open points).
    static func strategySeries(_ run: RunData, rows: [ResultRow], figureRows: [ResultRow],
                               point: (ResultRow) -> PlotPoint?) -> [PlotSeries] {
        let strategies = run.strategies
        let styles = PlotStyle.strategies(strategies, twins: run.twins)
        let sourceIDs = run.sources.map(\.runID)
        let dashBySource = Set(figureRows.map { $0["run_id"] }).count > 1
        var series: [PlotSeries] = []
        for (sourceIndex, runID) in sourceIDs.enumerated() {
            for strategy in strategies {
                let points = rows.filter { $0["run_id"] == runID && $0["strategy"] == strategy }.compactMap(point)
                    .sorted { $0.x < $1.x }
                guard !points.isEmpty, let style = styles[strategy] else { continue }
                let label = sourceIDs.count > 1 ? "\(run.sourceLabel(runID: runID)) \(strategy)" : strategy
                series.append(PlotSeries(label: label, color: style.color, dash: dashBySource ? sourceIndex + 1 : style.dash,
                                         point: style.point, points: points))
            }
        }
        return series
    }

    /// A row's net cost, or nil (left out of the plot) when it has none
    /// or it is not resolved above the empty baseline.
    static func nsPoint(_ row: ResultRow) -> PlotPoint? {
        guard !row.isUnresolved, let depth = row.double("depth"), let ns = row.double("ns_per_check") else { return nil }
        return PlotPoint(x: depth, y: ns, low: row.double("ns_ci_low"), high: row.double("ns_ci_high"))
    }

    public static func nsPerCheck(_ run: RunData) -> [PlotFigure] {
        // Churn rows have a figure of their own, against the write rate.
        let rows = run.rows.filter { !$0.isChurn }
        let columns = ["mode"] + figureColumns(run, shown: ["mode", "cache", "strategy", "depth"])
        return PointPanels.group(rows, by: columns).map { figure in
            let panels = PointPanels.group(figure.rows, by: ["cache"]).map { panel in
                PlotPanel(title: "\(panel.values[0]) cache", series: strategySeries(run, rows: panel.rows, figureRows: figure.rows, point: nsPoint)).dodged()
            }
            let writeSide = figure.rows.first?.isWriteSide ?? false
            return PlotFigure(stem: stem("ns-per-check", columns: columns, values: figure.values),
                              title: title(writeSide ? "Net ns per operation" : "Net ns per check", columns: columns, values: figure.values),
                              xLabel: "namespace depth", yLabel: writeSide ? "net ns per operation (95% CI)" : "net ns per check (95% CI)",
                              panels: panels)
        }
    }

    public static func counters(_ run: RunData) -> [PlotFigure] {
        let filled = ResultsSchema.counterColumns.filter { column in run.rows.contains { !$0[column].isEmpty } }
        guard !filled.isEmpty else { return [] }
        let columns = ["mode", "cache"] + figureColumns(run, shown: ["mode", "cache", "strategy", "depth"])
        return PointPanels.group(run.rows, by: columns).map { figure in
            let panels = filled.map { column in
                PlotPanel(title: SummaryReport.counterHeaders[column].map { $0 + (column.contains("misses") ? " misses" : "") } ?? column,
                          series: strategySeries(run, rows: figure.rows, figureRows: figure.rows) { row in
                              guard !row.isUnresolved, let depth = row.double("depth"), let value = row.double(column) else { return nil }
                              return PlotPoint(x: depth, y: value)
                          }).dodged()
            }.filter { !$0.series.isEmpty }
            return PlotFigure(stem: stem("counters", columns: columns, values: figure.values),
                              title: title("Counters per check, net of the baseline", columns: columns, values: figure.values),
                              xLabel: "namespace depth", yLabel: "events per check", panels: panels)
        }
    }

    /// Placements as recorded: only rows with both nodes known.
    static func placements(_ rows: [ResultRow]) -> [String] {
        rows.filter { !$0["cpu_node"].isEmpty && !$0["mem_node"].isEmpty }
            .map { $0["cpu_node"] + "/" + $0["mem_node"] }
            .uniqued()
    }

    public static func numa(_ run: RunData) -> [PlotFigure] {
        let allPlacements = placements(run.rows)
        guard allPlacements.count > 1 else { return [] }
        let columns = ["mode", "cache"] + figureColumns(run, shown: ["mode", "cache", "strategy", "depth", "cpu_node", "mem_node"])
        let sourceIDs = run.sources.map(\.runID)
        return PointPanels.group(run.rows, by: columns).map { figure in
            let panels = figure.strategies.map { strategy -> PlotPanel in
                var series: [PlotSeries] = []
                for (sourceIndex, runID) in sourceIDs.enumerated() {
                    for (placementIndex, placement) in allPlacements.enumerated() {
                        let nodes = placement.split(separator: "/").map(String.init)
                        let points = figure.rows.filter {
                            $0["run_id"] == runID && $0["strategy"] == strategy && $0["cpu_node"] == nodes[0] && $0["mem_node"] == nodes[1]
                        }.compactMap(nsPoint).sorted { $0.x < $1.x }
                        guard !points.isEmpty else { continue }
                        let locality = nodes[0] == nodes[1] ? "local" : "remote"
                        var label = "cpu \(nodes[0]) mem \(nodes[1]) (\(locality))"
                        if sourceIDs.count > 1 { label = run.sourceLabel(runID: runID) + " " + label }
                        series.append(PlotSeries(label: label, color: placementIndex + 1, dash: sourceIndex + 1,
                                                 point: PlotStyle.point(placementIndex), points: points))
                    }
                }
                return PlotPanel(title: strategy, series: series).dodged()
            }.filter { !$0.series.isEmpty }
            return PlotFigure(stem: stem("numa", columns: columns, values: figure.values),
                              title: title("Local vs remote memory", columns: columns, values: figure.values),
                              xLabel: "namespace depth", yLabel: "net ns per check (95% CI)", panels: panels)
        }
    }

    public static func twins(_ run: RunData) -> [PlotFigure] {
        guard run.hasSamples else { return [] }
        // Ratios per run (TwinRatios pairs rows of one run), each tagged
        // with its Swift row for grouping.
        var ratios: [(row: ResultRow, ratio: TwinRatios.Ratio)] = []
        for part in run.perSource() {
            for ratio in TwinRatios(rows: part.rows, samples: part.samples, twins: run.twins).ratios { ratios.append((ratio.swift, ratio)) }
        }
        guard !ratios.isEmpty else { return [] }
        let columns = ["mode"] + figureColumns(run, shown: ["mode", "cache", "strategy", "depth"])
        let swiftRows = ratios.map(\.row)
        // Pairs in the run's order of the C twins, each drawn as its twin
        // is in the ns plot (its design's colour, the twin's dash).
        let pairs = run.strategies.compactMap { name in run.twins[name].map { (key: name, value: $0) } }
        let styles = PlotStyle.strategies(run.strategies, twins: run.twins)
        let sourceIDs = run.sources.map(\.runID)
        return PointPanels.group(swiftRows, by: columns).map { figure in
            let dashBySource = Set(figure.rows.map { $0["run_id"] }).count > 1
            let panels = PointPanels.group(figure.rows, by: ["cache"]).map { panel -> PlotPanel in
                var series: [PlotSeries] = []
                for (sourceIndex, runID) in sourceIDs.enumerated() {
                    for (pairIndex, pair) in pairs.enumerated() {
                        let style = styles[pair.key] ?? PlotStyle.Style(color: pairIndex + 1, dash: 1, point: PlotStyle.point(pairIndex))
                        let points = ratios.filter { item in
                            item.row["run_id"] == runID && item.row["strategy"] == pair.value
                                && panel.rows.contains { $0 == item.row }
                        }.compactMap { item -> PlotPoint? in
                            guard let depth = item.row.double("depth"), let r = item.ratio.comparison?.ratio else { return nil }
                            return PlotPoint(x: depth, y: r.value, low: r.ciLow, high: r.ciHigh)
                        }.sorted { $0.x < $1.x }
                        guard !points.isEmpty else { continue }
                        var label = "\(pair.value) / \(pair.key)"
                        if sourceIDs.count > 1 { label = run.sourceLabel(runID: runID) + " " + label }
                        series.append(PlotSeries(label: label, color: style.color, dash: dashBySource ? sourceIndex + 1 : style.dash,
                                                 point: style.point, points: points))
                    }
                }
                return PlotPanel(title: "\(panel.values[0]) cache", series: series,
                                 references: [(1, "equal time"), (1.05, "Swift 5% slower")]).dodged()
            }.filter { !$0.series.isEmpty }
            return PlotFigure(stem: stem("twins", columns: columns, values: figure.values),
                              title: title("Swift / C twin time ratio", columns: columns, values: figure.values),
                              xLabel: "namespace depth", yLabel: "Swift / C net time (95% CI)", panels: panels)
        }
    }
}
