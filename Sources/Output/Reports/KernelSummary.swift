// summary.txt of a `hookbench kernel` run: the running kernel's figures
// (syscall floors, Landlock by stacked domains, nested user namespaces,
// what was refused and why) in 72 columns, and, given a design run, the
// "against the kernel" block: each design's cost per check as a share of
// this machine's open() and stat(), and the model's per-level slopes
// beside the kernel's per-level figures.

import Foundation
import ResultsFormat
import Support

public struct KernelSummary: Sendable {
    public let rows: [KernelRow]
    public let metadata: RunMetadata?
    /// The design run to set beside the kernel, when given.
    public let designs: RunData?

    public init(rows: [KernelRow], metadata: RunMetadata? = nil, designs: RunData? = nil) {
        self.rows = rows
        self.metadata = metadata
        self.designs = designs
    }

    /// The path depth the shares are taken at (the brief's depth 4), or
    /// the nearest measured one.
    public static let referencePathDepth = 4
    /// Design depths the shares are given at.
    public static let designDepths = [0, 8, 32]
    /// User-namespace depths the table shows (kernel.csv has every one).
    static let shownDepths = [0, 1, 2, 4, 8, 16, 24, 32]

    /// Writes summary.txt into `directory` (its meta.json read if there).
    public static func write(directory: String, rows: [KernelRow], designs: RunData?) throws -> String {
        let results = ResultsDirectory(directory)
        let metadata = try? RunMetadata.read(results.metaPath)
        try results.writeAtomically(KernelSummary(rows: rows, metadata: metadata, designs: designs).text(),
                                    to: results.summaryPath)
        return results.summaryPath
    }

