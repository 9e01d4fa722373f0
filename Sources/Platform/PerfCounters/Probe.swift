#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension CounterGroup {
    /// Opens the group once, counts a short window and closes it, to tell a
    /// harness before measuring whether counters work here and, if not, why
    /// for each event: bad names, libpfm4, a missing PMU, permissions, groups
    /// too large to open, and groups that open but never get onto the PMU
    /// (which only a counted window reveals). An empty list is available.
    public static func probe(events: [CounterEvent]) -> CounterAvailability {
        probe(events: events, facts: .current())
    }

    /// As probe(events:), for names not parsed yet: names that fail to parse
    /// are reported as unavailable like any other failure.
    public static func probe(eventNames: [String]) -> CounterAvailability {
        var invalid: [(index: Int, reason: UnavailabilityReason)] = []
        var events: [(index: Int, event: CounterEvent)] = []
        for (index, text) in eventNames.enumerated() {
            do throws(EventNameError) {
                events.append((index, try CounterEvent(parsing: text)))
            } catch {
                invalid.append((index, .invalidName(event: text, error)))
            }
        }
        let availability = probe(events: events.map(\.event))
        guard !invalid.isEmpty else { return availability }
        // Give the probed reasons back their places in the caller's list.
        let probed = availability.reasons.map { reason in
            (index: events.first { $0.event.name.spelling == reason.event }?.index ?? eventNames.count, reason: reason)
        }
        return .unavailable((invalid + probed).sorted { $0.index < $1.index }.map(\.reason))
    }

    static func probe(events: [CounterEvent], facts: PerfSystemFacts) -> CounterAvailability {
        guard !events.isEmpty else { return .available }
        let group: CounterGroup
        do throws(CounterError) {
            group = try CounterGroup(events: events, policy: .skipUnavailable, facts: facts)
        } catch {
            return .unavailable(error.reasons(for: events))
        }
        var reasons = group.unavailableEvents
        do throws(CounterError) {
            try group.start()
            exerciseBriefly()
            try group.stop()
            reasons += group.read().compactMap(\.problem)
        } catch {
            reasons += error.reasons(for: group.events)
        }
        return reasons.isEmpty ? .available : .unavailable(reasons)
    }

    /// Gives the probe window a few microseconds of kernel and user work, so
    /// a group that can be scheduled shows nonzero running time.
    private static func exerciseBriefly() {
        for _ in 0..<64 {
            _ = getppid()
        }
    }
}

extension CounterError {
    /// The per-event reasons carried by the error, or the same reason for
    /// every event when the failure concerns the group as a whole.
    func reasons(for events: [CounterEvent]) -> [UnavailabilityReason] {
        if case .unavailable(let reasons) = self {
            return reasons
        }
        return events.map { .groupOperationFailed(event: $0.name.spelling, detail: description) }
    }
}
