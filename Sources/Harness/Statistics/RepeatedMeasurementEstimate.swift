import Support

/// The median of a quantity measured in R independent repeats (separate
/// processes, boots or placements), each contributing many samples, with
/// an interval that reflects both within-run and between-run variation.
public struct RepeatedMeasurementEstimate: Sendable, Equatable {
    public enum Method: Sendable, Equatable {
        /// Two-stage bootstrap over repeats, then samples; percentile CI.
        case hierarchicalBootstrap(resamples: Int)
        /// Only one repeat: the order-statistic CI of that run's median.
        case withinRunOrderStatistics
    }

    /// Median of all samples pooled, with its confidence interval.
    public let estimate: Estimate
    public let method: Method
    /// A sentence for the report when the interval has a caveat (single
    /// repeat, or a level not attainable with so few samples); nil otherwise.
    public let note: String?
    public let repeatCount: Int
    public let sampleCount: Int
    /// Median of each repeat, in the order given.
    public let repeatMedians: [Double]
    /// Smallest and largest repeat median.
    public let minimumRepeatMedian: Double
    public let maximumRepeatMedian: Double
    /// (maximumRepeatMedian - minimumRepeatMedian) / estimate.value: how far
    /// apart the runs landed, relative to the estimate; zero for one repeat.
    public let relativeSpread: Double

    /// Estimates the pooled median of `repeats` at `level`.
    ///
    /// Point estimate: median of all samples pooled. Interval: with two or
    /// more repeats, percentile interval of `resamples` two-stage bootstrap
    /// medians (see `HierarchicalBootstrap`); with one repeat, the
    /// distribution-free order-statistic interval of that run
    /// (`MedianConfidenceInterval`), with `note` saying between-run
    /// variation could not be assessed.
    ///
    /// Cost: every resample draws as many values as there are samples and
    /// selects their median in linear time, so time grows with resamples x
    /// total samples. Pass a fast seeded generator: the system generator
    /// asks the kernel for each draw and is far slower.
    ///
    /// nil when there are no repeats, any repeat is empty, `level` is not in
    /// (0, 1) or `resamples` < 1.
    public init?(
        repeats: [[Double]],
        level: Double = 0.95,
        resamples: Int = 2_000,
        using generator: inout some RandomNumberGenerator
    ) {
        guard !repeats.isEmpty, repeats.allSatisfy({ !$0.isEmpty }),
              level > 0, level < 1, resamples >= 1 else { return nil }
        let pooled = repeats.flatMap { $0 }.sorted()
        let medians = repeats.map { $0.median()! }
        let pointEstimate = SortedSample.quantile(sorted: pooled, 0.5)!

        if repeats.count == 1 {
            let withinRun = MedianConfidenceInterval(sorted: pooled, level: level)!
            self.estimate = withinRun.estimate
            self.method = .withinRunOrderStatistics
            var note = "Only one repeat: the interval is the within-run order-statistic interval and does not include run-to-run variation."
            if !withinRun.isLevelAttainable {
                note += " With \(pooled.count) samples the requested level \(level) is not attainable; [min, max] covers \(withinRun.achievedCoverage)."
            }
            self.note = note
        } else {
            let bootstrap = HierarchicalBootstrap(repeats: repeats)
            let replicates = bootstrap.replicateMedians(count: resamples, using: &generator)
            let interval = HierarchicalBootstrap.percentileInterval(replicates, level: level)
            self.estimate = Estimate(value: pointEstimate, ciLow: interval.low,
                                     ciHigh: interval.high, level: level)
            self.method = .hierarchicalBootstrap(resamples: resamples)
            self.note = nil
        }
        self.repeatCount = repeats.count
        self.sampleCount = pooled.count
        self.repeatMedians = medians
        self.minimumRepeatMedian = medians.min()!
        self.maximumRepeatMedian = medians.max()!
        let range = medians.max()! - medians.min()!
        self.relativeSpread = range == 0 ? 0 : range / pointEstimate.magnitude
    }
}
