// The measured loops. Each times one batch of K checks between two ordered
// timer reads; everything else (resolving credentials, choosing lines to
// flush) was done before. The same loops time the empty baseline, so what
// they cost themselves is subtracted.

import CHarness
import Strategies
import Timing

enum TimedLoop {
    @inline(__always)
    private static func batch(_ entry: CheckEntry, _ plan: CallPlan, checks: Int, timer: CycleTimer,
                              dependent: Bool, flush: Bool, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        let calls = plan.calls.baseAddress.unsafelyUnwrapped
        let count = plan.calls.count
        let lines = plan.flushLines.baseAddress.unsafelyUnwrapped
        let function = entry.function
        let context = entry.context
        var index = plan.position
        var sum: Int32 = 0
        var remaining = checks
        let start = timer.start()
        while remaining > 0 {
            let call = calls[index]
            if flush {
                var line = lines + Int(call.flushStart)
                let end = line + Int(call.flushCount)
                while line != end {
                    hb_clflush(line.pointee)
                    line += 1
                }
                hb_mfence()
            }
            let result = function(context, call.credential, call.hook, call.objectClass)
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

    @inline(never)
    static func throughput(_ e: CheckEntry, _ p: CallPlan, checks: Int, timer: CycleTimer, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        batch(e, p, checks: checks, timer: timer, dependent: false, flush: false, zero: zero)
    }

    @inline(never)
    static func latency(_ e: CheckEntry, _ p: CallPlan, checks: Int, timer: CycleTimer, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        batch(e, p, checks: checks, timer: timer, dependent: true, flush: false, zero: zero)
    }

    @inline(never)
    static func coldThroughput(_ e: CheckEntry, _ p: CallPlan, checks: Int, timer: CycleTimer, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        batch(e, p, checks: checks, timer: timer, dependent: false, flush: true, zero: zero)
    }

    @inline(never)
    static func coldLatency(_ e: CheckEntry, _ p: CallPlan, checks: Int, timer: CycleTimer, zero: Int32) -> (ticks: UInt64, sum: Int32) {
        batch(e, p, checks: checks, timer: timer, dependent: true, flush: true, zero: zero)
    }

    typealias Loop = (CheckEntry, CallPlan, Int, CycleTimer, Int32) -> (ticks: UInt64, sum: Int32)

    static func loop(mode: CallMode, cache: CacheState) -> Loop {
        switch (mode, cache) {
        case (.throughput, .cold): return { coldThroughput($0, $1, checks: $2, timer: $3, zero: $4) }
        case (.latency, .cold): return { coldLatency($0, $1, checks: $2, timer: $3, zero: $4) }
        case (.throughput, _): return { throughput($0, $1, checks: $2, timer: $3, zero: $4) }
        case (.latency, _): return { latency($0, $1, checks: $2, timer: $3, zero: $4) }
        }
    }

    /// The empty baseline: the same call through a C function that returns 0.
    static let emptyEntry = CheckEntry(function: hb_empty_check, context: nil)
}
