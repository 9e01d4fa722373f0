import Support

/// What one event counted over all measurement windows of a CounterGroup.
public struct CounterReading: Sendable, Hashable, CustomStringConvertible {
    public let event: CounterEvent
    /// The count while the event was on the PMU.
    public let rawValue: UInt64
    /// Nanoseconds the group was enabled (summed over windows).
    public let timeEnabled: UInt64
    /// Nanoseconds the group was actually on the PMU (summed over windows).
    public let timeRunning: UInt64
    /// Number of start()/stop() windows summed into this reading.
    public let windows: Int
    public let scaled: ScaledCount
    /// Set when the group was enabled but never ran, so the value is unknown.
    public let problem: UnavailabilityReason?

    init(event: CounterEvent, rawValue: UInt64, timeEnabled: UInt64, timeRunning: UInt64, windows: Int, groupSize: Int) {
        self.event = event
        self.rawValue = rawValue
        self.timeEnabled = timeEnabled
        self.timeRunning = timeRunning
        self.windows = windows
        self.scaled = ScaledCount(raw: rawValue, timeEnabled: timeEnabled, timeRunning: timeRunning)
        self.problem = timeEnabled > 0 && timeRunning == 0
            ? .neverScheduled(event: event.name.spelling, groupSize: groupSize, timeEnabled: timeEnabled)
            : nil
    }

    /// raw * enabled / running; nil when the event never ran.
    public var scaledValue: UInt64? { scaled.value }
    /// running / enabled; nil before the first window.
    public var coverage: Double? { scaled.coverage }

    public var description: String {
        let value = scaled.value.map(String.init) ?? "unknown"
        let coverage = scaled.coverage.map { FixedPoint.percent(ofFraction: $0) } ?? FixedPoint.notAvailable
        return "\(event.name.spelling): \(value) (raw \(rawValue), coverage \(coverage), "
            + "enabled \(timeEnabled) ns, running \(timeRunning) ns, \(windows) windows)"
    }
}
