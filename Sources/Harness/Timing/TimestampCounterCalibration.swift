import CHarness

/// Measures the TSC frequency against CLOCK_MONOTONIC_RAW.
enum TimestampCounterCalibration {
    /// One ticks-per-nanosecond estimate per window. Each window spins for
    /// at least `windowNanoseconds` of CLOCK_MONOTONIC_RAW time. The clock
    /// is read on both sides of each TSC read and the midpoint used, so a
    /// slow clock read (or an interruption during one) widens neither end
    /// systematically.
    static func ticksPerNanosecond(windows: Int, windowNanoseconds: UInt64) -> [Double] {
        var estimates: [Double] = []
        estimates.reserveCapacity(windows)
        for _ in 0..<windows {
            let (clockBegin, ticksBegin) = pairedRead(tscRead: hb_tsc_start)
            let spinUntil = clockBegin + Double(windowNanoseconds)
            while Double(hb_monotonic_raw_ns()) < spinUntil {}
            let (clockEnd, ticksEnd) = pairedRead(tscRead: hb_tsc_stop)
            let elapsedNanoseconds = clockEnd - clockBegin
            estimates.append(Double(ticksEnd &- ticksBegin) / elapsedNanoseconds)
        }
        return estimates
    }

    /// A TSC read bracketed by two clock reads; returns the clock midpoint.
    @inline(__always)
    private static func pairedRead(tscRead: () -> UInt64) -> (clockNanoseconds: Double, ticks: UInt64) {
        let before = hb_monotonic_raw_ns()
        let ticks = tscRead()
        let after = hb_monotonic_raw_ns()
        return (Double(before) + Double(after &- before) / 2, ticks)
    }
}
