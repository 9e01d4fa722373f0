// The cost of each further ancestor level per strategy: the weighted
// least-squares slope of net ns/check over depth with its 95% CI, and the
// same in loads at the cache level the loads come from, when the run has a
// latency ladder.

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

    func slopeLines(_ panel: RowGroup) -> [String] {
        let depths = panel.depths
        guard depths.count >= 3 else {
            return TextLayout.wrap("Per ancestor level: needs three or more depths; this panel has \(depths.count).")
        }
        var lines = [""]
        lines += TextLayout.wrap("Cost per ancestor level (weighted LS slope over depths "
            + "\(depths.first!)-\(depths.last!), 95% CI):")
        let slopes = panel.strategies.compactMap { DepthSlope(strategy: $0, rows: panel.rows(strategy: $0)) }
        let labelWidth = slopes.map(\.strategy.count).max() ?? 0
        let first = panel.rows.first ?? ResultRow()
        for slope in slopes {
            let half = slope.fit.slope.halfWidth
            let head = "  " + slope.strategy.rightPadded(to: labelWidth) + "  "
                + ReportNumber.withHalfWidth(slope.fit.slope.value, half) + " ns"
            var tail = ""
            if let calibration = run.calibration {
                let level = calibration.level(workingSetBytes: slope.largestWorkingSetBytes, cache: first["cache"],
                                              cpuNode: first["cpu_node"], memNode: first["mem_node"])
                if level.nsPerLoad.isFinite, level.nsPerLoad > 0 {
                    tail = "= " + ReportNumber.withHalfWidth(slope.fit.slope.value / level.nsPerLoad, half / level.nsPerLoad)
                        + " \(level.name) loads (\(ReportNumber.adaptive(level.nsPerLoad)) ns each)"
                } else {
                    tail = "(the ladder has no \(level.name) latency)"
                }
            }
            if let reason = slope.unweightedReason { tail += (tail.isEmpty ? "" : " ") + "(unweighted: \(reason))" }
            if let chain = Self.chainPerLevel(panel.rows(strategy: slope.strategy)) {
                tail += (tail.isEmpty ? "" : "; ") + "chain +\(FixedPoint.text(chain, decimals: 1)) dependent loads/level"
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
        if run.calibration != nil, !slopes.isEmpty {
            let rule = first["cache"] == "cold"
                ? "(cold points flush every line first, so the loads come from DRAM)"
                : "(loads at the level each strategy's deepest working set fits in)"
            lines += TextLayout.wrap(rule, indent: "  ", continuation: "   ")
        }
        return lines
    }
}
