import CPerfEvents
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What to do when some requested events cannot be counted.
public enum MissingCounterPolicy: Sendable, Hashable {
    /// Fail with CounterError.unavailable unless every event opens
    /// (`--require-counters`).
    case requireAll
    /// Count the events that open, report the others in
    /// CounterGroup.unavailableEvents; fail only if none opens.
    case skipUnavailable
}

/// A perf counter group on the calling thread. The group opens disabled and
/// is switched on and off through its leader, which the kernel schedules
/// together with all members, so every event covers exactly the same
/// instructions. Counts accumulate over any number of start()/stop()
/// windows until clear().
///
/// The group counts the thread that created it (pid 0): create, start, stop
/// and read it on the same OS thread, e.g. a dedicated measurement thread
/// rather than a Swift concurrency task that may hop threads.
public final class CounterGroup {
    /// The events being counted, leader first, in the order requested.
    public let events: [CounterEvent]
    /// libpfm4's fully qualified name of each counted event, same order.
    public let fullyQualifiedNames: [String]
    /// Why requested events are missing (only with .skipUnavailable).
    public let unavailableEvents: [UnavailabilityReason]
    /// Whether a window is open (between start() and stop()).
    public private(set) var isCounting = false
    /// Windows completed since opening or the last clear().
    public private(set) var completedWindows = 0

    // Positions in the group read (see HB_GROUP_READ_FORMAT).
    private static let eventCountWord = 0
    private static let timeEnabledWord = 1
    private static let timeRunningWord = 2

    private let descriptors: [Int32]
    private let leader: Int32
    // Preallocated so start() and stop() never allocate inside or around the
    // measured region.
    private let eventIDs: UnsafeMutableBufferPointer<UInt64>
    private let readBuffer: UnsafeMutableBufferPointer<UInt64>
    private let accumulatedValues: UnsafeMutableBufferPointer<UInt64>
    private var accumulatedTimeEnabled: UInt64 = 0
    private var accumulatedTimeRunning: UInt64 = 0
    // RESET clears counts but not the enabled/running clocks, which run from
    // open; a window's times are the difference from its start.
    private var windowStartTimeEnabled: UInt64 = 0
    private var windowStartTimeRunning: UInt64 = 0

    public convenience init(events: [CounterEvent], policy: MissingCounterPolicy = .requireAll) throws(CounterError) {
        try self.init(events: events, policy: policy, facts: .current())
    }

    init(events requested: [CounterEvent], policy: MissingCounterPolicy, facts: PerfSystemFacts) throws(CounterError) {
        var failures: [(index: Int, reason: UnavailabilityReason)] = []
        var members: [GroupOpening.Member] = []
        for (index, event) in requested.enumerated() {
            do throws(UnavailabilityReason) {
                members.append(GroupOpening.Member(index: index, event: try EncodedEvent(encoding: event.name)))
            } catch {
                failures.append((index, error))
            }
        }

        let result = GroupOpening.openLargestGroup(members, facts: facts)
        failures += result.failures
        let reasons = failures.sorted { $0.index < $1.index }.map(\.reason)
        if result.opened.isEmpty || (policy == .requireAll && !reasons.isEmpty) {
            result.opened.forEach { _ = close($0.fileDescriptor) }
            throw .unavailable(reasons)
        }

        let count = result.opened.count
        let ids = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        ids.initialize(repeating: 0)
        for (slot, member) in result.opened.enumerated() {
            let status = hb_event_id(member.fileDescriptor, &ids[slot])
            if status < 0 {
                ids.deallocate()
                result.opened.forEach { _ = close($0.fileDescriptor) }
                throw .systemCallFailed(operation: "ioctl(PERF_EVENT_IOC_ID)", errno: -status)
            }
        }

        self.events = result.opened.map { requested[$0.member.index] }
        self.fullyQualifiedNames = result.opened.map(\.member.event.fullyQualifiedName)
        self.unavailableEvents = reasons
        let descriptors = result.opened.map(\.fileDescriptor)
        self.descriptors = descriptors
        self.leader = descriptors[0]
        self.eventIDs = ids
        let readWords = Int(HB_GROUP_READ_HEADER_WORDS) + count * Int(HB_GROUP_READ_WORDS_PER_EVENT)
        self.readBuffer = .allocate(capacity: readWords)
        readBuffer.initialize(repeating: 0)
        self.accumulatedValues = .allocate(capacity: count)
        accumulatedValues.initialize(repeating: 0)
    }

