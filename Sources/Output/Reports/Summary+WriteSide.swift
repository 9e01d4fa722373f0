// The write side of a run (rows whose op is not `check`): per operation,
// each design's median with its CI and its p99 at every depth, a table per
// number of descendants; the reload's miss storm; and the read/write
// trade-off against the baseline design, with the break-even point: the
// checks per reload above which a design's cheaper checks pay for its
// dearer reloads. The miss storm's misses are exact but its time is a
// difference of two noisy sums, so the break-even leaves it out and the
// storm is shown beside it.

import ResultsFormat
import Support

/// One design against the baseline at one depth and descendant count.
public struct TradeOff: Sendable, Equatable {
    public let strategy: String
    public let depth: Int
    public let descendants: Int
    /// ns saved per check (baseline minus design); nil without check rows.
    public let savedPerCheck: Double?
    /// Whether the two check medians' CIs are apart.
    public let savedIsSignificant: Bool
    /// ns added per reload (the operation; the storm is apart); nil without reloads.
    public let addedPerReload: Double?
    public let reloadIsSignificant: Bool
    /// ns added per create; nil without create rows.
    public let addedPerCreate: Double?

    /// Checks per reload above which the design pays off: nil when it
    /// saves nothing per check (it never pays), 0 when its reloads are no
    /// dearer (it always pays).
    public var breakEvenChecks: Double? {
        guard let saved = savedPerCheck, let added = addedPerReload, saved > 0, savedIsSignificant else { return nil }
        return added <= 0 || !reloadIsSignificant ? 0 : added / saved
    }

    /// The reload rate per reader above which the design stops paying, for
    /// a reader making `checksPerSecond` checks.
    public func breakEvenReloadsPerSecond(checksPerSecond: Double) -> Double? {
        guard let checks = breakEvenChecks else { return nil }
        return checks == 0 ? .infinity : checksPerSecond / checks
    }
}

extension ResultRow {
    /// Whether the row times a write-side operation (op other than check).
    public var isWriteSide: Bool { pointValue("op") != "check" }
}

extension SummaryReport {
    /// The checks per second per reader that the trade-off table's rates assume.
    public static let tradeOffChecksPerSecond = 1_000_000.0

    /// The write side's operations in the order the model lists them.
    static let writeSideOrder = ["create", "create-refused", "create-unwound", "setns", "reload", "destroy"]

    var writeSideRows: [ResultRow] { run.rows.filter(\.isWriteSide) }

    /// Every design against the baseline where the run has both sides.
    public static func tradeOffs(_ rows: [ResultRow], baseline: String, strategies: [String]) -> [TradeOff] {
        let reloads = rows.filter { $0.pointValue("op") == "reload" }
        let places = Set(reloads.compactMap { row in row.int("depth").flatMap { d in row.int("descendants").map { [d, $0] } } })
            .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        func row(_ strategy: String, _ op: String, _ place: [Int]) -> ResultRow? {
            let candidates = rows.filter {
                $0["strategy"] == strategy && $0.pointValue("op") == op && $0.int("depth") == place[0]
                    && $0.int("descendants") == place[1] && !$0.isUnresolved && !$0.isChurn
            }
            // A check is read hot in throughput where the run has it.
            return candidates.first { $0["cache"] == "hot" && $0["mode"] == "throughput" } ?? candidates.first
        }
        func cost(_ row: ResultRow?) -> (value: Double, low: Double, high: Double)? {
            guard let row, let value = row.double("ns_per_check") else { return nil }
            return (value, row.double("ns_ci_low") ?? value, row.double("ns_ci_high") ?? value)
        }
        func apart(_ a: (value: Double, low: Double, high: Double), _ b: (value: Double, low: Double, high: Double)) -> Bool {
            a.high < b.low || b.high < a.low
        }
        var result: [TradeOff] = []
        for place in places {
            for strategy in strategies where strategy != baseline {
                guard let reload = cost(row(strategy, "reload", place)), let baseReload = cost(row(baseline, "reload", place)) else { continue }
                let check = cost(row(strategy, "check", place))
                let baseCheck = cost(row(baseline, "check", place))
                let create = cost(row(strategy, "create", place))
                let baseCreate = cost(row(baseline, "create", place))
                let saved = bothPresent(baseCheck, check).map { $0.value - $1.value }
                result.append(TradeOff(
                    strategy: strategy, depth: place[0], descendants: place[1],
                    savedPerCheck: saved, savedIsSignificant: bothPresent(baseCheck, check).map { apart($0, $1) } ?? false,
                    addedPerReload: reload.value - baseReload.value, reloadIsSignificant: apart(reload, baseReload),
                    addedPerCreate: bothPresent(create, baseCreate).map { $0.value - $1.value }))
            }
        }
        return result
    }

    /// The write-side section of the full summary; empty for a run of checks alone.
    func writeSideLines() -> [String] {
        let rows = writeSideRows
        guard !rows.isEmpty else { return [] }
        var lines = [""] + TextLayout.wrap("== Write side: each operation timed alone (median +- half its 95% CI, then p99; us) ==")
        lines += TextLayout.wrap("Each cell is the net time of one operation in microseconds, median with half its 95% CI, and its 99th percentile in brackets (p99.9 and max are in results.csv); it includes the model's bookkeeping, the same in every design, so differences between designs are the designs'.")
        let descendants = Set(rows.compactMap { $0.int("descendants") }).sorted()
        let depths = Set(rows.compactMap { $0.int("depth") }).sorted()
        let strategies = run.strategies.filter { name in rows.contains { $0["strategy"] == name } }
        let ops = Self.writeSideOrder.filter { op in rows.contains { $0.pointValue("op") == op } }
        for op in ops {
            for count in descendants {
                let table = rows.filter { $0.pointValue("op") == op && $0.int("descendants") == count }
                guard !table.isEmpty else { continue }
                lines.append("")
                lines += TextLayout.wrap("\(op), \(count) descendant\(count == 1 ? "" : "s"):")
                let body = strategies.map { strategy in
                    [strategy] + depths.map { depth in
                        table.first { $0["strategy"] == strategy && $0.int("depth") == depth }.map(Self.operationCell) ?? "-"
                    }
                }
                lines += TextLayout.table(header: ["us per op"] + depths.map { "depth \($0)" }, rows: body)
            }
        }
        lines += stormLines(rows, strategies: strategies, depths: depths, descendants: descendants)
        lines += tradeOffLines()
        return lines
    }

