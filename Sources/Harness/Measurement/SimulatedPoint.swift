// One point's checks, run once for an instruction-level simulator rather
// than timed: valgrind's callgrind counts what runs inside
// hb_simulated_window (its --toggle-collect), so a process that builds the
// point's world, proves its decisions and then calls the window once for
// the strategy (or once for the empty baseline) yields exact instruction
// counts and simulated cache misses per check. The timing code is not
// involved: no timer reads, no flushes.

import CHarness
import Strategies

public enum SimulatedSeries: String, Sendable, CaseIterable {
    /// The strategy's check entry.
    case check
    /// The empty baseline, through the same window.
    case baseline
}

extension PointRunner {
    /// Builds `point`'s world on its strategy (heap memory, repeat 0),
    /// replays and checks it against the reference as a timed point does,
    /// warms it with one pass over the plan, then runs `checks` checks of
    /// `series` inside hb_simulated_window. Returns the decisions digest.
    public func simulate(_ point: PointSpec, series: SimulatedSeries, checks: Int) throws -> String {
        try withPreparedRepeat(point, index: 0) { strategy, plan, digest in
            let entry = series == .check ? strategy.checkEntry : TimedLoop.emptyEntry
            let credentials = UnsafeMutableBufferPointer<UnsafeRawPointer?>.allocate(capacity: plan.calls.count)
            let objects = UnsafeMutableBufferPointer<UnsafeRawPointer?>.allocate(capacity: plan.calls.count)
            defer {
                credentials.deallocate()
                objects.deallocate()
            }
            for (index, call) in plan.calls.enumerated() {
                credentials[index] = call.credential
                objects[index] = call.object
            }
            let first = plan.calls[0]
            let dependent: Int32 = point.mode == .latency ? 1 : 0
            let zero = Int32(truncatingIfNeeded: hb_opaque_zero())
            let creds = UnsafePointer(credentials.baseAddress!)
            let objectPointers = UnsafePointer(objects.baseAddress!)
            var sum = hb_simulated_warmup(entry.function, entry.context, creds, objectPointers, plan.calls.count, first.hook,
                                          plan.calls.count, dependent, zero)
            sum &+= hb_simulated_window(entry.function, entry.context, creds, objectPointers, plan.calls.count, first.hook,
                                        checks, dependent, zero)
            hb_keep_alive_u64(UInt64(UInt32(bitPattern: sum)))
            return digest
        }
    }
}
