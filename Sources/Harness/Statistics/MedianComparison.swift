import Support

/// A comparison of a candidate against a baseline, for durations (lower is
/// faster): ratio of medians candidate / baseline with a bootstrap interval,
/// the same as a percent difference, a verdict, and a Mann-Whitney test as
/// a second opinion.
public struct MedianComparison: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        /// The whole ratio interval is below 1: the candidate is faster.
        case faster
        /// The whole ratio interval is above 1: the candidate is slower.
        case slower
        /// The ratio interval contains 1: no difference is proven at this
        /// level (which is not proof that there is none).
        case noDifferenceProven = "no difference proven"
    }

    public let baselineMedian: Double
    public let candidateMedian: Double
    /// candidateMedian / baselineMedian with its percentile bootstrap interval.
    public let ratio: Estimate
    /// 100 (ratio - 1): positive means the candidate takes longer.
    public let percentDifference: Estimate
    public let verdict: Verdict
    /// Mann-Whitney U test on the pooled samples (first = baseline). It
    /// treats every sample as independent, so with repeats it ignores
    /// between-run variation and tends to be more confident than the ratio
    /// interval.
    public let mannWhitney: MannWhitneyUTest
    public let resamples: Int

    /// Compares two samples of durations. The ratio interval comes from
    /// `resamples` independent bootstrap medians of each sample (percentile
    /// method); cost grows with resamples x total samples, as for
    /// `RepeatedMeasurementEstimate`.
    ///
    /// nil when a sample is empty, a value is not positive and finite (a
    /// ratio of durations needs positive durations), `level` is not in
    /// (0, 1) or `resamples` < 1.
    public init?(
        baseline: [Double], candidate: [Double], level: Double = 0.95, resamples: Int = 2_000,
        using generator: inout some RandomNumberGenerator
    ) {
        self.init(baselineRepeats: [baseline], candidateRepeats: [candidate], level: level,
                  resamples: resamples, using: &generator)
    }

    /// Compares two sets of repeats (each repeat a separate run's samples).
    /// Each side is resampled with the two-stage bootstrap of
    /// `HierarchicalBootstrap`, so between-run variation widens the
    /// interval. Same nil conditions as the two-sample form, applied to
    /// every repeat (an empty repeat or no repeats gives nil).
    public init?(
        baselineRepeats: [[Double]], candidateRepeats: [[Double]], level: Double = 0.95,
        resamples: Int = 2_000, using generator: inout some RandomNumberGenerator
    ) {
        func valid(_ repeats: [[Double]]) -> Bool {
            !repeats.isEmpty && repeats.allSatisfy { run in
                !run.isEmpty && run.allSatisfy { $0 > 0 && $0.isFinite }
            }
        }
        guard valid(baselineRepeats), valid(candidateRepeats),
              level > 0, level < 1, resamples >= 1 else { return nil }

        let baselinePooled = baselineRepeats.flatMap { $0 }
        let candidatePooled = candidateRepeats.flatMap { $0 }
        let baselineMedian = baselinePooled.median()!
        let candidateMedian = candidatePooled.median()!

        let baselineBootstrap = HierarchicalBootstrap(repeats: baselineRepeats)
        let candidateBootstrap = HierarchicalBootstrap(repeats: candidateRepeats)
        let baselineScratch = UnsafeMutablePointer<Double>.allocate(capacity: baselineBootstrap.scratchCapacity)
        let candidateScratch = UnsafeMutablePointer<Double>.allocate(capacity: candidateBootstrap.scratchCapacity)
        defer {
            baselineScratch.deallocate()
            candidateScratch.deallocate()
        }
        var ratios = [Double](repeating: 0, count: resamples)
        for index in 0..<resamples {
            let baselineReplicate = baselineBootstrap.replicateMedian(scratch: baselineScratch, using: &generator)
            let candidateReplicate = candidateBootstrap.replicateMedian(scratch: candidateScratch, using: &generator)
            ratios[index] = candidateReplicate / baselineReplicate
        }
        let interval = HierarchicalBootstrap.percentileInterval(ratios, level: level)
        let ratio = Estimate(value: candidateMedian / baselineMedian,
                             ciLow: interval.low, ciHigh: interval.high, level: level)

        self.baselineMedian = baselineMedian
        self.candidateMedian = candidateMedian
        self.ratio = ratio
        self.percentDifference = Estimate(value: 100 * (ratio.value - 1), ciLow: 100 * (ratio.ciLow - 1),
                                          ciHigh: 100 * (ratio.ciHigh - 1), level: level)
        if ratio.ciHigh < 1 {
            self.verdict = .faster
        } else if ratio.ciLow > 1 {
            self.verdict = .slower
        } else {
            self.verdict = .noDifferenceProven
        }
        self.mannWhitney = MannWhitneyUTest(baselinePooled, candidatePooled)!
        self.resamples = resamples
    }
}
