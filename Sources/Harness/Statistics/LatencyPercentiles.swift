// The tail of a distribution of timings: p50, p90, p99, p99.9 and the
// maximum, through an HDR histogram (three significant digits at every
// magnitude, so a 2 us median and a 40 ms outlier are both kept exactly
// enough). A percentile needs enough samples behind it: p99.9 of 200
// samples would be the maximum by another name, so it is left out.

import Histogram

public struct LatencyPercentiles: Sendable, Equatable {
    public var p50: Double
    public var p90: Double
    /// Nil with fewer than 100 samples.
    public var p99: Double?
    /// Nil with fewer than 1000 samples.
    public var p999: Double?
    public var max: Double
    public var count: Int

    /// The fewest samples each percentile is reported from.
    public static let samplesForP99 = 100
    public static let samplesForP999 = 1_000

    /// Values below zero (a timing under the baseline's median) count as 0.
    /// `resolution` is the histogram's unit in ns: 1 for operations timed
    /// alone, finer for per-check averages of a batch. Nil when empty.
    public init?(_ nanoseconds: [Double], resolution: Double = 1) {
        guard !nanoseconds.isEmpty, resolution > 0 else { return nil }
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for value in nanoseconds {
            let units = (Swift.max(0, value) / resolution).rounded()
            _ = histogram.record(units.isFinite && units < 9e18 ? UInt64(units) : UInt64(9e18))
        }
        func at(_ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) * resolution }
        count = nanoseconds.count
        p50 = at(50)
        p90 = at(90)
        p99 = count >= Self.samplesForP99 ? at(99) : nil
        p999 = count >= Self.samplesForP999 ? at(99.9) : nil
        max = Double(histogram.max) * resolution
    }
}
