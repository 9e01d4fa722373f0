// The measured loops. Each times one batch of K checks between two ordered
// timer reads; everything else (resolving credentials, choosing lines to
// flush, and for cold points the flush itself) happens before the first
// read. The same loops time the empty baseline, so what they cost
// themselves (the timer reads, the calls, the loop) is subtracted.

import CHarness
import Strategies
import Timing

enum TimedLoop {
    /// Whether cold points flush with CLFLUSHOPT (CPUID says it exists) or
    /// CLFLUSH; either way the flush happens before the window opens.
    static let flushInstruction: FlushInstruction = hb_cpu_has_clflushopt() ? .clflushopt : .clflush

    enum FlushInstruction: String { case clflushopt, clflush }

    /// K checks between the two timer reads, nothing else.
    @inline(__always)
    private static func batch(_ entry: CheckEntry, _ plan: CallPlan, checks: Int, timer: CycleTimer,
                              dependent: Bool, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        let calls = plan.calls.baseAddress.unsafelyUnwrapped
        let count = plan.calls.count
        let function = entry.function
        let context = entry.context
        var index = plan.position
        var sum: Int32 = 0
        var remaining = checks
        let start = timer.start()
        while remaining > 0 {
            let call = calls[index]
            let result = function(context, call.credential, call.hook, call.object)
            sum &+= result
            // Latency: the next call's address depends on this result (masked
            // with a zero the compiler cannot see through), so calls cannot
            // overlap. Throughput: no dependency between calls.
            index &+= dependent ? 1 &+ Int(result & zero) : 1
            if index >= count { index = 0 }
            remaining &-= 1
        }
        let stop = timer.stop()
        plan.position = index
        return (stop &- start, sum)
    }

    /// Evicts every line the next `checks` calls read, and waits until the
    /// evictions are complete: all of it before the window opens, so the
    /// window holds the checks' loads from memory and not the flush.
    @inline(__always)
    private static func flushAhead(_ plan: CallPlan, checks: Int) {
        let calls = plan.calls.baseAddress.unsafelyUnwrapped
        let lines = plan.flushLines.baseAddress.unsafelyUnwrapped
        let count = plan.calls.count
        let unordered = flushInstruction == .clflushopt
        var index = plan.position
        for _ in 0..<checks {
            let call = calls[index]
            var line = lines + Int(call.flushStart)
            let end = line + Int(call.flushCount)
            while line != end {
                if unordered { hb_clflushopt(line.pointee) } else { hb_clflush(line.pointee) }
                line += 1
            }
            index &+= 1
            if index >= count { index = 0 }
        }
        hb_mfence()
    }

    @inline(never)
    static func throughput(_ e: CheckEntry, _ p: CallPlan, checks: Int, timer: CycleTimer, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        batch(e, p, checks: checks, timer: timer, dependent: false, zero: zero)
    }

    @inline(never)
    static func latency(_ e: CheckEntry, _ p: CallPlan, checks: Int, timer: CycleTimer, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        batch(e, p, checks: checks, timer: timer, dependent: true, zero: zero)
    }

    /// A cold check, its lines flushed first (outside the window).
    @inline(never)
    static func coldLatency(_ e: CheckEntry, _ p: CallPlan, checks: Int, timer: CycleTimer, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        flushAhead(p, checks: checks)
        return batch(e, p, checks: checks, timer: timer, dependent: true, zero: zero)
    }

    typealias Loop = (CheckEntry, CallPlan, Int, CycleTimer, Int32) -> (ticks: UInt64, sum: Int32)

    static func loop(mode: CallMode, cache: CacheState) -> Loop {
        // A cold point is one check timed alone: a latency, whatever the
        // mode (PointSpec.measuredMode makes its mode say so).
        switch (mode, cache) {
        case (_, .cold): return { coldLatency($0, $1, checks: $2, timer: $3, zero: $4) }
        case (.throughput, _): return { throughput($0, $1, checks: $2, timer: $3, zero: $4) }
        case (.latency, _): return { latency($0, $1, checks: $2, timer: $3, zero: $4) }
        }
    }

    /// The empty baseline: the same call through a C function that returns 0.
    static let emptyEntry = CheckEntry(function: hb_empty_check, context: nil)
}
