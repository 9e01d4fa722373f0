import SeededRandom
import Testing
import Statistics

@Test func singleRepeatDegradesToWithinRunInterval() {
    var generator = SeededGenerator(seed: 41)
    let run = (0..<100).map { _ in generator.timingLike(base: 100, scale: 3) }
    let estimate = RepeatedMeasurementEstimate(repeats: [run], using: &generator)!
    let withinRun = MedianConfidenceInterval(samples: run)!
    #expect(estimate.method == .withinRunOrderStatistics)
    #expect(estimate.estimate == withinRun.estimate)
    #expect(estimate.note != nil)
    #expect(estimate.relativeSpread == 0)
    #expect(estimate.repeatCount == 1 && estimate.sampleCount == 100)
}

@Test func singleTinyRepeatSaysLevelIsNotAttainable() {
    var generator = SeededGenerator(seed: 42)
    let estimate = RepeatedMeasurementEstimate(repeats: [[3, 1, 2]], using: &generator)!
    #expect(estimate.note!.contains("not attainable"))
    #expect(estimate.estimate.ciLow == 1 && estimate.estimate.ciHigh == 3)
}

@Test func spreadOfRepeatMedians() {
    var generator = SeededGenerator(seed: 43)
    let repeats: [[Double]] = [[9, 10, 11], [10, 11, 12], [11, 12, 13]]
    let estimate = RepeatedMeasurementEstimate(repeats: repeats, resamples: 500, using: &generator)!
    #expect(estimate.repeatMedians == [10, 11, 12])
    #expect(estimate.minimumRepeatMedian == 10 && estimate.maximumRepeatMedian == 12)
    #expect(estimate.estimate.value == 11)
    #expect(abs(estimate.relativeSpread - 2.0 / 11) < 1e-15)
    #expect(estimate.method == .hierarchicalBootstrap(resamples: 500))
    #expect(estimate.note == nil)
    #expect(estimate.estimate.ciLow <= estimate.estimate.ciHigh)
    #expect(estimate.estimate.ciLow >= 9 && estimate.estimate.ciHigh <= 13)
}

@Test func betweenRunVariationWidensTheInterval() {
    var generator = SeededGenerator(seed: 44)
    let noise = { (generator: inout SeededGenerator) in
        (0..<200).map { _ in 100 + generator.uniform(0...1) }
    }
    let steady = (0..<5).map { _ in noise(&generator) }
    let drifting = steady.enumerated().map { index, run in run.map { $0 + Double(index) * 2 } }
    let narrow = RepeatedMeasurementEstimate(repeats: steady, resamples: 1_000, using: &generator)!
    let wide = RepeatedMeasurementEstimate(repeats: drifting, resamples: 1_000, using: &generator)!
    #expect(wide.estimate.halfWidth > 5 * narrow.estimate.halfWidth)
    #expect(wide.relativeSpread > narrow.relativeSpread)
}

@Test func sameSeedGivesSameInterval() {
    var first = SeededGenerator(seed: 45)
    var second = SeededGenerator(seed: 45)
    let repeats: [[Double]] = [[1, 2, 3, 4], [2, 3, 4, 5, 6], [1.5, 2.5]]
    let a = RepeatedMeasurementEstimate(repeats: repeats, resamples: 300, using: &first)
    let b = RepeatedMeasurementEstimate(repeats: repeats, resamples: 300, using: &second)
    #expect(a == b)
}

@Test func invalidRepeatsGiveNil() {
    var generator = SeededGenerator(seed: 46)
    #expect(RepeatedMeasurementEstimate(repeats: [], using: &generator) == nil)
    #expect(RepeatedMeasurementEstimate(repeats: [[1, 2], []], using: &generator) == nil)
    #expect(RepeatedMeasurementEstimate(repeats: [[1, 2]], level: 1.5, using: &generator) == nil)
    #expect(RepeatedMeasurementEstimate(repeats: [[1, 2], [3]], resamples: 0, using: &generator) == nil)
}
