// Perf counters around exactly the timed batches: one group counts the
// strategy's batches, another the empty baseline's, so a point's counts
// per check are the strategy's minus the baseline's, like its time.

import Foundation
import Measurement
import PerfCounters

/// What the observer needs of a counter group; a seam for tests that make
/// starting or stopping fail.
protocol CountingWindows: AnyObject {
    var events: [CounterEvent] { get }
    var unavailableEvents: [UnavailabilityReason] { get }
    func start() throws(CounterError)
    func stop() throws(CounterError)
    func read() -> [CounterReading]
    func clear()
}

extension CounterGroup: CountingWindows {}

final class CounterObserver: SampleObserver {
    private let checkGroup: any CountingWindows
    private let baselineGroup: any CountingWindows
    /// Whether the batch being timed opened its window, so only an open
    /// window is closed.
    private var windowOpen = false
    private var checks = 0
    private var baselineChecks = 0
    /// Why a group could not be started or stopped since the last reset:
    /// the counts of those batches are wrong, so the point gets none.
    private(set) var failure: String?

    var countedEvents: [CounterEvent] { checkGroup.events.filter { event in !checkGroup.unavailableEvents.contains { $0.event == event.name.spelling } } }
    var unavailable: [UnavailabilityReason] { checkGroup.unavailableEvents }

    /// Opens both groups on the calling thread, which must be the thread
    /// that runs the measured loops.
    init(events: [CounterEvent], requireAll: Bool) throws(CounterError) {
        let policy: MissingCounterPolicy = requireAll ? .requireAll : .skipUnavailable
        checkGroup = try CounterGroup(events: events, policy: policy)
        baselineGroup = try CounterGroup(events: events, policy: policy)
    }

    init(checkGroup: any CountingWindows, baselineGroup: any CountingWindows) {
        self.checkGroup = checkGroup
        self.baselineGroup = baselineGroup
    }

    func reset() {
        checkGroup.clear()
        baselineGroup.clear()
        checks = 0
        baselineChecks = 0
        failure = nil
    }

    func willTimeBatch(baseline: Bool) {
        do {
            try (baseline ? baselineGroup : checkGroup).start()
            windowOpen = true
        } catch {
            failure = failure ?? error.description
        }
    }

    func didTimeBatch(baseline: Bool, checks count: Int) {
        guard windowOpen else { return }
        windowOpen = false
        do { try (baseline ? baselineGroup : checkGroup).stop() } catch { failure = failure ?? error.description }
        if baseline { baselineChecks += count } else { checks += count }
    }

    /// What one event counted over the strategy's and the baseline's
    /// batches, and over how many checks each; repeats add up.
    struct Totals {
        var event: CounterEvent
        var checkCount = 0.0
        var checks = 0
        var baselineCount = 0.0
        var baselineChecks = 0
        var coverage: Double?

        /// The event per check, net of the baseline.
        var perCheck: Double? {
            guard checks > 0, baselineChecks > 0 else { return nil }
            return checkCount / Double(checks) - baselineCount / Double(baselineChecks)
        }

        mutating func add(_ other: Totals) {
            checkCount += other.checkCount
            checks += other.checks
            baselineCount += other.baselineCount
            baselineChecks += other.baselineChecks
            coverage = [coverage, other.coverage].compactMap { $0 }.min()
        }
    }

    /// Counts since the last reset, per event the kernel scheduled.
    func totals() -> [Totals] {
        let baseline = Dictionary(baselineGroup.read().map { ($0.event, $0) }, uniquingKeysWith: { a, _ in a })
        return checkGroup.read().compactMap { reading in
            guard let value = reading.scaledValue, let base = baseline[reading.event]?.scaledValue else { return nil }
            return Totals(event: reading.event, checkCount: Double(value), checks: checks,
                          baselineCount: Double(base), baselineChecks: baselineChecks,
                          coverage: [reading.coverage, baseline[reading.event]?.coverage].compactMap { $0 }.min())
        }
    }
}

/// Counters for a churn point's readers. A perf group counts the thread
/// that opened it, so each reader opens its own pair of groups on its own
/// thread (through `PointRunner.makeReaderObserver`), and the point's
/// counts are the sum over its readers: events per reader check, net of
/// the baseline. The writer is not counted.
final class ReaderCounters: @unchecked Sendable {
    private let events: [CounterEvent]
    private let requireAll: Bool
    private let lock = NSLock()
    private var observers: [CounterObserver] = []
    private var openFailures: [String] = []

    init(events: [CounterEvent], requireAll: Bool) {
        self.events = events
        self.requireAll = requireAll
    }

    /// Called on a reader's thread: its groups, opened there.
    func observerForCurrentThread() -> SampleObserver? {
        do {
            let observer = try CounterObserver(events: events, requireAll: requireAll)
            lock.withLock { observers.append(observer) }
            return observer
        } catch {
            lock.withLock { openFailures.append("a reader's counter group did not open: \(error.description)") }
            return nil
        }
    }

    /// The readers' counts since the last call, summed per event, and why
    /// they are incomplete (a group that did not open, start or stop);
    /// forgets them.
    func takeTotals() -> (totals: [CounterObserver.Totals], failure: String?) {
        lock.withLock {
            defer {
                observers = []
                openFailures = []
            }
            var byEvent: [String: CounterObserver.Totals] = [:]
            for total in observers.flatMap({ $0.totals() }) {
                byEvent[total.event.name.spelling, default: .init(event: total.event)].add(total)
            }
            let failure = openFailures.first ?? observers.compactMap(\.failure).first
            return (byEvent.values.sorted { $0.event.name.spelling < $1.event.name.spelling }, failure)
        }
    }
}
