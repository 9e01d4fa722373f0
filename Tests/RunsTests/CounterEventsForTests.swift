import PerfCounters

enum CounterEventsForTests {
    /// Software events: they count on any Linux, PMU or not.
    static func software() throws -> [CounterEvent] {
        try CounterEvent.resolve("perf::TASK-CLOCK,perf::PAGE-FAULTS")
    }
}
