import Testing
import Statistics

@Test func halfWidths() {
    let estimate = Estimate(value: 10, ciLow: 8, ciHigh: 13, level: 0.95)
    #expect(estimate.halfWidth == 2.5)
    #expect(estimate.relativeHalfWidth == 0.25)
    #expect(estimate.contains(8) && estimate.contains(13) && !estimate.contains(13.01))
}

@Test func subtractionCombinesSymmetricHalfWidthsInQuadrature() {
    let measured = Estimate(value: 10, ciLow: 7, ciHigh: 13, level: 0.95)
    let baseline = Estimate(value: 4, ciLow: 0, ciHigh: 8, level: 0.95)
    let difference = measured - baseline
    #expect(difference.unclamped == Estimate(value: 6, ciLow: 1, ciHigh: 11, level: 0.95))
    #expect(difference.isDistinguishableFromZero)
    #expect(!difference.wasClamped)
    #expect(difference.nonNegative == difference.unclamped)
}

@Test func subtractionKeepsEachSideOfAsymmetricIntervals() {
    // Downward: measured's lower distance 3 and baseline's upper distance 4.
    // Upward: measured's upper distance 12 and baseline's lower distance 5.
    let measured = Estimate(value: 20, ciLow: 17, ciHigh: 32, level: 0.9)
    let baseline = Estimate(value: 5, ciLow: 0, ciHigh: 9, level: 0.9)
    let difference = measured.subtracting(baseline).unclamped
    #expect(difference.value == 15)
    #expect(difference.ciLow == 10)
    #expect(difference.ciHigh == 28)
    #expect(difference.level == 0.9)
}

@Test func indistinguishableDifferenceIsFlaggedWhenClamped() {
    let a = Estimate(value: 5, ciLow: 4, ciHigh: 6, level: 0.95)
    let b = Estimate(value: 5.5, ciLow: 4.5, ciHigh: 6.5, level: 0.95)
    let difference = a - b
    #expect(difference.unclamped.value == -0.5)
    #expect(difference.unclamped.ciLow < 0)
    #expect(!difference.isDistinguishableFromZero)
    #expect(difference.wasClamped)
    let clamped = difference.nonNegative
    #expect(clamped.value == 0 && clamped.ciLow == 0)
    #expect(abs(clamped.ciHigh - (-0.5 + 2.0.squareRoot())) < 1e-15)
}

@Test func clearlyNegativeDifferenceIsDistinguishable() {
    let a = Estimate(value: 1, ciLow: 0.9, ciHigh: 1.1, level: 0.95)
    let b = Estimate(value: 5, ciLow: 4.9, ciHigh: 5.1, level: 0.95)
    let difference = a - b
    #expect(difference.isDistinguishableFromZero)
    #expect(difference.wasClamped)
    #expect(difference.nonNegative == Estimate(value: 0, ciLow: 0, ciHigh: 0, level: 0.95))
}