    public func text() -> String {
        var lines = headerLines()
        lines += [""] + floorLines()
        lines += [""] + landlockLines()
        lines += [""] + userNamespaceLines()
        let refused = refusedLines()
        if !refused.isEmpty { lines += [""] + refused }
        if let designs { lines += [""] + againstTheKernelLines(designs) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Looking rows up

    func point(_ figure: String, path: Int? = nil, layers: Int = 0, depth: Int = 0) -> KernelRow? {
        rows.first { row in
            row.kind == .point && row["figure"] == figure && row.int("path_depth") == path
                && row.int("landlock_layers") == layers && row.int("userns_depth") == depth
        }
    }

    func derived(_ kind: KernelResultsSchema.Kind, _ figure: String, path: Int? = nil) -> KernelRow? {
        rows.first { $0.kind == kind && $0["figure"] == figure && $0.int("path_depth") == path }
    }

    /// "812.3+-4.1", "refused" or "-" (not in the file); a derived cost
    /// (first layer, per layer, per level) whose interval includes zero
    /// was not resolved and reads n/r, never a number.
    static func cell(_ row: KernelRow?) -> String {
        guard let row else { return "-" }
        guard row.isMeasured, let ns = row.double("ns"), let low = row.double("ns_ci_low"),
              let high = row.double("ns_ci_high") else { return "refused" }
        if row.kind != .point && low <= 0 && high >= 0 { return Resolution.mark }
        return ReportNumber.withHalfWidth(ns, (high - low) / 2)
    }

    /// Said under a table with a derived cost: what n/r means there.
    static let unresolvedNote = "n/r: not resolved, its 95% interval includes zero (the value is in kernel.csv)"

    var pathDepths: [Int] {
        Array(Set(rows.compactMap { $0.kind == .point ? $0.int("path_depth") : nil })).sorted()
    }

    var maxLayers: Int { rows.compactMap { $0.kind == .point ? $0.int("landlock_layers") : nil }.max() ?? 0 }

    // MARK: - Sections

    func headerLines() -> [String] {
        var lines: [String] = []
        let runID = metadata?.runID ?? rows.first?["run_id"] ?? "?"
        lines += TextLayout.wrap("hookbench kernel: run \(runID)" + (metadata.map { ", rev \($0.revision)" } ?? ""))
        if let machine = metadata?.machine?.summary { lines += TextLayout.wrap("Machine: " + machine) }
        let configuration = metadata?.configuration ?? [:]
        let repeats = configuration["repeats"] ?? rows.first(where: { $0.isMeasured })?["repeats"] ?? "?"
        var run = "Run: \(repeats) fresh processes per point"
        if let cpu = configuration["cpu"] { run += ", pinned to CPU \(cpu)" }
        if let landlock = configuration["landlock"] { run += ", \(landlock)" }
        if let timer = metadata?.timer { run += ", timer \(timer.source)" }
        lines += TextLayout.wrap(run)
        lines += TextLayout.wrap("Figures: ns per call (the whole syscall from user space), median +- half "
            + "the width of its 95% CI (hierarchical bootstrap over the processes, as for every hookbench "
            + "point); not net of the loop, whose own cost is given. See docs/kernel.md.")
        return lines
    }

    /// Short names of the calls, for the tables' first column.
    static let labels = [
        "loop": "empty C call (loop)", "null": "getppid (null)", "read": "pread 1 byte", "kill": "kill(self, 0)",
        "userns-create": "unshare(NEWUSER)", "open-close": "openat+close", "stat": "fstatat",
    ]

    func floorLines() -> [String] {
        var lines = ["== Syscall floors (no Landlock domain) =="]
        func line(_ label: String, _ hook: String, _ cells: [String]) -> String {
            label.rightPadded(to: 21) + hook.rightPadded(to: 15) + cells.map { " " + $0.leftPadded(to: 11) }.joined()
        }
        for figure in ["loop", "null", "read", "kill", "userns-create"] {
            guard let row = point(figure) else { continue }
            lines.append(line(Self.labels[figure] ?? figure, row["hook"], [Self.cell(row)]))
        }
        let depths = pathDepths
        if !depths.isEmpty {
            lines.append(line("", "path depth", depths.map(String.init)))
            for figure in ["open-close", "stat"] {
                guard let first = point(figure, path: depths[0]) else { continue }
                lines.append(line(Self.labels[figure] ?? figure, first["hook"], depths.map { Self.cell(point(figure, path: $0)) }))
            }
        }
        lines += TextLayout.wrap("(unshare(NEWUSER): creating a user namespace from the initial one; "
            + "kill: the signal check only, signal 0)")
        return lines
    }

    func landlockLines() -> [String] {
        let layers = maxLayers
        var lines = ["== Landlock: 0 to \(layers) stacked domains =="]
        lines += TextLayout.wrap("Each domain handles LANDLOCK_ACCESS_FS_READ_FILE and READ_DIR and allows "
            + "them beneath the tree root; each layer count runs in fresh processes (a domain cannot be "
            + "removed). First layer: 1 domain minus none. Per layer: slope over 1 to \(layers) domains.")
        guard layers > 0 else { return lines + ["(no layers were asked for)"] }
        func line(_ cells: [String]) -> String {
            cells[0].rightPadded(to: 14) + cells.dropFirst().map { " " + $0.leftPadded(to: 13) }.joined()
        }
        lines.append(line(["", "none", layers == 1 ? "1 layer" : "\(layers) layers", "first layer", "per layer"]))
        for figure in ["open-close", "stat"] {
            for depth in pathDepths {
                let label = (figure == "open-close" ? "open+close" : "stat") + " d\(depth)"
                lines.append(line([label, Self.cell(point(figure, path: depth)),
                                   Self.cell(point(figure, path: depth, layers: layers)),
                                   Self.cell(derived(.firstLayer, figure, path: depth)),
                                   Self.cell(derived(.perLayer, figure, path: depth))]))
            }
        }
        lines += TextLayout.wrap("(d: path depth. Landlock does not hook inode_getattr, so stat is the control. "
            + Self.unresolvedNote + ")")
        return lines
    }

    func userNamespaceLines() -> [String] {
        var lines = ["== Nested user namespaces =="]
        lines += TextLayout.wrap("Creation: one unshare(CLONE_NEWUSER) by a process that many levels deep "
            + "(a fresh forked child per call; inc_ucount walks every level up). Walk: kill(pid, 0) from "
            + "the initial namespace to a task that deep under another uid: ns_capable(CAP_KILL) against "
            + "the task's namespace, where cap_capable follows ns->parent one level per depth.")
        func line(_ cells: [String]) -> String {
            cells[0].leftPadded(to: 5) + cells.dropFirst().map { $0.leftPadded(to: 24) }.joined()
        }
        lines.append(line(["depth", "create (userns_create)", "walk (kill, capable)"]))
        let depths = Set(rows.compactMap { $0.kind == .point && $0["figure"] == "userns-create" ? $0.int("userns_depth") : nil })
        for depth in Self.shownDepths where depths.contains(depth) {
            lines.append(line(["\(depth)", Self.cell(point("userns-create", depth: depth)),
                               Self.cell(point("cap-walk", depth: depth))]))
        }
        let creation = derived(.perLevel, "userns-create"), walk = derived(.perLevel, "cap-walk")
        lines.append(line(["/lvl", Self.cell(creation), Self.cell(walk)]))
        lines += TextLayout.wrap("(/lvl: slope per level, creation over \(Self.range(creation)), walk over "
            + "\(Self.range(walk)); every depth is in kernel.csv; " + Self.unresolvedNote + ")")
        return lines
    }

    static func range(_ row: KernelRow?) -> String {
        guard let over = row?["over"], let space = over.lastIndex(of: " ") else { return "?" }
        return "depths " + over[over.index(after: space)...]
    }

    /// Each distinct refusal once, with the figures it took away.
    func refusedLines() -> [String] {
        var groups: [(reason: String, how: String, figures: [String], count: Int)] = []
        for row in rows where !row.isMeasured {
            let figure = row.kind == .point ? row["figure"] : "\(row["figure"]) \(row["kind"])"
            if let index = groups.firstIndex(where: { $0.reason == row["reason"] && $0.how == row["how_to_enable"] }) {
                if !groups[index].figures.contains(figure) { groups[index].figures.append(figure) }
                groups[index].count += 1
            } else {
                groups.append((row["reason"], row["how_to_enable"], [figure], 1))
            }
        }
        guard !groups.isEmpty else { return [] }
        var lines = ["== Refused here =="]
        for group in groups {
            lines += TextLayout.wrap("\(group.figures.joined(separator: ", ")) (\(group.count) rows): \(group.reason).",
                                     indent: "- ", continuation: "  ")
            lines += TextLayout.wrap("To enable: \(group.how).", indent: "  ", continuation: "  ")
        }
        return lines
    }
}