    /// "3.27+-0.18 [4.63]": the median and half its CI, then p99, in us.
    static func operationCell(_ row: ResultRow) -> String {
        let cell = Self.cell(row, scale: 1.0 / 1000)
        guard !row.isUnresolved, row.double("ns_per_check") != nil else { return cell }
        return cell + (row.double("p99_ns").map { " [" + ReportNumber.adaptive($0 / 1000) + "]" } ?? "")
    }

    private func stormLines(_ rows: [ResultRow], strategies: [String], depths: [Int], descendants: [Int]) -> [String] {
        let reloads = rows.filter { $0.pointValue("op") == "reload" && !$0["storm_checks"].isEmpty }
        guard !reloads.isEmpty else { return [] }
        var lines = [""] + TextLayout.wrap("After a reload: the miss storm, as extra cache misses and extra us over the checks until 90% of them had happened (task 0's hot plan, chunk for chunk against the same checks before the reload; a design without caches has none; n/r: the time does not fit the misses, below zero or above 1 us a miss, and is the machine's noise; the misses are exact):")
        for count in descendants {
            let table = reloads.filter { $0.int("descendants") == count }
            guard !table.isEmpty else { continue }
            lines.append("")
            lines += TextLayout.wrap("reload, \(count) descendant\(count == 1 ? "" : "s"): misses / us / checks")
            let body = strategies.map { strategy in
                [strategy] + depths.map { depth in
                    table.first { $0["strategy"] == strategy && $0.int("depth") == depth }.map { row in
                        "\(row["storm_misses"]) / " + Self.stormTime(row) + " / \(row["storm_checks"])"
                    } ?? "-"
                }
            }
            lines += TextLayout.table(header: ["storm"] + depths.map { "depth \($0)" }, rows: body)
        }
        return lines
    }

    /// The most a miss can plausibly cost here: one rule-store lookup and
    /// an insert are tens of ns; a storm's time above this per excess miss
    /// is the machine's noise, not the misses.
    static let plausibleNanosecondsPerMiss = 1_000.0

    /// A storm's extra time in us, or n/r when it does not fit its misses:
    /// negative (the chunks came out faster after the reload), or more
    /// than `plausibleNanosecondsPerMiss` per excess miss.
    static func stormTime(_ row: ResultRow) -> String {
        guard let ns = row.double("storm_ns") else { return "-" }
        let misses = Double(row.int("storm_misses") ?? 0)
        if misses > 0 && (ns < 0 || ns > misses * plausibleNanosecondsPerMiss) { return Resolution.mark }
        return ReportNumber.adaptive(ns / 1000)
    }

    /// The read/write trade-off against the baseline, per depth and
    /// descendant count; empty unless the run has checks and reloads.
    func tradeOffLines() -> [String] {
        let tradeOffs = Self.tradeOffs(run.rows, baseline: baseline, strategies: run.strategies)
        guard tradeOffs.contains(where: { $0.savedPerCheck != nil }) else { return [] }
        let rate = Self.tradeOffChecksPerSecond
        var lines = [""] + TextLayout.wrap("== Read/write trade-off against \(baseline) ==")
        lines += TextLayout.wrap("saved: ns per check (hot); +reload: us per reload (the operation; its miss storm is in the table above, and adds its misses times a miss's cost); +create: us per create; break-even: the checks per reload above which the design pays, and the reloads per second per reader (at \(Int(rate / 1e6))M checks/s) above which it stops paying. n.s.: the difference is not significant at 95%; never: it saves nothing per check; always: its reloads are no dearer.")
        for place in Set(tradeOffs.map { [$0.depth, $0.descendants] }).sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
            let entries = tradeOffs.filter { $0.depth == place[0] && $0.descendants == place[1] }
            lines.append("")
            lines += TextLayout.wrap("depth \(place[0]), \(place[1]) descendant\(place[1] == 1 ? "" : "s"):")
            let body = entries.map { entry -> [String] in
                let saved = entry.savedPerCheck.map { ReportNumber.adaptive($0) + (entry.savedIsSignificant ? "" : " n.s.") } ?? "-"
                let reload = entry.addedPerReload.map { Self.signed($0 / 1000) + (entry.reloadIsSignificant ? "" : " n.s.") } ?? "-"
                let create = entry.addedPerCreate.map { Self.signed($0 / 1000) } ?? "-"
                let checks: String
                let reloads: String
                switch entry.breakEvenChecks {
                case nil: (checks, reloads) = ("never", "-")
                case 0?: (checks, reloads) = ("always", "-")
                case let value?:
                    checks = ReportNumber.adaptive(value)
                    reloads = ReportNumber.adaptive(entry.breakEvenReloadsPerSecond(checksPerSecond: rate) ?? .nan)
                }
                return [entry.strategy, saved, reload, create, checks, reloads]
            }
            lines += TextLayout.table(header: ["design", "saved", "+reload", "+create", "checks/rl", "rl/s"], rows: body)
        }
        return lines
    }

    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + ReportNumber.adaptive(value)
    }
}
