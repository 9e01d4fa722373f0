// The cost of each further ancestor level per strategy: the weighted
// least-squares slope of net ns/check over depth with its 95% CI, and the
// same in loads at the cache level the loads come from, when the run has a
// latency ladder. Points not resolved above the empty baseline have no
// cost to fit: they are left out (and named), and a strategy left with
// fewer than three resolved depths has no slope ("n/r").

import ResultsFormat
import Support

extension SummaryReport {
    /// How many dependent loads each further level adds to a strategy's
    /// critical path (`dependent_loads`, exact by construction): the change
    /// from the shallowest to the deepest point, per level.
    static func chainPerLevel(_ rows: [ResultRow]) -> Double? {
        let points = rows.compactMap { row in row.int("depth").flatMap { d in row.double("dependent_loads").map { (d, $0) } } }
        guard let low = points.min(by: { $0.0 < $1.0 }), let high = points.max(by: { $0.0 < $1.0 }), high.0 > low.0 else { return nil }
        return (high.1 - low.1) / Double(high.0 - low.0)
    }

    /// One strategy's cost per level in one panel.
    struct LevelCost {
        let strategy: String
        /// nil when fewer than three depths are resolved.
        let slope: DepthSlope?
        /// Depths left out of the fit because they are not resolved.
        let leftOut: [Int]
        /// The slope in loads of `level`, when the run has a ladder that
        /// reaches that level.
        let loads: (value: Double, halfWidth: Double)?
        /// The cache level the loads come from and its ns per load (NaN
        /// when the ladder did not reach it); nil without a ladder.
        let level: (name: String, nsPerLoad: Double)?
    }

    /// The cost per level of every strategy of `panel` measured at three or
    /// more depths, in the panel's strategy order.
    func levelCosts(_ panel: RowGroup, strategies: [String]? = nil) -> [LevelCost] {
        let first = panel.rows.first ?? ResultRow()
        return (strategies ?? panel.strategies).compactMap { strategy -> LevelCost? in
            let rows = panel.rows(strategy: strategy).filter {
                $0.double("ns_per_check") != nil && $0.double("ns_ci_low") != nil && $0.double("ns_ci_high") != nil
            }
            guard Set(rows.compactMap { $0.int("depth") }).count >= 3 else { return nil }
            let resolved = rows.filter { !$0.isUnresolved }
            let leftOut = rows.filter(\.isUnresolved).compactMap { $0.int("depth") }
            guard let slope = DepthSlope(strategy: strategy, rows: resolved) else {
                return LevelCost(strategy: strategy, slope: nil, leftOut: leftOut, loads: nil, level: nil)
            }
            guard let calibration = run.calibration else {
                return LevelCost(strategy: strategy, slope: slope, leftOut: leftOut, loads: nil, level: nil)
            }
            let level = calibration.level(workingSetBytes: slope.largestWorkingSetBytes, cache: first["cache"],
                                          cpuNode: first["cpu_node"], memNode: first["mem_node"])
            var loads: (Double, Double)?
            if level.nsPerLoad.isFinite, level.nsPerLoad > 0 {
                loads = (slope.fit.slope.value / level.nsPerLoad, slope.fit.slope.halfWidth / level.nsPerLoad)
            }
            return LevelCost(strategy: strategy, slope: slope, leftOut: leftOut, loads: loads, level: level)
        }
    }

    func slopeLines(_ panel: RowGroup) -> [String] {
        let depths = panel.depths
        guard depths.count >= 3 else {
            return TextLayout.wrap("Per ancestor level: needs three or more depths; this panel has \(depths.count).")
        }
        var lines = [""]
        lines += TextLayout.wrap("Cost per ancestor level (weighted LS slope over depths "
            + "\(depths.first!)-\(depths.last!), 95% CI):")
        let costs = levelCosts(panel)
        let labelWidth = costs.map(\.strategy.count).max() ?? 0
        let first = panel.rows.first ?? ResultRow()
        for cost in costs {
            let head: String
            var tail = ""
            if let slope = cost.slope {
                head = "  " + cost.strategy.rightPadded(to: labelWidth) + "  "
                    + ReportNumber.withHalfWidth(slope.fit.slope.value, slope.fit.slope.halfWidth) + " ns"
                if let level = cost.level {
                    if let loads = cost.loads {
                        tail = "= " + ReportNumber.withHalfWidth(loads.value, loads.halfWidth)
                            + " \(level.name) loads (\(ReportNumber.adaptive(level.nsPerLoad)) ns each)"
                    } else {
                        tail = "(the ladder has no \(level.name) latency)"
                    }
                }
                if let reason = slope.unweightedReason { tail += (tail.isEmpty ? "" : " ") + "(unweighted: \(reason))" }
                if let chain = Self.chainPerLevel(panel.rows(strategy: cost.strategy)) {
                    tail += (tail.isEmpty ? "" : "; ") + "chain +\(FixedPoint.text(chain, decimals: 1)) dependent loads/level"
                }
            } else {
                head = "  " + cost.strategy.rightPadded(to: labelWidth) + "  " + Resolution.mark
                tail = "(fewer than three depths resolved)"
            }
            if !cost.leftOut.isEmpty, cost.slope != nil {
                tail += (tail.isEmpty ? "" : " ") + "(\(Resolution.mark) at d"
                    + cost.leftOut.map(String.init).joined(separator: ",") + " left out)"
            }
            // The padded head keeps the columns aligned; what does not fit
            // beside it goes on the next line rather than reflowing the head.
            if tail.isEmpty {
                lines.append(head)
            } else if head.count + 1 + tail.count <= TextLayout.width {
                lines.append(head + " " + tail)
            } else {
                lines.append(head)
                lines += TextLayout.wrap(tail, indent: "    ", continuation: "    ")
            }
        }
        if run.calibration != nil, costs.contains(where: { $0.slope != nil }) {
            let rule = first["cache"] == "cold"
                ? "(cold points flush every line first, so the loads come from DRAM)"
                : "(loads at the level each strategy's deepest working set fits in)"
            lines += TextLayout.wrap(rule, indent: "  ", continuation: "   ")
        }
        return lines
    }
}
