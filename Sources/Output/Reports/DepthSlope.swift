// The cost of one more ancestor namespace level: the slope of net ns/check
// over depth for one strategy in one panel. Weighted least squares with
// each point weighted by its interval (noisy points count less), and a
// t-based interval for the slope, both from Statistics.LinearFit.

import ResultsFormat
import Statistics

public struct DepthSlope: Sendable {
    public let strategy: String
    public let fit: LinearFit
    public let depths: [Int]
    /// The largest working set among the fitted points: the deepest
    /// point's memory decides which cache level the extra loads hit.
    public let largestWorkingSetBytes: Int
    /// Why the fit is unweighted, when it is.
    public let unweightedReason: String?

    /// Fits `rows` (one strategy's points of one panel). nil with fewer
    /// than three depths, which leave no degrees of freedom for the
    /// slope's interval, or when every point has the same depth.
    public init?(strategy: String, rows: [ResultRow]) {
        let points = rows.compactMap { row -> (depth: Int, ns: Double, halfWidth: Double, workingSet: Int)? in
            guard let depth = row.int("depth"), let ns = row.double("ns_per_check"),
                  let low = row.double("ns_ci_low"), let high = row.double("ns_ci_high") else { return nil }
            return (depth, ns, (high - low) / 2, row.int("working_set_bytes") ?? 0)
        }
        guard Set(points.map(\.depth)).count >= 3 else { return nil }
        let x = points.map { Double($0.depth) }
        let y = points.map(\.ns)
        let halfWidths = points.map(\.halfWidth)
        if let weighted = LinearFit.weightedLeastSquares(x: x, y: y, ciHalfWidths: halfWidths, level: 0.95) {
            fit = weighted
            unweightedReason = nil
        } else if let ordinary = LinearFit.ordinaryLeastSquares(x: x, y: y, level: 0.95) {
            // A zero-width interval (a cost clamped at zero) would get
            // infinite weight; equal weights are the honest fallback.
            fit = ordinary
            unweightedReason = "a point has a zero-width interval"
        } else {
            return nil
        }
        self.strategy = strategy
        depths = points.map(\.depth).sorted()
        largestWorkingSetBytes = points.map(\.workingSet).max() ?? 0
    }
}
