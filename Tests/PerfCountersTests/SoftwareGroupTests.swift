import Testing
@testable import PerfCounters

/// End-to-end tests with software events, which every Linux machine has,
/// virtual machines without a PMU included.
@Suite struct SoftwareGroupTests {
    static let pagesPerWindow = 256
    /// Faults the measured region may add on top of the touched pages
    /// (stack growth, lazily bound symbols).
    static let faultSlack: UInt64 = 32

    let pageFaults: CounterEvent
    let taskClock: CounterEvent

    init() throws {
        pageFaults = try CounterEvent(parsing: "perf::PAGE-FAULTS")
        taskClock = try CounterEvent(parsing: "perf::TASK-CLOCK")
    }

    @Test func pageFaultsCountTheTouchedPages() throws {
        let group = try CounterGroup(events: [pageFaults, taskClock])
        let pages = FreshPages(count: Self.pagesPerWindow)
        try group.start()
        pages.touchEveryPage()
        try group.stop()

        let faults = group.read()[0]
        let expected = UInt64(Self.pagesPerWindow)
        #expect(faults.event == pageFaults)
        #expect(faults.problem == nil)
        #expect(faults.coverage == 1.0)
        let value = try #require(faults.scaledValue)
        #expect(value >= expected && value <= expected + Self.faultSlack, "\(faults)")
        #expect(faults.rawValue == value)
        #expect(faults.windows == 1)
    }

    @Test func taskClockAgreesRoughlyWithTheThreadCPUClock() throws {
        let group = try CounterGroup(events: [pageFaults, taskClock])
        try group.start()
        let before = threadCPUTimeNanoseconds()
        // Counted by mistake, this would put task-clock at 7x the windows'
        // thread CPU time, outside the bounds below.
        spin(forCPUNanoseconds: 60_000_000)
        let after = threadCPUTimeNanoseconds()
        try group.stop()

        let clock = group.read()[1]
        #expect(clock.event == taskClock)
        let taskClockNanoseconds = try #require(clock.scaledValue)
        #expect(taskClockNanoseconds > 0)
        // A sanity check of units and scope, not a timing assertion.
        let ratio = Double(taskClockNanoseconds) / Double(after - before)
        #expect(ratio > 0.2 && ratio < 5, "task-clock \(taskClockNanoseconds) ns vs thread CPU \(after - before) ns")
        #expect(clock.timeEnabled > 0 && clock.timeRunning == clock.timeEnabled)
    }

    @Test func windowsAccumulateAndGapsAreNotCounted() throws {
        let group = try CounterGroup(events: [pageFaults, taskClock])
        let expected = UInt64(Self.pagesPerWindow)
        var threadCPU: UInt64 = 0

        let first = FreshPages(count: Self.pagesPerWindow)
        try group.start()
        first.touchEveryPage()
        threadCPU += measuringThreadCPU { spin(forCPUNanoseconds: 5_000_000) }
        try group.stop()
        let afterFirst = group.read()

        // Faults and CPU time between windows must not reach the totals.
        let gap = FreshPages(count: Self.pagesPerWindow * 2)
        gap.touchEveryPage()
        // Counted by mistake, this would put task-clock at 7x the windows'
        // thread CPU time, outside the bounds below.
        spin(forCPUNanoseconds: 60_000_000)

        let second = FreshPages(count: Self.pagesPerWindow)
        try group.start()
        second.touchEveryPage()
        threadCPU += measuringThreadCPU { spin(forCPUNanoseconds: 5_000_000) }
        try group.stop()
        let afterSecond = group.read()

        let faultsOnce = try #require(afterFirst[0].scaledValue)
        let faultsTwice = try #require(afterSecond[0].scaledValue)
        #expect(faultsOnce >= expected && faultsOnce <= expected + Self.faultSlack)
        #expect(faultsTwice >= 2 * expected && faultsTwice <= 2 * expected + 2 * Self.faultSlack, "\(afterSecond[0])")
        #expect(faultsTwice - faultsOnce >= expected && faultsTwice - faultsOnce <= expected + Self.faultSlack)

        // Every window must add task-clock time, not just the first.
        let clockOnce = try #require(afterFirst[1].scaledValue)
        let clockTwice = try #require(afterSecond[1].scaledValue)
        #expect(clockOnce > 0 && clockTwice > clockOnce)
        let ratio = Double(clockTwice) / Double(threadCPU)
        #expect(ratio > 0.2 && ratio < 5, "task-clock \(clockTwice) ns vs thread CPU \(threadCPU) ns")

        #expect(afterSecond.allSatisfy { $0.windows == 2 } && group.completedWindows == 2)
        #expect(afterSecond[0].timeEnabled > afterFirst[0].timeEnabled)
        #expect(afterSecond.allSatisfy { $0.coverage == 1.0 })
    }

    @Test func clearForgetsCompletedWindows() throws {
        let group = try CounterGroup(events: [pageFaults])
        let pages = FreshPages(count: Self.pagesPerWindow)
        try group.start()
        pages.touchEveryPage()
        try group.stop()
        group.clear()

        let reading = group.read()[0]
        #expect(reading.rawValue == 0 && reading.timeEnabled == 0 && reading.windows == 0)
        #expect(reading.scaledValue == nil && reading.coverage == nil)
        #expect(reading.problem == nil)
    }

    @Test func groupReportsWhatLibpfmResolved() throws {
        let group = try CounterGroup(events: [pageFaults, taskClock])
        #expect(group.events == [pageFaults, taskClock])
        #expect(group.fullyQualifiedNames.count == 2)
        #expect(group.fullyQualifiedNames[0].contains("PERF_COUNT_SW_PAGE_FAULTS"))
        #expect(group.fullyQualifiedNames[1].contains("PERF_COUNT_SW_TASK_CLOCK"))
        #expect(group.unavailableEvents.isEmpty)
        #expect(!group.isCounting)
    }
}
