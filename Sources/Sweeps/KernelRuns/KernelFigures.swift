// From samples to the figures of kernel.csv: each point's median per call
// with the hierarchical-bootstrap interval over its fresh processes (as
// every hookbench point is estimated), Landlock's first-layer cost (one
// domain minus none, MOVER interval), and the per-layer and per-level
// slopes (weighted least squares over the points' intervals, t interval).

import KernelProbes
import ResultsFormat
import SeededRandom
import Statistics
import Support

public struct KernelRowIdentity: Sendable {
    public let runID: String
    public let host: String
    public let fingerprint: String

    public init(runID: String, host: String, fingerprint: String) {
        self.runID = runID
        self.host = host
        self.fingerprint = fingerprint
    }
}

public enum KernelFigures {
    /// Depths the user-namespace creation slope is fitted over start here:
    /// depth 0 creates from the initial namespace, whose creator (real root,
    /// the full uid map) takes a visibly different path.
    public static let creationFitStart = 1
    static let seed: UInt64 = 0x6b65726e656c

    /// Every point of the plan (measured or refused), then the derived figures.
    public static func rows(_ measurements: KernelMeasurements, identity: KernelRowIdentity) -> [KernelRow] {
        let plan = measurements.plan
        var estimates: [KernelPoint: RepeatedMeasurementEstimate] = [:]
        var generator = SeededGenerator(seed: seed)
        var rows: [KernelRow] = []
        for point in plan.points {
            var row = base(identity, kind: .point, figure: point.figure)
            row["path_depth"] = point.pathDepth.map(String.init) ?? ""
            row["landlock_layers"] = "\(point.landlockLayers)"
            row["userns_depth"] = "\(point.userNamespaceDepth)"
            if let refusal = measurements.refusals[point] {
                refuse(&row, refusal)
            } else if let repeats = measurements.samples[point],
                      let estimate = RepeatedMeasurementEstimate(repeats: repeats, using: &generator) {
                estimates[point] = estimate
                row["status"] = KernelResultsSchema.Status.measured.rawValue
                row["repeats"] = "\(estimate.repeatCount)"
                row["samples"] = "\(estimate.sampleCount)"
                row["calls_per_sample"] = measurements.callsPerSample[point].map(String.init) ?? ""
                put(&row, estimate.estimate)
                var notes: [String] = []
                if let note = estimate.note { notes.append(note) }
                if estimate.repeatCount > 1 {
                    notes.append("process medians \(ResultRow.number(estimate.minimumRepeatMedian, digits: 1))-\(ResultRow.number(estimate.maximumRepeatMedian, digits: 1)) ns")
                }
                row["note"] = notes.joined(separator: "; ")
            } else {
                refuse(&row, KernelRefusal(reason: "no samples were reported", howToEnable: "rerun"))
            }
            rows.append(row)
        }
        for figure in [KernelFigure.openClose, .stat] {
            for depth in plan.pathDepths where plan.maxLayers >= 1 {
                rows.append(firstLayer(figure, depth, estimates, measurements, identity))
                rows.append(slope(.perLayer, figure: figure, pathDepth: depth,
                                  points: (1...plan.maxLayers).map { KernelPoint(figure, pathDepth: depth, landlockLayers: $0) },
                                  x: { Double($0.landlockLayers) }, axis: "landlock_layers", estimates, measurements, identity))
            }
        }
        let depths = (0...plan.maxDepth)
        rows.append(slope(.perLevel, figure: .userNamespaceCreation, pathDepth: nil,
                          points: depths.filter { $0 >= creationFitStart }.map { KernelPoint(.userNamespaceCreation, userNamespaceDepth: $0) },
                          x: { Double($0.userNamespaceDepth) }, axis: "userns_depth", estimates, measurements, identity))
        rows.append(slope(.perLevel, figure: .capabilityWalk, pathDepth: nil,
                          points: depths.map { KernelPoint(.capabilityWalk, userNamespaceDepth: $0) },
                          x: { Double($0.userNamespaceDepth) }, axis: "userns_depth", estimates, measurements, identity))
        return rows
    }

    private static func base(_ identity: KernelRowIdentity, kind: KernelResultsSchema.Kind, figure: KernelFigure) -> KernelRow {
        var row = KernelRow()
        row["schema_version"] = KernelResultsSchema.version
        row["run_id"] = identity.runID
        row["host"] = identity.host
        row["fingerprint"] = identity.fingerprint
        row["kind"] = kind.rawValue
        row["figure"] = figure.rawValue
        row["syscall"] = figure.call
        row["hook"] = figure.hook
        return row
    }

