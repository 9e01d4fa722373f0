// Percentiles through the HDR histogram: values kept to three significant
// digits, and no percentile without the samples to stand behind it.

import Statistics
import Testing

@Test func percentilesOfAKnownDistribution() throws {
    let values = (1...10_000).map(Double.init)
    let tail = try #require(LatencyPercentiles(values))
    #expect(abs(tail.p50 - 5_000) <= 5)
    #expect(abs(tail.p90 - 9_000) <= 9)
    #expect(abs(try #require(tail.p99) - 9_900) <= 10)
    #expect(abs(try #require(tail.p999) - 9_990) <= 10)
    #expect(abs(tail.max - 10_000) <= 10)
    #expect(tail.count == 10_000)
}

@Test func aFewSamplesHaveNoFarTail() throws {
    let tail = try #require(LatencyPercentiles((1...99).map(Double.init)))
    #expect(tail.p99 == nil && tail.p999 == nil)
    let more = try #require(LatencyPercentiles((1...500).map(Double.init)))
    #expect(more.p99 != nil && more.p999 == nil)
    #expect(LatencyPercentiles([]) == nil)
}

@Test func finerResolutionKeepsFractionsAndNegativesCountAsZero() throws {
    let tail = try #require(LatencyPercentiles([1.25, 1.25, 1.25, -3], resolution: 0.001))
    #expect(abs(tail.p90 - 1.25) < 0.002)
    #expect(try #require(LatencyPercentiles([-5, -1])).max == 0)
}
