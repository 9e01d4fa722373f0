/// A point estimate with a confidence interval.
///
/// The interval need not be symmetric about `value` (order-statistic and
/// bootstrap intervals rarely are).
public struct Estimate: Sendable, Equatable, CustomStringConvertible {
    /// The point estimate.
    public var value: Double
    /// Lower confidence bound.
    public var ciLow: Double
    /// Upper confidence bound.
    public var ciHigh: Double
    /// Nominal confidence level of [ciLow, ciHigh], e.g. 0.95.
    public var level: Double

    public init(value: Double, ciLow: Double, ciHigh: Double, level: Double) {
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.level = level
    }

    /// (ciHigh - ciLow) / 2.
    public var halfWidth: Double { (ciHigh - ciLow) / 2 }

    /// halfWidth / |value|; infinite when value is zero and the interval is
    /// not a point.
    public var relativeHalfWidth: Double { halfWidth / value.magnitude }

    /// Whether `x` lies inside the closed interval.
    public func contains(_ x: Double) -> Bool { ciLow <= x && x <= ciHigh }

    public var description: String {
        "\(value) [\(ciLow), \(ciHigh)] @\(level)"
    }

    /// This estimate minus an independent `baseline` (e.g. a run with a
    /// hook minus the same run without it).
    ///
    /// Method: MOVER, the "method of variance estimates recovery" (Zou &
    /// Donner 2008). Each side of the difference's interval
    /// combines in quadrature the distances that can move the difference
    /// that way: lower = d - sqrt((value - ciLow)^2 + (baseline.ciHigh -
    /// baseline.value)^2), upper = d + sqrt((ciHigh - value)^2 +
    /// (baseline.value - baseline.ciLow)^2). For symmetric intervals this is
    /// the familiar half-widths-in-quadrature rule; for asymmetric ones it
    /// keeps each side's own width. The two estimates must be independent
    /// and have the same level (checked with a precondition).
    public func subtracting(_ baseline: Estimate) -> EstimateDifference {
        precondition(level == baseline.level,
                     "subtracting estimates at different levels (\(level) vs \(baseline.level))")
        let difference = value - baseline.value
        let downward = ((value - ciLow) * (value - ciLow)
            + (baseline.ciHigh - baseline.value) * (baseline.ciHigh - baseline.value)).squareRoot()
        let upward = ((ciHigh - value) * (ciHigh - value)
            + (baseline.value - baseline.ciLow) * (baseline.value - baseline.ciLow)).squareRoot()
        return EstimateDifference(
            unclamped: Estimate(value: difference, ciLow: difference - downward,
                                ciHigh: difference + upward, level: level))
    }

    /// Same as `subtracting(_:)`.
    public static func - (lhs: Estimate, rhs: Estimate) -> EstimateDifference {
        lhs.subtracting(rhs)
    }
}

/// The result of subtracting an independent baseline estimate.
///
/// Costs cannot be negative, so reports usually want `nonNegative`; the
/// flags make sure clamping never hides that the data could not tell the
/// cost from zero.
public struct EstimateDifference: Sendable, Equatable {
    /// The difference and its MOVER interval exactly as computed; the
    /// value and lower bound may be negative.
    public let unclamped: Estimate

    public init(unclamped: Estimate) {
        self.unclamped = unclamped
    }

    /// The same estimate with value and both bounds clamped at zero.
    public var nonNegative: Estimate {
        Estimate(value: Swift.max(unclamped.value, 0), ciLow: Swift.max(unclamped.ciLow, 0),
                 ciHigh: Swift.max(unclamped.ciHigh, 0), level: unclamped.level)
    }

    /// True when the interval excludes zero, i.e. the difference is
    /// resolved at this level.
    public var isDistinguishableFromZero: Bool {
        unclamped.ciLow > 0 || unclamped.ciHigh < 0
    }

    /// True when `nonNegative` differs from `unclamped` (some part of the
    /// interval, or the value itself, was below zero).
    public var wasClamped: Bool {
        unclamped.ciLow < 0
    }
}