    private static func refuse(_ row: inout KernelRow, _ refusal: KernelRefusal) {
        row["status"] = KernelResultsSchema.Status.refused.rawValue
        row["reason"] = refusal.reason
        row["how_to_enable"] = refusal.howToEnable
    }

    private static func put(_ row: inout KernelRow, _ estimate: Estimate) {
        row["ns"] = ResultRow.number(estimate.value)
        row["ns_ci_low"] = ResultRow.number(estimate.ciLow)
        row["ns_ci_high"] = ResultRow.number(estimate.ciHigh)
    }

    /// The first refusal among `points`, for a derived figure that needs them.
    private static func refusal(among points: [KernelPoint], _ measurements: KernelMeasurements) -> KernelRefusal? {
        points.lazy.compactMap { measurements.refusals[$0] }.first
    }

    static func firstLayer(_ figure: KernelFigure, _ depth: Int, _ estimates: [KernelPoint: RepeatedMeasurementEstimate],
                           _ measurements: KernelMeasurements, _ identity: KernelRowIdentity) -> KernelRow {
        var row = base(identity, kind: .firstLayer, figure: figure)
        row["path_depth"] = "\(depth)"
        row["landlock_layers"] = "1"
        row["over"] = "landlock_layers 1 minus 0"
        let none = KernelPoint(figure, pathDepth: depth), one = KernelPoint(figure, pathDepth: depth, landlockLayers: 1)
        guard let with = estimates[one], let without = estimates[none] else {
            refuse(&row, refusal(among: [one, none], measurements)
                   ?? KernelRefusal(reason: "a point it needs was not measured", howToEnable: "rerun"))
            return row
        }
        let difference = with.estimate.subtracting(without.estimate)
        row["status"] = KernelResultsSchema.Status.measured.rawValue
        row["repeats"] = "\(min(with.repeatCount, without.repeatCount))"
        row["samples"] = "\(with.sampleCount + without.sampleCount)"
        put(&row, difference.unclamped)
        row["fit"] = "difference (MOVER)"
        if !difference.isDistinguishableFromZero { row["note"] = "not resolved: the interval includes zero" }
        return row
    }

    static func slope(_ kind: KernelResultsSchema.Kind, figure: KernelFigure, pathDepth: Int?, points: [KernelPoint],
                      x: (KernelPoint) -> Double, axis: String,
                      _ estimates: [KernelPoint: RepeatedMeasurementEstimate], _ measurements: KernelMeasurements,
                      _ identity: KernelRowIdentity) -> KernelRow {
        var row = base(identity, kind: kind, figure: figure)
        row["path_depth"] = pathDepth.map(String.init) ?? ""
        let measured = points.compactMap { point in estimates[point].map { (point: point, estimate: $0) } }
        let xs = measured.map { x($0.point) }
        row["over"] = xs.isEmpty ? axis : "\(axis) \(Int(xs.min() ?? 0))-\(Int(xs.max() ?? 0))"
        guard measured.count >= 3 else {
            refuse(&row, refusal(among: points, measurements)
                   ?? KernelRefusal(reason: "fewer than three points were measured, too few for a slope with an interval",
                                    howToEnable: "measure more layers or depths"))
            return row
        }
        if measured.count < points.count, let missing = refusal(among: points, measurements) {
            row["note"] = "\(points.count - measured.count) of \(points.count) points refused: \(missing.reason)"
        }
        let y = measured.map(\.estimate.estimate.value)
        let halfWidths = measured.map(\.estimate.estimate.halfWidth)
        let fit: LinearFit
        if let weighted = LinearFit.weightedLeastSquares(x: xs, y: y, ciHalfWidths: halfWidths) {
            fit = weighted
            row["fit"] = "weighted least squares"
        } else if let ordinary = LinearFit.ordinaryLeastSquares(x: xs, y: y) {
            fit = ordinary
            row["fit"] = "ordinary least squares (a point has a zero-width interval)"
        } else {
            refuse(&row, KernelRefusal(reason: "the points do not determine a line", howToEnable: "measure more layers or depths"))
            return row
        }
        row["status"] = KernelResultsSchema.Status.measured.rawValue
        row["repeats"] = "\(measured.map(\.estimate.repeatCount).min() ?? 0)"
        row["samples"] = "\(measured.map(\.estimate.sampleCount).reduce(0, +))"
        put(&row, fit.slope)
        return row
    }
}
