// One point against another: the candidate's median net cost over the
// baseline's, with a hierarchical-bootstrap interval over the repeats and
// a Mann-Whitney p-value as a second opinion; and the verdict in the words
// a mailing-list reader expects.
//
// Net samples are check samples minus the median of the point's empty-
// baseline series, kept where positive, exactly as for the Swift/C twin
// ratios (TwinRatios.net): a ratio of durations needs positive durations.
// Points the run could not tell from the empty baseline (Resolution) are
// not compared, since the positive part of noise around zero has no
// meaningful median.

import ResultsFormat
import SeededRandom
import Statistics
import Support

public struct PointComparison: Sendable {
    public let baseline: ResultRow
    public let candidate: ResultRow
    /// nil when the points could not be compared; `problem` says why.
    public let result: MedianComparison?
    public let problem: String?

    public static let level = 0.95
    public static let resamples = 2_000
    /// Every comparison starts from this seed, so a report is the same
    /// whatever order its comparisons are made in.
    static let seed: UInt64 = 0xC0_4BA2_E5

    public init(baseline: ResultRow, candidate: ResultRow,
                baselineSeries: [String: [[Double]]]?, candidateSeries: [String: [[Double]]]?) {
        self.baseline = baseline
        self.candidate = candidate
        if baselineSeries == nil || candidateSeries == nil {
            (result, problem) = (nil, "no samples for the point in samples.csv")
        } else if baseline.isUnresolved || candidate.isUnresolved {
            (result, problem) = (nil, "cost not resolved above the empty baseline")
        } else {
            var generator = SeededGenerator(seed: Self.seed)
            let comparison = MedianComparison(
                baselineRepeats: TwinRatios.net(baselineSeries), candidateRepeats: TwinRatios.net(candidateSeries),
                level: Self.level, resamples: Self.resamples, using: &generator)
            (result, problem) = (comparison, comparison == nil ? "no positive net samples" : nil)
        }
    }

    /// "95%".
    static var levelText: String { FixedPoint.percent(ofFraction: level, decimals: 0) }

    /// "12.3% +- 0.8% faster (95% confidence)", "... slower ...", or "no
    /// difference proven at 95% confidence". Faster means less time per
    /// check: the percentage is 100 (1 - ratio); slower is 100 (ratio - 1).
    /// The +- is half the width of the ratio's interval in percent. A
    /// bootstrap interval of a median can sit lopsided around the estimate;
    /// when "X +- Y" would then reach past no change while the interval
    /// does not, the interval is given instead ("0.4% slower (95% CI 0.1%
    /// to 4.3%)"), so the words never contradict the verdict.
    public var verdictText: String {
        guard result != nil else { return "not compared: \(problem ?? "no result")" }
        guard let change = changeWords else { return "no difference proven at \(Self.levelText) confidence" }
        if let interval = change.interval { return "\(change.words) (\(interval))" }
        return "\(change.words) (\(Self.levelText) confidence)"
    }

    /// The change of a faster or slower verdict in words, without the
    /// confidence level: ("12.3% +- 0.8% faster", nil), or ("0.4% slower",
    /// "95% CI 0.1% to 4.3%") when "X +- Y" would reach past no change.
    /// nil when no difference is proven or the points were not compared.
    var changeWords: (words: String, interval: String?)? {
        guard let result else { return nil }
        let ratio = result.ratio
        let half = 100 * ratio.halfWidth
        let (word, change, nearBound, farBound): (String, Double, Double, Double)
        switch result.verdict {
        case .faster:
            (word, change, nearBound, farBound) = ("faster", 100 * (1 - ratio.value), 100 * (1 - ratio.ciHigh), 100 * (1 - ratio.ciLow))
        case .slower:
            (word, change, nearBound, farBound) = ("slower", 100 * (ratio.value - 1), 100 * (ratio.ciLow - 1), 100 * (ratio.ciHigh - 1))
        case .noDifferenceProven:
            return nil
        }
        if change > half {
            return ("\(ReportNumber.percent(change))% +- \(ReportNumber.percent(half))% \(word)", nil)
        }
        return ("\(ReportNumber.percent(change))% \(word)",
                "\(Self.levelText) CI \(ReportNumber.percent(nearBound))% to \(ReportNumber.percent(farBound))%")
    }

    /// The smallest change the interval allows, in percent, for a faster or
    /// slower verdict (the bound nearer to no change): how strong the
    /// verdict is, a wide interval counting against it. nil otherwise.
    var provenChange: Double? {
        guard let result else { return nil }
        switch result.verdict {
        case .faster: return 100 * (1 - result.ratio.ciHigh)
        case .slower: return 100 * (result.ratio.ciLow - 1)
        case .noDifferenceProven: return nil
        }
    }

    /// One word for tables.
    public var shortVerdict: String {
        switch result?.verdict {
        case .faster: return "faster"
        case .slower: return "slower"
        case .noDifferenceProven: return "no diff"
        case nil: return "n/a"
        }
    }

    /// True when the candidate is slower than the baseline by more than
    /// `percent` with confidence: the lower bound of the percent change's
    /// interval is above it.
    public func isSlower(byMoreThan percent: Double) -> Bool {
        guard let result else { return false }
        return result.percentDifference.ciLow > percent
    }
}
