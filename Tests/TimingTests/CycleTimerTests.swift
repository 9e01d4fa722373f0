import Testing
@testable import Timing

@Test func conversionArithmetic() {
    let timer = CycleTimer(source: .tsc, ticksPerNanosecond: 2.5)
    #expect(timer.nanoseconds(ticks: 0) == 0)
    #expect(timer.nanoseconds(ticks: 250) == 100)
    #expect(timer.nanoseconds(from: 1_000, to: 3_500) == 1_000)
    // A counter that went backwards shows up as a negative interval.
    #expect(timer.nanoseconds(from: 3_500, to: 1_000) == -1_000)
    // Wrap-around of the 64-bit counter still gives the short interval.
    #expect(timer.nanoseconds(from: UInt64.max - 4, to: 20) == 10)
    let identity = CycleTimer(source: .clockGettime, ticksPerNanosecond: 1)
    #expect(identity.nanoseconds(ticks: 123_456_789) == 123_456_789)
}

@Test func readsAreMonotoneForEverySource() {
    for timer in [CycleTimer.calibrate(windows: 2, windowMilliseconds: 2, overheadPairs: 100),
                  CycleTimer(forcingClockGettime: "test", overheadPairs: 100)] {
        var previous = timer.start()
        for _ in 0..<10_000 {
            let stop = timer.stop()
            #expect(stop >= previous)
            previous = timer.start()
            #expect(previous >= stop)
        }
    }
}

@Test func calibrationGivesPositiveFiniteFrequency() {
    let timer = CycleTimer.calibrate(windows: 3, windowMilliseconds: 5, overheadPairs: 1_000)
    #expect(timer.ticksPerNanosecond > 0 && timer.ticksPerNanosecond.isFinite)
    #expect(timer.calibrationSpread >= 0 && timer.calibrationSpread.isFinite)
    #expect(timer.overheadNanoseconds >= 0 && timer.overheadNanoseconds.isFinite)
    switch timer.source {
    case .tsc:
        #expect(timer.fallbackReason == nil)
        #expect(timer.calibrationWindows.count == 3)
        #expect(timer.calibrationWindows.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(timer.sourceName == "tsc")
    case .clockGettime:
        #expect(timer.fallbackReason != nil)
        #expect(timer.ticksPerNanosecond == 1)
    }
}

@Test func sourceMatchesCPUFeatures() {
    let timer = CycleTimer.calibrate(windows: 1, windowMilliseconds: 1, overheadPairs: 10)
    let usable = TimestampCounterSupport.architectureHasTSC
        && TimestampCounterSupport.hasInvariantTSC && TimestampCounterSupport.hasRDTSCP
    #expect((timer.source == .tsc) == usable)
}

@Test func forcedFallbackUsesClockGettime() {
    let timer = CycleTimer(forcingClockGettime: "Forced by the test.", overheadPairs: 1_000)
    #expect(timer.source == .clockGettime)
    #expect(timer.sourceName == "clock_gettime")
    #expect(timer.ticksPerNanosecond == 1)
    #expect(timer.calibrationSpread == 0)
    #expect(timer.calibrationWindows.isEmpty)
    #expect(timer.fallbackReason == "Forced by the test.")
    #expect(timer.overheadNanoseconds >= 0 && timer.overheadNanoseconds.isFinite)
    // A region that spins on the clock for 1 ms measures at least 1 ms.
    let start = timer.start()
    while timer.nanoseconds(from: start, to: timer.stop()) < 1_000_000 {}
    #expect(timer.nanoseconds(from: start, to: timer.stop()) >= 1_000_000)
}

@Test func fallbackReasonsExplainEachCase() {
    #expect(TimestampCounterSupport.reasonTSCIsUnusable(architectureHasTSC: true, hasInvariantTSC: true, hasRDTSCP: true) == nil)
    let noArchitecture = TimestampCounterSupport.reasonTSCIsUnusable(architectureHasTSC: false, hasInvariantTSC: false, hasRDTSCP: false)
    #expect(noArchitecture?.contains("not an x86-64") == true)
    let noInvariant = TimestampCounterSupport.reasonTSCIsUnusable(architectureHasTSC: true, hasInvariantTSC: false, hasRDTSCP: true)
    #expect(noInvariant?.contains("invariant TSC") == true)
    let noRDTSCP = TimestampCounterSupport.reasonTSCIsUnusable(architectureHasTSC: true, hasInvariantTSC: true, hasRDTSCP: false)
    #expect(noRDTSCP?.contains("RDTSCP") == true)
    let neither = TimestampCounterSupport.reasonTSCIsUnusable(architectureHasTSC: true, hasInvariantTSC: false, hasRDTSCP: false)
    #expect(neither?.contains("neither") == true)
    for reason in [noArchitecture, noInvariant, noRDTSCP, neither] {
        #expect(reason?.hasSuffix("clock_gettime(CLOCK_MONOTONIC_RAW) is used instead.") == true)
    }
}
