import SeededRandom
import Support
import Testing
import Statistics

@Test func medianOfOddAndEvenSets() {
    #expect([3.0, 1, 2].median() == 2)
    #expect([4.0, 1, 3, 2].median() == 2.5)
    #expect([7.0].median() == 7)
    #expect([Double]().median() == nil)
}

@Test func quantileType7KnownValues() {
    // R: quantile(1:10, c(0, .1, .25, .5, .9, 1), type = 7)
    let values = (1...10).map(Double.init).shuffled()
    #expect(values.quantile(0) == 1)
    #expect(abs(values.quantile(0.1)! - 1.9) < 1e-12)
    #expect(values.quantile(0.25) == 3.25)
    #expect(values.quantile(0.5) == 5.5)
    #expect(abs(values.quantile(0.9)! - 9.1) < 1e-12)
    #expect(values.quantile(1) == 10)
    // R: quantile(c(1, 3, 7, 15), .4, type = 7) = 1 + 1.2 * ... = 3 + 0.2 * 4
    #expect(abs([15.0, 1, 7, 3].quantile(0.4)! - 3.8) < 1e-12)
    #expect(values.quantile(-0.01) == nil)
    #expect(values.quantile(1.01) == nil)
    #expect(values.quantile(.nan) == nil)
    #expect([Double]().quantile(0.5) == nil)
}

@Test func meanAndStandardDeviationKnownValues() {
    let values = [2.0, 4, 4, 4, 5, 5, 7, 9]
    #expect(values.mean() == 5)
    // Sum of squared deviations 32, n - 1 = 7.
    #expect(abs(values.standardDeviation()! - (32.0 / 7).squareRoot()) < 1e-15)
    #expect([Double]().mean() == nil)
    #expect([1.0].standardDeviation() == nil)
    #expect([5.0, 5, 5].standardDeviation() == 0)
}

@Test func standardDeviationSurvivesLargeOffset() {
    // The naive sum-of-squares formula loses every digit here.
    let values = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]
    #expect(abs(values.standardDeviation()! - 30.0.squareRoot()) < 1e-9)
}

@Test func descriptivePropertiesOnRandomData() {
    var generator = SeededGenerator(seed: 11)
    for trial in 0..<200 {
        let count = 1 + trial % 37
        let values = (0..<count).map { _ in generator.uniform(-50...50) }
        let sorted = values.sorted()
        let median = values.median()!
        #expect(median >= sorted.first! && median <= sorted.last!)
        #expect(median == values.quantile(0.5))
        var previous = -Double.infinity
        for step in 0...20 {
            let q = values.quantile(Double(step) / 20)!
            #expect(q >= previous)
            previous = q
        }
        let mean = values.mean()!
        #expect(mean >= sorted.first! - 1e-12 && mean <= sorted.last! + 1e-12)
        if let deviation = values.standardDeviation() {
            #expect(deviation >= 0)
            let shifted = values.map { 3 * $0 + 1000 }
            #expect(abs(shifted.standardDeviation()! - 3 * deviation) <= 1e-9 * max(1, deviation))
        }
        // At least half the values on each side of the median.
        #expect(values.filter { $0 <= median }.count * 2 >= count)
        #expect(values.filter { $0 >= median }.count * 2 >= count)
    }
}

@Test func worksOnSlices() {
    let values = [9.0, 1, 2, 3, 9]
    #expect(values[1...3].median() == 2)
    #expect(values[1...3].mean() == 2)
}
