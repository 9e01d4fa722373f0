/// The Mann-Whitney U (Wilcoxon rank-sum) test of whether one sample tends
/// to give larger values than another. It makes no assumption about the
/// shape of the distributions, so it serves as a second opinion next to the
/// bootstrap ratio interval.
public struct MannWhitneyUTest: Sendable, Equatable {
    /// U for the first sample: the number of (first, second) pairs with
    /// first > second, ties counting one half.
    public let u: Double
    /// Standardised statistic after tie and continuity corrections;
    /// positive when the first sample tends to be larger.
    public let z: Double
    /// Two-sided p-value from the normal approximation.
    public let pValue: Double
    public let firstCount: Int
    public let secondCount: Int

    /// Method: rank the pooled values (ties get their average rank), U =
    /// R1 - n1 (n1 + 1) / 2 with R1 the first sample's rank sum. Under the
    /// null hypothesis U has mean n1 n2 / 2 and, with tie groups of sizes
    /// t, variance n1 n2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))).
    /// z applies a continuity correction of 1/2 towards the mean, as R's
    /// wilcox.test does, and p = erfc(|z| / sqrt(2)). When every value is
    /// tied the variance is zero and p = 1.
    ///
    /// The normal approximation is good from roughly 10 values per sample;
    /// below that p is only indicative. nil when either sample is empty.
    public init?(_ first: some Collection<Double>, _ second: some Collection<Double>) {
        guard !first.isEmpty, !second.isEmpty else { return nil }
        let n1 = first.count
        let n2 = second.count
        let total = n1 + n2
        var pooled: [(value: Double, isFirst: Bool)] = []
        pooled.reserveCapacity(total)
        for value in first { pooled.append((value, true)) }
        for value in second { pooled.append((value, false)) }
        pooled.sort { $0.value < $1.value }

        var firstRankSum = 0.0
        var tieCorrection = 0.0
        var start = 0
        while start < total {
            var end = start + 1
            while end < total && pooled[end].value == pooled[start].value { end += 1 }
            // Ranks start+1 ... end share their average.
            let averageRank = Double(start + 1 + end) / 2
            let tieSize = Double(end - start)
            tieCorrection += tieSize * tieSize * tieSize - tieSize
            for index in start..<end where pooled[index].isFirst {
                firstRankSum += averageRank
            }
            start = end
        }

        let n1Double = Double(n1)
        let n2Double = Double(n2)
        let totalDouble = Double(total)
        let u = firstRankSum - n1Double * (n1Double + 1) / 2
        let mean = n1Double * n2Double / 2
        let variance = total > 1
            ? n1Double * n2Double / 12 * ((totalDouble + 1) - tieCorrection / (totalDouble * (totalDouble - 1)))
            : 0
        var z = 0.0
        if variance > 0 {
            let deviation = u - mean
            let corrected = deviation.magnitude <= 0.5 ? 0 : deviation - (deviation > 0 ? 0.5 : -0.5)
            z = corrected / variance.squareRoot()
        }
        self.u = u
        self.z = z
        self.pValue = min(1, Elementary.erfc(z.magnitude * 0.70710678118654752440))
        self.firstCount = n1
        self.secondCount = n2
    }
}
