/// A stopping rule for adaptive sampling: keep measuring until the
/// confidence interval of the median is tight relative to the median.
public struct MedianPrecisionRule: Sendable, Equatable {
    /// Allowed distance of either interval bound from the median, as a
    /// fraction of the median (0.01 = within 1 %).
    public var targetRelativeHalfWidth: Double
    /// Confidence level of the interval.
    public var level: Double

    public init(targetRelativeHalfWidth: Double, level: Double = 0.95) {
        self.targetRelativeHalfWidth = targetRelativeHalfWidth
        self.level = level
    }

    /// The larger of (median - ciLow) and (ciHigh - median), divided by
    /// |median|, using the distribution-free `MedianConfidenceInterval`.
    /// Taking the larger side keeps a skewed interval from passing on the
    /// strength of its short side. nil when `samples` is empty or `level`
    /// is invalid; infinite when the median is zero and the interval is not.
    public func relativeHalfWidth(of samples: some Collection<Double>) -> Double? {
        guard let interval = MedianConfidenceInterval(samples: samples, level: level) else { return nil }
        return Self.widerSideRelative(interval.estimate)
    }

    /// True when the interval reaches `level` (at 95 % that needs at least
    /// 6 samples) and both bounds lie within targetRelativeHalfWidth x
    /// |median| of the median.
    public func isSatisfied(by samples: some Collection<Double>) -> Bool {
        guard let interval = MedianConfidenceInterval(samples: samples, level: level),
              interval.isLevelAttainable else { return false }
        return Self.widerSideRelative(interval.estimate) <= targetRelativeHalfWidth
    }

    private static func widerSideRelative(_ estimate: Estimate) -> Double {
        let widerSide = max(estimate.value - estimate.ciLow, estimate.ciHigh - estimate.value)
        if widerSide == 0 { return 0 }
        return widerSide / estimate.value.magnitude
    }
}
