import Testing
@testable import PerfCounters

@Suite struct ScalingTests {
    @Test func fullCoverageKeepsTheRawCount() {
        let scaled = ScaledCount(raw: 12_345, timeEnabled: 1_000_000, timeRunning: 1_000_000)
        #expect(scaled.value == 12_345)
        #expect(scaled.coverage == 1)
        #expect(!scaled.isExtrapolated)
    }

    @Test func halfCoverageDoublesTheCount() {
        let scaled = ScaledCount(raw: 12_345, timeEnabled: 2_000_000, timeRunning: 1_000_000)
        #expect(scaled.value == 24_690)
        #expect(scaled.coverage == 0.5)
        #expect(scaled.isExtrapolated)
    }

    @Test func zeroRunningMeansUnknownNotZero() {
        let scaled = ScaledCount(raw: 0, timeEnabled: 5_000, timeRunning: 0)
        #expect(scaled.value == nil)
        #expect(scaled.coverage == 0)
        #expect(!scaled.isExtrapolated)
    }

    @Test func neverEnabledHasNoValueAndNoCoverage() {
        let scaled = ScaledCount(raw: 0, timeEnabled: 0, timeRunning: 0)
        #expect(scaled.value == nil)
        #expect(scaled.coverage == nil)
    }

    @Test func runningPastEnabledNeverScalesDown() {
        let scaled = ScaledCount(raw: 1_000, timeEnabled: 999, timeRunning: 1_000)
        #expect(scaled.value == 1_000)
        #expect(scaled.coverage == 1)
    }

    @Test func roundsToNearest() {
        #expect(ScaledCount(raw: 1, timeEnabled: 3, timeRunning: 2).value == 2)  // 1.5
        #expect(ScaledCount(raw: 1, timeEnabled: 4, timeRunning: 3).value == 1)  // 1.33
        #expect(ScaledCount(raw: 2, timeEnabled: 5, timeRunning: 3).value == 3)  // 3.33
        #expect(ScaledCount(raw: 5, timeEnabled: 5, timeRunning: 3).value == 8)  // 8.33
    }

    @Test func largeValuesScaleExactlyWhereAPlainProductWouldOverflow() {
        // 10^18 * 3 * 10^18 overflows 64 bits by far; the result fits.
        let scaled = ScaledCount(raw: 1_000_000_000_000_000_000,
                                 timeEnabled: 3_000_000_000_000_000_000,
                                 timeRunning: 1_000_000_000_000_000_000)
        #expect(scaled.value == 3_000_000_000_000_000_000)
        // (2^62 + 1) at 50% is 2^63 + 2: exact here, where a Double's
        // resolution near 2^63 is 2048.
        let twoToThe62: UInt64 = 1 << 62
        #expect(ScaledCount(raw: twoToThe62 + 1, timeEnabled: 2, timeRunning: 1).value == 2 * twoToThe62 + 2)
    }

    @Test func fullCoverageOfTheLargestCountIsExact() {
        #expect(ScaledCount(raw: .max, timeEnabled: .max, timeRunning: .max).value == .max)
        #expect(ScaledCount(raw: .max - 1, timeEnabled: .max, timeRunning: .max - 1).value == .max)
    }

    @Test func resultsBeyond64BitsSaturate() {
        #expect(ScaledCount(raw: 1 << 63, timeEnabled: 2, timeRunning: 1).value == .max)
        #expect(ScaledCount(raw: .max, timeEnabled: .max, timeRunning: 1).value == .max)
        #expect(ScaledCount(raw: .max, timeEnabled: 3, timeRunning: 2).value == .max)
    }

    @Test func accumulationSaturatesInsteadOfWrapping() {
        #expect(saturatingAdd(40, 2) == 42)
        #expect(saturatingAdd(.max - 1, 1) == .max)
        #expect(saturatingAdd(.max, .max) == .max)
    }
}
