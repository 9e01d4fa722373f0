// Timing: a cycle-accurate region timer for benchmarks. It reads the
// time-stamp counter when the CPU guarantees that the counter ticks at a
// constant rate (invariant TSC) and has RDTSCP for an ordered stop read;
// otherwise it falls back to clock_gettime(CLOCK_MONOTONIC_RAW) and says
// why. Raw reads are cheap and inlinable; conversion to nanoseconds uses a
// frequency calibrated against CLOCK_MONOTONIC_RAW.

import CHarness
import Support

/// A region timer: `start()` and `stop()` return raw ticks, and
/// `nanoseconds(from:to:)` turns a pair into elapsed time.
///
/// Create one with `CycleTimer.calibrate()` (chooses the best source and
/// measures its frequency and cost) or `CycleTimer(forcingClockGettime:)`.
public struct CycleTimer: Sendable {
    /// Where ticks come from.
    public enum Source: String, Sendable, Equatable {
        /// The x86 time-stamp counter (RDTSC/RDTSCP).
        case tsc = "tsc"
        /// clock_gettime(CLOCK_MONOTONIC_RAW); one tick is one nanosecond.
        case clockGettime = "clock_gettime"
    }

    /// The tick source in use.
    public let source: Source
    /// Ticks per nanosecond (exactly 1 for clock_gettime).
    public let ticksPerNanosecond: Double
    /// Per-window frequency estimates (ticks/ns) behind `ticksPerNanosecond`;
    /// empty for clock_gettime, which needs no calibration.
    public let calibrationWindows: [Double]
    /// Relative spread of the calibration windows: (max - min) / median.
    /// Zero for clock_gettime.
    public let calibrationSpread: Double
    /// Median cost of one back-to-back start()/stop() pair, in nanoseconds.
    /// This is the floor under any region measured with this timer.
    public let overheadNanoseconds: Double
    /// Why the TSC is not used, as a sentence; nil when the source is TSC.
    public let fallbackReason: String?

    @usableFromInline
    let nanosecondsPerTick: Double

    /// "tsc" or "clock_gettime".
    public var sourceName: String { source.rawValue }

    /// Rebuilds a timer from previously recorded calibration values, e.g.
    /// to convert stored tick counts. The values are trusted as given; use
    /// only numbers measured on the same machine and boot.
    public init(
        source: Source,
        ticksPerNanosecond: Double,
        calibrationWindows: [Double] = [],
        calibrationSpread: Double = 0,
        overheadNanoseconds: Double = 0,
        fallbackReason: String? = nil
    ) {
        precondition(ticksPerNanosecond > 0 && ticksPerNanosecond.isFinite,
                     "ticksPerNanosecond must be positive and finite")
        self.source = source
        self.ticksPerNanosecond = ticksPerNanosecond
        self.nanosecondsPerTick = 1 / ticksPerNanosecond
        self.calibrationWindows = calibrationWindows
        self.calibrationSpread = calibrationSpread
        self.overheadNanoseconds = overheadNanoseconds
        self.fallbackReason = fallbackReason
    }

    /// A clock_gettime(CLOCK_MONOTONIC_RAW) timer regardless of the CPU,
    /// e.g. to compare against the TSC path or to test the fallback.
    /// `reason` becomes `fallbackReason`. Measures its own overhead.
    public init(
        forcingClockGettime reason: String = "The caller asked for clock_gettime(CLOCK_MONOTONIC_RAW) instead of the TSC.",
        overheadPairs: Int = 10_000
    ) {
        let unmeasured = CycleTimer(source: .clockGettime, ticksPerNanosecond: 1, fallbackReason: reason)
        self.init(source: .clockGettime, ticksPerNanosecond: 1,
                  overheadNanoseconds: unmeasured.measureOverheadNanoseconds(pairs: overheadPairs),
                  fallbackReason: reason)
    }

    /// Chooses the source and measures it: TSC when the CPU reports an
    /// invariant TSC and RDTSCP, calibrated against CLOCK_MONOTONIC_RAW over
    /// `windows` windows of `windowMilliseconds` each (median taken);
    /// otherwise clock_gettime with the reason recorded. Takes about
    /// windows x windowMilliseconds plus the overhead measurement.
    public static func calibrate(
        windows: Int = 5,
        windowMilliseconds: Int = 10,
        overheadPairs: Int = 10_000
    ) -> CycleTimer {
        precondition(windows >= 1 && windowMilliseconds >= 1 && overheadPairs >= 1)
        if let reason = TimestampCounterSupport.reasonTSCIsUnusable() {
            return CycleTimer(forcingClockGettime: reason, overheadPairs: overheadPairs)
        }
        let estimates = TimestampCounterCalibration.ticksPerNanosecond(
            windows: windows, windowNanoseconds: UInt64(windowMilliseconds) * 1_000_000)
        let frequency = estimates.median()!
        guard frequency > 0, frequency.isFinite else {
            return CycleTimer(
                forcingClockGettime: "The TSC advertises invariance but its calibration against CLOCK_MONOTONIC_RAW gave \(frequency) ticks/ns, so clock_gettime(CLOCK_MONOTONIC_RAW) is used instead.",
                overheadPairs: overheadPairs)
        }
        let spread = (estimates.max()! - estimates.min()!) / frequency
        let unmeasured = CycleTimer(source: .tsc, ticksPerNanosecond: frequency)
        return CycleTimer(
            source: .tsc,
            ticksPerNanosecond: frequency,
            calibrationWindows: estimates,
            calibrationSpread: spread,
            overheadNanoseconds: unmeasured.measureOverheadNanoseconds(pairs: overheadPairs),
            fallbackReason: nil)
    }

    /// Reads the tick source at the start of a region (LFENCE; RDTSC).
    @inlinable @inline(__always)
    public func start() -> UInt64 {
        switch source {
        case .tsc: return hb_tsc_start()
        case .clockGettime: return hb_monotonic_raw_ns()
        }
    }

    /// Reads the tick source at the end of a region (RDTSCP; LFENCE).
    @inlinable @inline(__always)
    public func stop() -> UInt64 {
        switch source {
        case .tsc: return hb_tsc_stop()
        case .clockGettime: return hb_monotonic_raw_ns()
        }
    }

    /// Converts a tick count to nanoseconds.
    @inlinable @inline(__always)
    public func nanoseconds(ticks: UInt64) -> Double {
        Double(ticks) * nanosecondsPerTick
    }

    /// Nanoseconds between two reads. Negative when `stop` is before
    /// `start`, which can only happen if the counter went backwards (e.g.
    /// unsynchronised TSCs after a migration), so callers can discard it.
    @inlinable @inline(__always)
    public func nanoseconds(from start: UInt64, to stop: UInt64) -> Double {
        Double(Int64(bitPattern: stop &- start)) * nanosecondsPerTick
    }

    /// Median cost in nanoseconds of `pairs` back-to-back start()/stop()
    /// reads with nothing between them.
    public func measureOverheadNanoseconds(pairs: Int = 10_000) -> Double {
        precondition(pairs >= 1)
        var ticks = [UInt64](repeating: 0, count: pairs)
        ticks.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<pairs {
                let begin = start()
                let end = stop()
                buffer[index] = end &- begin
            }
        }
        return ticks.map { nanoseconds(ticks: $0) }.median()!
    }
}
