import SeededRandom
import Testing
import Statistics

private func sample(_ count: Int, scale: Double = 1, _ generator: inout SeededGenerator) -> [Double] {
    (0..<count).map { _ in scale * generator.timingLike(base: 100, scale: 4) }
}

@Test func identicalSamplesShowNoDifference() {
    var generator = SeededGenerator(seed: 51)
    let values = sample(300, &generator)
    let comparison = MedianComparison(baseline: values, candidate: values, resamples: 1_000, using: &generator)!
    #expect(comparison.ratio.value == 1)
    #expect(comparison.ratio.contains(1))
    #expect(comparison.verdict == .noDifferenceProven)
    #expect(comparison.percentDifference.value == 0)
    #expect(comparison.mannWhitney.pValue > 0.99)
}

@Test func sameDistributionMostlyShowsNoDifference() {
    var generator = SeededGenerator(seed: 52)
    var noDifference = 0
    let trials = 40
    for _ in 0..<trials {
        let comparison = MedianComparison(
            baseline: sample(150, &generator), candidate: sample(150, &generator),
            resamples: 400, using: &generator)!
        if comparison.verdict == .noDifferenceProven { noDifference += 1 }
    }
    // A correct 95 % interval wrongly excludes 1 about 5 % of the time.
    #expect(noDifference >= 34)
}

@Test func ratioIntervalCoversTrueRatioMostOfTheTime() {
    var generator = SeededGenerator(seed: 53)
    var covered = 0
    var slower = 0
    let trials = 40
    for _ in 0..<trials {
        // Scaling every value scales the median: the true ratio is 1.1.
        let comparison = MedianComparison(
            baseline: sample(200, &generator), candidate: sample(200, scale: 1.1, &generator),
            resamples: 400, using: &generator)!
        if comparison.ratio.contains(1.1) { covered += 1 }
        if comparison.verdict == .slower { slower += 1 }
        #expect(comparison.ratio.ciLow <= comparison.ratio.ciHigh)
        #expect(abs(comparison.percentDifference.value - 100 * (comparison.ratio.value - 1)) < 1e-9)
    }
    #expect(covered >= 34)
    #expect(slower >= 38)
}

@Test func fasterCandidateIsRecognised() {
    var generator = SeededGenerator(seed: 54)
    let comparison = MedianComparison(
        baseline: sample(200, &generator), candidate: sample(200, scale: 0.8, &generator),
        resamples: 500, using: &generator)!
    #expect(comparison.verdict == .faster)
    #expect(comparison.ratio.ciHigh < 1)
    #expect(comparison.percentDifference.ciHigh < 0)
    #expect(comparison.mannWhitney.pValue < 1e-6)
    #expect(comparison.mannWhitney.z > 0)
}

@Test func repeatsComparisonUsesBetweenRunVariation() {
    var generator = SeededGenerator(seed: 55)
    // Candidate 1 % slower, but runs scatter by several % around their
    // level: with runs resampled the interval must straddle 1.
    let offsets = [-0.04, 0.05, -0.02, 0.03, 0.0]
    let baseline = offsets.map { offset in sample(200, scale: 1 + offset, &generator) }
    let candidate = offsets.reversed().map { offset in sample(200, scale: 1.01 * (1 + offset), &generator) }
    let comparison = MedianComparison(
        baselineRepeats: baseline, candidateRepeats: candidate, resamples: 1_000, using: &generator)!
    #expect(comparison.verdict == .noDifferenceProven)
    #expect(comparison.ratio.contains(1.01))
}

@Test func comparisonRejectsInvalidInput() {
    var generator = SeededGenerator(seed: 56)
    #expect(MedianComparison(baseline: [], candidate: [1], using: &generator) == nil)
    #expect(MedianComparison(baseline: [1, 0], candidate: [1], using: &generator) == nil)
    #expect(MedianComparison(baseline: [1, -2], candidate: [1], using: &generator) == nil)
    #expect(MedianComparison(baseline: [1], candidate: [.infinity], using: &generator) == nil)
    #expect(MedianComparison(baselineRepeats: [[1], []], candidateRepeats: [[1]], using: &generator) == nil)
}

@Test func mannWhitneyKnownValues() {
    // Complete separation: U = 0, z = (0 - 4.5 + 0.5) / sqrt(9 / 12 * 7).
    let separated = MannWhitneyUTest([1.0, 2, 3], [4.0, 5, 6])!
    #expect(separated.u == 0)
    #expect(abs(separated.z - (-4 / 5.25.squareRoot())) < 1e-15)
    // R: wilcox.test(1:3, 4:6, exact = FALSE) gives p = 0.0809.
    #expect(abs(separated.pValue - 0.0809) < 1e-4)

    // Ties: ranks 1, 3, 3 | 3, 5, 6; U = 7 - 6 = 1; tie group of 3 adds 24.
    let tied = MannWhitneyUTest([1.0, 2, 2], [2.0, 3, 4])!
    #expect(tied.u == 1)
    let variance = 9.0 / 12 * (7 - 24.0 / 30)
    #expect(abs(tied.z - (-3 / variance.squareRoot())) < 1e-15)

    let allTied = MannWhitneyUTest([5.0, 5], [5.0, 5, 5])!
    #expect(allTied.pValue == 1 && allTied.z == 0)
    #expect(MannWhitneyUTest([Double](), [1.0]) == nil)
}

@Test func mannWhitneyIsSymmetric() {
    var generator = SeededGenerator(seed: 57)
    let a = sample(50, &generator)
    let b = sample(70, scale: 1.02, &generator)
    let forward = MannWhitneyUTest(a, b)!
    let backward = MannWhitneyUTest(b, a)!
    #expect(abs(forward.u + backward.u - 50 * 70) < 1e-9)
    #expect(abs(forward.pValue - backward.pValue) < 1e-12)
    #expect(forward.pValue > 0 && forward.pValue <= 1)
}
