// PerfCounters: hardware and software event counts for hookbench's measured
// regions, so a benchmark can report cycles, instructions, cache and TLB
// misses per LSM hook check next to its timings.
//
// Kernel interface: perf_event_open(2) on the calling thread (pid 0, cpu -1),
// all events in one group read through the leader with PERF_FORMAT_GROUP and
// the enabled/running times, zeroed by PERF_EVENT_IOC_RESET with
// PERF_IOC_FLAG_GROUP and switched by PERF_EVENT_IOC_ENABLE/DISABLE on the
// leader. Event names are translated into perf_event_attr by libpfm4, so
// users write the names perf and libpfm know.
//
// Flow: CounterEvent.resolve("auto") -> CounterGroup.probe(events:) to learn
// whether (and why not) counters work here -> CounterGroup(events:policy:) ->
// start()/stop() around each measured batch -> read().

import Support

/// One event to count and the CSV column its per-check value fills.
public struct CounterEvent: Sendable, Hashable, CustomStringConvertible {
    public let name: EventName
    /// The hookbench CSV column for this event, nil for events outside the
    /// default set (the harness decides how to report those).
    public let column: String?

    public init(_ name: EventName, column: String? = nil) {
        self.name = name
        self.column = column
    }

    public init(parsing text: String, column: String? = nil) throws(EventNameError) {
        self.init(try EventName(parsing: text), column: column)
    }

    public var description: String { name.spelling }

    /// The events behind `--events auto`. All are perf's generic events
    /// (`perf::` in libpfm4), which the kernel maps onto whatever the CPU's PMU
    /// calls them, so the set encodes on every x86 PMU libpfm4 supports.
    /// Cycles leads the group so the group's times follow the core clock.
    public static let defaultSet: [CounterEvent] = [
        CounterEvent(EventName(pmu: "perf", event: "CYCLES"), column: "cycles_per_check"),
        CounterEvent(EventName(pmu: "perf", event: "INSTRUCTIONS"), column: "instructions_per_check"),
        CounterEvent(EventName(pmu: "perf", event: "L1-DCACHE-LOAD-MISSES"), column: "l1d_misses_per_check"),
        CounterEvent(EventName(pmu: "perf", event: "LLC-LOAD-MISSES"), column: "llc_misses_per_check"),
        CounterEvent(EventName(pmu: "perf", event: "DTLB-LOAD-MISSES"), column: "dtlb_misses_per_check"),
        CounterEvent(EventName(pmu: "perf", event: "BRANCH-MISSES"), column: "branch_misses_per_check"),
    ]

    /// The keyword of `--events` that selects `defaultSet`.
    public static let defaultSetKeyword = "auto"

    /// Resolves an `--events` value: `auto`, or a comma-separated list of
    /// libpfm4 names. A listed event that matches a default event (same
    /// libpfm name, ignoring case and privilege modifiers) fills that event's
    /// column; any other event has no column.
    public static func resolve(_ option: String) throws(EventNameError) -> [CounterEvent] {
        let trimmedOption = option.trimmingWhitespace()
        if trimmedOption.lowercased() == defaultSetKeyword {
            return defaultSet
        }
        var events: [CounterEvent] = []
        for item in trimmedOption.split(separator: ",", omittingEmptySubsequences: false) {
            let name = try EventName(parsing: item.trimmingWhitespace())
            let column = defaultSet.first {
                $0.name.libpfmName.lowercased() == name.libpfmName.lowercased()
            }?.column
            events.append(CounterEvent(name, column: column))
        }
        return events
    }
}
