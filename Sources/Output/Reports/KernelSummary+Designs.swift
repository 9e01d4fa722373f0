// The "against the kernel" block of a kernel summary: a design run's net
// cost per check (results.csv) as a share of this machine's open()+close()
// and stat(), and the model's per-level slopes beside the kernel's own
// per-level figures. They are different code, and the block says so.

import ResultsFormat
import Support

extension KernelSummary {
    /// One design panel: a strategy in one cache state and call mode.
    struct DesignPanel: Equatable {
        let strategy: String
        let cache: String
        let mode: String
    }

    /// The reference kernel figure: the measured point at the reference
    /// path depth (or the nearest one), no Landlock domain.
    func reference(_ figure: String) -> (depth: Int, ns: Double)? {
        let depths = pathDepths.sorted { abs($0 - Self.referencePathDepth) < abs($1 - Self.referencePathDepth) }
        for depth in depths {
            if let row = point(figure, path: depth), row.isMeasured, let ns = row.double("ns"), ns > 0 { return (depth, ns) }
        }
        return nil
    }

    /// `ns` as a percentage of `of`: "1.2%"; "n/r" for a cost not told
    /// apart from the empty baseline, "-" for no point.
    static func share(_ row: ResultRow?, of reference: Double) -> String {
        guard let row, let ns = row.double("ns_per_check") else { return "-" }
        if Resolution.isUnresolved(row) { return "n/r" }
        return percent(ns / reference * 100)
    }

    /// "0.45%", "8.9%", "527%": at most six columns, so the table's
    /// columns always keep a space between them.
    static func percent(_ value: Double) -> String {
        let magnitude = value.magnitude
        return FixedPoint.text(value, decimals: magnitude < 1 ? 2 : (magnitude < 100 ? 1 : 0)) + "%"
    }

    /// The columns other than strategy, cache, mode and depth that tell
    /// points apart; the block uses the first combination of the run.
    static let otherColumns = ResultsSchema.pointColumns.filter { !["strategy", "cache", "mode", "depth"].contains($0) }

    func againstTheKernelLines(_ designs: RunData) -> [String] {
        let runID = designs.sources.first?.runID ?? designs.directory.path
        var lines = ["== Against the kernel: the designs of \(runID) =="]
        let others = designs.rows.first.map { first in Self.otherColumns.map { first[$0] } }
        let rows = designs.rows.filter { row in Self.otherColumns.map { row[$0] } == others }
        let panels = rows.reduce(into: [DesignPanel]()) { panels, row in
            let panel = DesignPanel(strategy: row["strategy"], cache: row["cache"], mode: row["mode"])
            if !panels.contains(panel) { panels.append(panel) }
        }.filter { $0.cache == "hot" || $0.cache == "cold" }
        guard let open = reference("open-close"), let stat = reference("stat") else {
            lines += TextLayout.wrap("No share of open() and stat(): this kernel run did not measure them.")
            return lines
        }
        lines += TextLayout.wrap("Net ns per check of each design (that run's results.csv, hot and cold) as a "
            + "share of one openat+close (\(ReportNumber.adaptive(open.ns)) ns, path depth \(open.depth)) and one "
            + "fstatat (\(ReportNumber.adaptive(stat.ns)) ns, depth \(stat.depth)) on this machine, no Landlock "
            + "domain. A check is one hook call through one LSM stack; a syscall calls one or more hooks.")
        if rows.count < designs.rows.count {
            lines += TextLayout.wrap("(The run varies other axes; shown: \(zip(Self.otherColumns, others ?? []).filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")).)")
        }
        func line(_ cells: [String]) -> String {
            cells[0].rightPadded(to: 18) + cells[1].rightPadded(to: 6) + cells[2].rightPadded(to: 4)
                + cells.dropFirst(3).map { $0.leftPadded(to: 7) }.joined()
        }
        let depths = Self.designDepths
        lines.append("".rightPadded(to: 28) + "% of open()".leftPadded(to: 21) + "% of stat()".leftPadded(to: 21))
        lines.append(line(["strategy", "cache", "mode"] + (depths + depths).map { "d\($0)" }))
        for panel in panels {
            func at(_ depth: Int) -> ResultRow? {
                rows.first { $0["strategy"] == panel.strategy && $0["cache"] == panel.cache && $0["mode"] == panel.mode
                    && $0.int("depth") == depth }
            }
            let mode = panel.mode == "throughput" ? "thr" : (panel.mode == "latency" ? "lat" : panel.mode)
            lines.append(line([panel.strategy, panel.cache, mode]
                + depths.map { Self.share(at($0), of: open.ns) } + depths.map { Self.share(at($0), of: stat.ns) }))
        }
        lines.append("(n/r: not told apart from the empty baseline; -: not in that run)")
        lines.append("")
        lines += perLevelLines(rows: rows, panels: panels)
        return lines
    }

    /// The model's slope per ancestor level beside the kernel's figures.
    func perLevelLines(rows: [ResultRow], panels: [DesignPanel]) -> [String] {
        var lines = TextLayout.wrap("Per level, model beside kernel (ns, 95% CI). Different code: the model "
            + "times its designs' walks over its own structures in user space; the kernel figures are "
            + "slopes of whole syscalls (Landlock's layer masks inside open(); cap_capable's ns->parent walk "
            + "inside kill()).")
        func line(_ label: String, _ value: String) -> String { label.rightPadded(to: 52) + value.leftPadded(to: 20) }
        for panel in panels {
            let panelRows = rows.filter { $0["strategy"] == panel.strategy && $0["cache"] == panel.cache && $0["mode"] == panel.mode }
            guard let slope = DepthSlope(strategy: panel.strategy, rows: panelRows) else { continue }
            lines.append(line("  model \(panel.strategy), \(panel.cache) \(panel.mode)",
                              ReportNumber.withHalfWidth(slope.fit.slope.value, slope.fit.slope.halfWidth)))
        }
        if let depth = reference("open-close")?.depth {
            lines.append(line("  kernel Landlock, per domain (open+close d\(depth))", Self.cell(derived(.perLayer, "open-close", path: depth))))
        }
        lines.append(line("  kernel user-namespace creation, per level", Self.cell(derived(.perLevel, "userns-create"))))
        lines.append(line("  kernel cap_capable walk in kill(), per level", Self.cell(derived(.perLevel, "cap-walk"))))
        return lines
    }
}
