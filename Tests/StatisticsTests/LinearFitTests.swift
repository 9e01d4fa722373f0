import SeededRandom
import Testing
import Statistics

@Test func exactLineGivesExactSlopeAndZeroWidthInterval() {
    let x = (0..<10).map(Double.init)
    let y = x.map { 3 + 2 * $0 }
    let fit = LinearFit.ordinaryLeastSquares(x: x, y: y)!
    #expect(fit.slope.value == 2)
    #expect(fit.intercept == 3)
    #expect(fit.slope.ciLow == 2 && fit.slope.ciHigh == 2)
    #expect(fit.slope.halfWidth == 0)
    #expect(fit.residualStandardError == 0)
    #expect(fit.degreesOfFreedom == 8)
    #expect(fit.predict(20) == 43)
}

@Test func textbookDataset() {
    // x = 1...5, y = 2, 4, 5, 4, 5: slope 0.6, intercept 2.2, SSE 2.4,
    // s^2 = 0.8, Sxx = 10, SE = sqrt(0.08), t(0.975, 3) = 3.182446305284263.
    let fit = LinearFit.ordinaryLeastSquares(x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5])!
    #expect(abs(fit.slope.value - 0.6) < 1e-15)
    #expect(abs(fit.intercept - 2.2) < 1e-14)
    #expect(abs(fit.slopeStandardError - 0.08.squareRoot()) < 1e-15)
    let halfWidth = 3.182446305284263 * 0.08.squareRoot()
    #expect(abs(fit.slope.ciLow - (0.6 - halfWidth)) < 1e-9)
    #expect(abs(fit.slope.ciHigh - (0.6 + halfWidth)) < 1e-9)
    #expect(!fit.isWeighted)
}

@Test func equalWeightsReproduceOrdinaryFit() {
    var generator = SeededGenerator(seed: 61)
    let x = (0..<25).map { Double($0) }
    let y = x.map { 5 + 0.3 * $0 + generator.approximatelyNormal() }
    let ordinary = LinearFit.ordinaryLeastSquares(x: x, y: y)!
    let weighted = LinearFit.weightedLeastSquares(x: x, y: y, ciHalfWidths: Array(repeating: 0.7, count: 25))!
    #expect(abs(weighted.slope.value - ordinary.slope.value) < 1e-12)
    #expect(abs(weighted.slope.ciLow - ordinary.slope.ciLow) < 1e-12)
    #expect(abs(weighted.intercept - ordinary.intercept) < 1e-12)
    #expect(weighted.isWeighted)
}

@Test func weightsDiscountUncertainPoints() {
    // y = 1 + x except one wild point that its own wide interval disowns.
    let x: [Double] = [0, 1, 2, 3, 4, 5]
    var y = x.map { 1 + $0 }
    y[2] += 0.001
    y[5] += 30
    let ordinary = LinearFit.ordinaryLeastSquares(x: x, y: y)!
    let weighted = LinearFit.weightedLeastSquares(x: x, y: y, ciHalfWidths: [0.01, 0.01, 0.01, 0.01, 0.01, 1_000])!
    #expect(abs(weighted.slope.value - 1) < 1e-3)
    #expect(abs(ordinary.slope.value - 1) > 1)
    #expect(weighted.slope.contains(1))
}

@Test func slopeIntervalCoversTruthAtNominalRate() {
    var generator = SeededGenerator(seed: 62)
    var covered = 0
    let trials = 300
    for _ in 0..<trials {
        let x = (0..<12).map(Double.init)
        let y = x.map { 2 - 0.5 * $0 + generator.approximatelyNormal() }
        if LinearFit.ordinaryLeastSquares(x: x, y: y)!.slope.contains(-0.5) { covered += 1 }
    }
    #expect(Double(covered) / Double(trials) >= 0.91)
}

@Test func degenerateInputGivesNil() {
    #expect(LinearFit.ordinaryLeastSquares(x: [1, 2], y: [1, 2]) == nil)
    #expect(LinearFit.ordinaryLeastSquares(x: [1, 2, 3], y: [1, 2]) == nil)
    #expect(LinearFit.ordinaryLeastSquares(x: [2, 2, 2], y: [1, 2, 3]) == nil)
    #expect(LinearFit.ordinaryLeastSquares(x: [], y: []) == nil)
    #expect(LinearFit.weightedLeastSquares(x: [1, 2, 3], y: [1, 2, 3], ciHalfWidths: [1, 0, 1]) == nil)
    #expect(LinearFit.weightedLeastSquares(x: [1, 2, 3], y: [1, 2, 3], ciHalfWidths: [1, 1]) == nil)
    #expect(LinearFit.ordinaryLeastSquares(x: [1, 2, 3], y: [1, 2, 4], level: 1) == nil)
}
