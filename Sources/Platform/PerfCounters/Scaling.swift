/// A counter value corrected for multiplexing. When a group has more events
/// than the PMU has free counters, the kernel time-shares the counters and the
/// group runs only part of the time it is enabled; perf's convention is to
/// extrapolate the raw count by enabled/running.
public struct ScaledCount: Sendable, Hashable {
    /// raw * enabled / running, rounded to nearest and saturating at
    /// UInt64.max. Nil when the counter never ran: its count is unknown, and
    /// reporting 0 would pass for a real measurement.
    public let value: UInt64?
    /// running / enabled, in 0...1. Nil when the counter was never enabled,
    /// since there is then no time to cover.
    public let coverage: Double?

    /// True when value is an extrapolation rather than a full count.
    public var isExtrapolated: Bool { (coverage ?? 0) < 1 && value != nil }

    public init(raw: UInt64, timeEnabled: UInt64, timeRunning: UInt64) {
        if timeRunning == 0 {
            value = nil
            coverage = timeEnabled == 0 ? nil : 0
        } else if timeRunning >= timeEnabled {
            // running can exceed enabled by clock granularity; never scale down.
            value = raw
            coverage = 1
        } else {
            value = Self.scale(raw, by: timeEnabled, over: timeRunning)
            coverage = Double(timeRunning) / Double(timeEnabled)
        }
    }

    /// raw * numerator / denominator in 128-bit arithmetic, so counts near
    /// 2^64 scale exactly instead of overflowing or losing precision in a
    /// Double. Requires denominator > 0.
    static func scale(_ raw: UInt64, by numerator: UInt64, over denominator: UInt64) -> UInt64 {
        let product = raw.multipliedFullWidth(by: numerator)
        // dividingFullWidth traps when the quotient does not fit in 64 bits.
        guard product.high < denominator else { return .max }
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        // Round half up; remainder < denominator, so this comparison cannot
        // overflow.
        let roundsUp = remainder >= denominator - remainder
        if roundsUp {
            let (rounded, overflow) = quotient.addingReportingOverflow(1)
            return overflow ? .max : rounded
        }
        return quotient
    }
}

/// Adds counts from successive measurement windows, pinning at UInt64.max
/// rather than wrapping to a small, plausible-looking number.
@inline(__always)
func saturatingAdd(_ lhs: UInt64, _ rhs: UInt64) -> UInt64 {
    let (sum, overflow) = lhs.addingReportingOverflow(rhs)
    return overflow ? .max : sum
}