    deinit {
        for descriptor in descriptors {
            _ = close(descriptor)
        }
        eventIDs.deallocate()
        readBuffer.deallocate()
        accumulatedValues.deallocate()
    }

    /// Opens a window: zeroes the counts and enables the whole group.
    public func start() throws(CounterError) {
        precondition(!isCounting, "CounterGroup.start() called while a window is open")
        try check(hb_group_reset(leader), "ioctl(PERF_EVENT_IOC_RESET)")
        try readGroup()
        windowStartTimeEnabled = readBuffer[Self.timeEnabledWord]
        windowStartTimeRunning = readBuffer[Self.timeRunningWord]
        // Enabling is the last thing done, so the window counts as little of
        // this function as possible.
        try check(hb_leader_enable(leader), "ioctl(PERF_EVENT_IOC_ENABLE)")
        isCounting = true
    }

    /// Closes the window: disables the group and adds its counts and times
    /// to the totals.
    public func stop() throws(CounterError) {
        precondition(isCounting, "CounterGroup.stop() called without start()")
        // Disabling comes first, so nothing below is counted.
        let disableStatus = hb_leader_disable(leader)
        isCounting = false
        try check(disableStatus, "ioctl(PERF_EVENT_IOC_DISABLE)")
        try readGroup()

        let windowTimeEnabled = readBuffer[Self.timeEnabledWord] &- windowStartTimeEnabled
        let windowTimeRunning = readBuffer[Self.timeRunningWord] &- windowStartTimeRunning
        accumulatedTimeEnabled = saturatingAdd(accumulatedTimeEnabled, windowTimeEnabled)
        accumulatedTimeRunning = saturatingAdd(accumulatedTimeRunning, windowTimeRunning)
        let header = Int(HB_GROUP_READ_HEADER_WORDS)
        let stride = Int(HB_GROUP_READ_WORDS_PER_EVENT)
        for entry in 0..<eventIDs.count {
            let value = readBuffer[header + entry * stride]
            let id = readBuffer[header + entry * stride + 1]
            // The kernel lists the leader then members in creation order; the
            // ids make the mapping independent of that.
            let slot = eventIDs.firstIndex(of: id) ?? entry
            accumulatedValues[slot] = saturatingAdd(accumulatedValues[slot], value)
        }
        completedWindows += 1
    }

    /// Totals over all completed windows, one reading per event, in `events`
    /// order. A window still open is not included.
    public func read() -> [CounterReading] {
        events.indices.map { slot in
            CounterReading(
                event: events[slot], rawValue: accumulatedValues[slot],
                timeEnabled: accumulatedTimeEnabled, timeRunning: accumulatedTimeRunning,
                windows: completedWindows, groupSize: events.count)
        }
    }

    /// Forgets all completed windows.
    public func clear() {
        precondition(!isCounting, "CounterGroup.clear() called while a window is open")
        accumulatedValues.update(repeating: 0)
        accumulatedTimeEnabled = 0
        accumulatedTimeRunning = 0
        completedWindows = 0
    }

    private func readGroup() throws(CounterError) {
        let expected = readBuffer.count
        let words = hb_read_group(leader, readBuffer.baseAddress, expected)
        if words < 0 {
            throw .systemCallFailed(operation: "read of the counter group", errno: Int32(-words))
        }
        guard words == expected, readBuffer[Self.eventCountWord] == UInt64(eventIDs.count) else {
            throw .unexpectedReadLayout(expectedWords: expected, receivedWords: words)
        }
    }

    private func check(_ status: Int32, _ operation: StaticString) throws(CounterError) {
        if status < 0 {
            throw .systemCallFailed(operation: operation.description, errno: -status)
        }
    }
}
