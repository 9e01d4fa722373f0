// A counter group that fails to start or stop must not vanish: the
// observer keeps the first failure until the next reset, never closes a
// window it did not open, and the run turns the failure into a row note
// (or an error with --require-counters).

import PerfCounters
@testable import Runs
import Testing

private final class FailingWindows: CountingWindows {
    let failStart: Bool
    let failStop: Bool
    private(set) var stops = 0

    init(failStart: Bool = false, failStop: Bool = false) {
        self.failStart = failStart
        self.failStop = failStop
    }

    var events: [CounterEvent] { [] }
    var unavailableEvents: [UnavailabilityReason] { [] }
    func start() throws(CounterError) {
        if failStart { throw .systemCallFailed(operation: "ioctl(PERF_EVENT_IOC_ENABLE)", errno: 9) }
    }
    func stop() throws(CounterError) {
        stops += 1
        if failStop { throw .systemCallFailed(operation: "ioctl(PERF_EVENT_IOC_DISABLE)", errno: 9) }
    }
    func read() -> [CounterReading] { [] }
    func clear() {}
}

struct CounterObserverTests {
    @Test func aWindowThatCannotStartIsReportedAndNeverStopped() {
        let check = FailingWindows(failStart: true)
        let observer = CounterObserver(checkGroup: check, baselineGroup: FailingWindows())
        observer.willTimeBatch(baseline: false)
        observer.didTimeBatch(baseline: false, checks: 100)
        #expect(observer.failure?.contains("PERF_EVENT_IOC_ENABLE") == true)
        #expect(check.stops == 0, "a window that did not open is not closed")
        observer.reset()
        #expect(observer.failure == nil)
    }

    @Test func aWindowThatCannotStopIsReported() {
        let observer = CounterObserver(checkGroup: FailingWindows(), baselineGroup: FailingWindows(failStop: true))
        observer.willTimeBatch(baseline: false)
        observer.didTimeBatch(baseline: false, checks: 10)
        #expect(observer.failure == nil)
        observer.willTimeBatch(baseline: true)
        observer.didTimeBatch(baseline: true, checks: 10)
        #expect(observer.failure?.contains("PERF_EVENT_IOC_DISABLE") == true)
    }
}
