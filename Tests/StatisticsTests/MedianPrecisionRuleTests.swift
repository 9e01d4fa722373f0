import SeededRandom
import Testing
import Statistics

@Test func constantSamplesSatisfyOnceLevelIsAttainable() {
    let rule = MedianPrecisionRule(targetRelativeHalfWidth: 0.01)
    #expect(!rule.isSatisfied(by: [Double](repeating: 5, count: 5)))
    #expect(rule.isSatisfied(by: [Double](repeating: 5, count: 6)))
    #expect(rule.relativeHalfWidth(of: [Double](repeating: 5, count: 6)) == 0)
}

@Test func precisionImprovesWithMoreSamples() {
    var generator = SeededGenerator(seed: 71)
    let rule = MedianPrecisionRule(targetRelativeHalfWidth: 0.01)
    let draw = { (generator: inout SeededGenerator) in 100 + 10 * generator.approximatelyNormal() }
    var samples = (0..<20).map { _ in draw(&generator) }
    let early = rule.relativeHalfWidth(of: samples)!
    #expect(!rule.isSatisfied(by: samples))
    while !rule.isSatisfied(by: samples) && samples.count < 20_000 {
        for _ in 0..<500 { samples.append(draw(&generator)) }
    }
    #expect(rule.isSatisfied(by: samples))
    #expect(rule.relativeHalfWidth(of: samples)! <= 0.01)
    #expect(rule.relativeHalfWidth(of: samples)! < early)
}

@Test func widerSideDecides() {
    // Median 10, ranks 1 and 6 for n = 6: bounds 9.95 and 10.5.
    let rule = MedianPrecisionRule(targetRelativeHalfWidth: 0.01)
    let samples = [9.95, 9.99, 10, 10, 10.01, 10.5]
    #expect(abs(rule.relativeHalfWidth(of: samples)! - 0.05) < 1e-12)
    #expect(!rule.isSatisfied(by: samples))
    #expect(rule.relativeHalfWidth(of: [Double]()) == nil)
    #expect(!rule.isSatisfied(by: [Double]()))
}
