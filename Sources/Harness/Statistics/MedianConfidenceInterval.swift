/// A distribution-free confidence interval for a median from order
/// statistics.
///
/// Method: for n values sorted x(1) <= ... <= x(n) and B ~ Binomial(n, 1/2)
/// (how many values fall below the true median), [x(l), x(n+1-l)] covers
/// the median with probability 1 - 2 P(B <= l - 1). The largest l whose
/// coverage is at least `level` is chosen. For n <= 1000 the binomial
/// probabilities are summed exactly; above that the normal approximation
/// with continuity correction gives l = floor(n/2 + 1/2 - z sqrt(n) / 2),
/// z the (1 + level)/2 normal quantile (Conover, Practical Nonparametric
/// Statistics, the quantile test).
///
/// When even [min, max] covers less than `level` (n < 6 at 95%), the
/// interval is [min, max], `isLevelAttainable` is false and
/// `achievedCoverage` says what it really covers.
public struct MedianConfidenceInterval: Sendable, Equatable {
    public enum Method: String, Sendable, Equatable {
        case exactBinomial = "exact binomial"
        case normalApproximation = "normal approximation"
    }

    /// Median with the interval; `estimate.level` is the requested level.
    public let estimate: Estimate
    /// 1-based ranks of the order statistics forming the interval.
    public let lowerRank: Int
    public let upperRank: Int
    /// Coverage probability of [x(lowerRank), x(upperRank)] under the model.
    public let achievedCoverage: Double
    /// False when no interval from this sample reaches the requested level.
    public let isLevelAttainable: Bool
    public let method: Method
    public let sampleCount: Int

    /// The sample size up to which binomial probabilities are summed exactly.
    public static let exactBinomialLimit = 1_000

    /// nil when `samples` is empty or `level` is not in (0, 1).
    public init?(samples: some Collection<Double>, level: Double = 0.95) {
        let sorted = Array(samples).sorted()
        self.init(sorted: sorted, level: level)
    }

    /// As `init(samples:level:)` for values already sorted ascending.
    public init?(sorted: [Double], level: Double = 0.95) {
        guard !sorted.isEmpty, level > 0, level < 1 else { return nil }
        let n = sorted.count
        let ranks = Self.ranks(sampleCount: n, level: level)
        let median = SortedSample.quantile(sorted: sorted, 0.5)!
        self.estimate = Estimate(value: median, ciLow: sorted[ranks.lower - 1],
                                 ciHigh: sorted[ranks.upper - 1], level: level)
        self.lowerRank = ranks.lower
        self.upperRank = ranks.upper
        self.achievedCoverage = ranks.coverage
        self.isLevelAttainable = ranks.coverage >= level
        self.method = ranks.method
        self.sampleCount = n
    }

    /// The order-statistic ranks for a sample of `sampleCount` values,
    /// independent of the values themselves. Preconditions: sampleCount >= 1
    /// and 0 < level < 1.
    public static func ranks(sampleCount n: Int, level: Double)
        -> (lower: Int, upper: Int, coverage: Double, method: Method)
    {
        precondition(n >= 1 && level > 0 && level < 1)
        if n <= exactBinomialLimit {
            let (lower, coverage) = exactLowerRank(n: n, level: level)
            return (lower, n + 1 - lower, coverage, .exactBinomial)
        }
        let z = NormalDistribution.quantile(0.5 + level / 2)
        let nDouble = Double(n)
        let halfN = nDouble / 2
        let spread = z * nDouble.squareRoot() / 2
        let lower = max(1, Int((halfN + 0.5 - spread).rounded(.down)))
        let coverage = 1 - 2 * NormalDistribution.cdf((Double(lower) - 0.5 - halfN) / (nDouble.squareRoot() / 2))
        return (lower, n + 1 - lower, coverage, .normalApproximation)
    }

    /// Largest l with 1 - 2 P(B <= l - 1) >= level, or l = 1 when none is.
    /// P(B = k) is built by the recurrence P(k+1) = P(k) (n - k) / (k + 1)
    /// from P(0) = 2^-n, which stays a normal double for n <= 1000.
    private static func exactLowerRank(n: Int, level: Double) -> (lower: Int, coverage: Double) {
        var probability = Double(sign: .plus, exponent: -n, significand: 1)
        var cumulative = probability  // P(B <= 0)
        var lower = 1
        var coverage = 1 - 2 * cumulative
        if coverage < level {
            return (1, max(coverage, 0))
        }
        // Try l + 1: needs P(B <= l) and the interval must stay non-empty.
        while lower + 1 <= n + 1 - (lower + 1) {
            let k = lower - 1
            probability *= Double(n - k) / Double(k + 1)
            let nextCumulative = cumulative + probability
            let nextCoverage = 1 - 2 * nextCumulative
            if nextCoverage < level { break }
            cumulative = nextCumulative
            coverage = nextCoverage
            lower += 1
        }
        return (lower, coverage)
    }
}
