import SeededRandom
import Testing
import Statistics

@Test func exactRanksMatchPublishedTables() {
    // Conover's table of order statistics for the median, 95 % two-sided.
    let n10 = MedianConfidenceInterval.ranks(sampleCount: 10, level: 0.95)
    #expect(n10.lower == 2 && n10.upper == 9)
    #expect(abs(n10.coverage - (1 - 2 * 11.0 / 1024)) < 1e-15)
    let n20 = MedianConfidenceInterval.ranks(sampleCount: 20, level: 0.95)
    #expect(n20.lower == 6 && n20.upper == 15)
    #expect(n20.method == .exactBinomial)
}

@Test func smallSamplesReportUnattainableLevel() {
    for n in 1...5 {
        let values = (1...n).map(Double.init)
        let interval = MedianConfidenceInterval(samples: values)!
        #expect(!interval.isLevelAttainable)
        #expect(interval.estimate.ciLow == 1 && interval.estimate.ciHigh == Double(n))
        #expect(interval.achievedCoverage < 0.95)
        #expect(interval.estimate.level == 0.95)
    }
    let six = MedianConfidenceInterval(samples: [6.0, 5, 4, 3, 2, 1])!
    #expect(six.isLevelAttainable)
    #expect(six.lowerRank == 1 && six.upperRank == 6)
    #expect(abs(six.achievedCoverage - (1 - 2.0 / 64)) < 1e-15)
    // At a lower level five values suffice.
    #expect(MedianConfidenceInterval(samples: [1.0, 2, 3, 4, 5], level: 0.9)!.isLevelAttainable)
}

@Test func invalidInputGivesNil() {
    #expect(MedianConfidenceInterval(samples: [Double]()) == nil)
    #expect(MedianConfidenceInterval(samples: [1.0, 2], level: 1) == nil)
    #expect(MedianConfidenceInterval(samples: [1.0, 2], level: 0) == nil)
}

@Test func normalApproximationJoinsExactRanksSmoothly() {
    let exact = MedianConfidenceInterval.ranks(sampleCount: 1_000, level: 0.95)
    let approximate = MedianConfidenceInterval.ranks(sampleCount: 1_001, level: 0.95)
    #expect(approximate.method == .normalApproximation)
    #expect(abs(approximate.lower - exact.lower) <= 1)
    #expect(abs(approximate.coverage - exact.coverage) < 0.01)
    #expect(approximate.coverage >= 0.95)
    let large = MedianConfidenceInterval.ranks(sampleCount: 1_000_000, level: 0.99)
    #expect(large.lower < 500_000 && large.upper == 1_000_001 - large.lower)
}

@Test func intervalBracketsMedianAndCoversTruthAtNominalRate() {
    var generator = SeededGenerator(seed: 31)
    var covered = 0
    let trials = 400
    for trial in 0..<trials {
        let n = 6 + trial % 200
        let values = (0..<n).map { _ in generator.uniform(0...1) }
        let interval = MedianConfidenceInterval(samples: values)!
        #expect(interval.isLevelAttainable)
        #expect(interval.achievedCoverage >= 0.95)
        #expect(interval.estimate.ciLow <= interval.estimate.value)
        #expect(interval.estimate.value <= interval.estimate.ciHigh)
        if interval.estimate.contains(0.5) { covered += 1 }
    }
    // Expected coverage is at least 95 %; 400 trials give a few % of noise.
    #expect(Double(covered) / Double(trials) >= 0.92)
}
