/// Two-stage (hierarchical) bootstrap of the pooled median of repeated
/// runs: each replicate draws R repeats with replacement, then within each
/// drawn repeat draws as many samples as it has, with replacement, and
/// takes the median of everything drawn. Resampling repeats first is what
/// lets run-to-run variation (different page placement, frequency, noise
/// neighbours) widen the interval; resampling samples alone would treat a
/// million correlated samples as a million independent ones (Davison &
/// Hinkley 1997, Bootstrap Methods and their Application, on hierarchical
/// data).
///
/// With a single repeat this is the ordinary bootstrap of the median.
struct HierarchicalBootstrap {
    /// All repeats back to back, so a draw is one index into one buffer.
    private let values: [Double]
    private let repeatStarts: [Int]
    private let repeatCounts: [Int]
    /// Scratch size one replicate can need: every draw picking the largest repeat.
    let scratchCapacity: Int

    /// `repeats` must be non-empty and contain no empty repeat.
    init(repeats: [[Double]]) {
        precondition(!repeats.isEmpty && repeats.allSatisfy { !$0.isEmpty })
        self.values = repeats.flatMap { $0 }
        var starts: [Int] = []
        var offset = 0
        for run in repeats {
            starts.append(offset)
            offset += run.count
        }
        self.repeatStarts = starts
        self.repeatCounts = repeats.map(\.count)
        self.scratchCapacity = repeats.count * repeatCounts.max()!
    }

    /// `count` bootstrap medians, in generation order.
    func replicateMedians(count: Int, using generator: inout some RandomNumberGenerator) -> [Double] {
        var medians = [Double](repeating: 0, count: count)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: scratchCapacity)
        defer { scratch.deallocate() }
        for replicate in 0..<count {
            medians[replicate] = replicateMedian(scratch: scratch, using: &generator)
        }
        return medians
    }

    /// One replicate; `scratch` must hold `scratchCapacity` values.
    func replicateMedian(
        scratch: UnsafeMutablePointer<Double>, using generator: inout some RandomNumberGenerator
    ) -> Double {
        let repeatCount = repeatCounts.count
        return values.withUnsafeBufferPointer { all in
            var filled = 0
            for _ in 0..<repeatCount {
                let chosen = Self.uniformIndex(below: repeatCount, using: &generator)
                let start = repeatStarts[chosen]
                let size = repeatCounts[chosen]
                for _ in 0..<size {
                    scratch[filled] = all[start + Self.uniformIndex(below: size, using: &generator)]
                    filled += 1
                }
            }
            return Selection.median(scratch, count: filled)
        }
    }

    /// A uniform index in 0..<bound from one 64-bit draw by Lemire's
    /// multiply-shift (the high word of draw x bound). Skipping Lemire's
    /// rejection step leaves a bias below bound / 2^64, far under anything
    /// a bootstrap can resolve, and calls the generator exactly once: the
    /// generator is generic and unspecialised here, so every extra call
    /// through the standard library's bounded-random path is costly.
    @inline(__always)
    private static func uniformIndex(below bound: Int, using generator: inout some RandomNumberGenerator) -> Int {
        Int(truncatingIfNeeded: generator.next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Percentile interval: the (1 - level)/2 and (1 + level)/2 type 7
    /// quantiles of the replicate statistics.
    static func percentileInterval(_ replicates: [Double], level: Double) -> (low: Double, high: Double) {
        let sorted = replicates.sorted()
        let alpha = 1 - level
        return (SortedSample.quantile(sorted: sorted, alpha / 2)!,
                SortedSample.quantile(sorted: sorted, 1 - alpha / 2)!)
    }
}
