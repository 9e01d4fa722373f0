// The reader's measured loop under churn, and the line through which the
// writer says which policy version is current.
//
// Each check is bracketed by two loads of the version line: the count of
// reloads finished before it (`done`) and of reloads begun after it
// (`begun`). Every version in done...begun was current at some moment of
// the check, so its decision must be the reference's under one of them:
// when no reload was in flight the decision has exactly one right answer;
// when one was, the answer of the version before or after it. Anything
// else (a decision cached under an older version, or read from a
// half-published table) is a violation. The bracket's two loads hit one
// line the writer writes twice per reload: the empty baseline runs the
// same loop, so their cost is subtracted, and under a writer each reload
// costs every reader about one coherence miss on that line.

import Atomics
import CHarness
import Strategies
import Timing

/// Begun at +0, finished at +64: a writer's reload count, one cache line
/// each so the reader's two loads are the only sharing the bracket adds.
final class PolicyVersions: @unchecked Sendable {
    private let line: UnsafeMutableRawPointer

    init() {
        line = .allocate(byteCount: 128, alignment: 64)
        line.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
    }

    deinit { line.deallocate() }

    @inline(__always) var begun: UnsafeAtomic<UInt64> {
        UnsafeAtomic(at: line.assumingMemoryBound(to: UInt64.AtomicRepresentation.self))
    }

    @inline(__always) var finished: UnsafeAtomic<UInt64> {
        UnsafeAtomic(at: (line + 64).assumingMemoryBound(to: UInt64.AtomicRepresentation.self))
    }

    /// The writer's side of one reload: announced before any of its
    /// stores can be seen, finished after all of them are.
    func publish(_ reload: (UInt64) throws -> Void) rethrows {
        let version = begun.load(ordering: .relaxed) &+ 1
        begun.store(version, ordering: .sequentiallyConsistent)
        try reload(version)
        finished.store(version, ordering: .releasing)
    }
}

/// Each planned call's decision under the even versions (the policy the
/// world was built with) and the odd ones (the refusing policy).
struct VersionedDecisions {
    let even: UnsafeMutableBufferPointer<Int32>
    let odd: UnsafeMutableBufferPointer<Int32>

    init(even: [Int32], odd: [Int32]) {
        precondition(even.count == odd.count, "one decision per planned call under each version")
        self.even = .allocate(capacity: even.count)
        self.odd = .allocate(capacity: odd.count)
        _ = self.even.initialize(from: even)
        _ = self.odd.initialize(from: odd)
    }

    /// Zeros: what the empty baseline returns, so its loop takes the same
    /// branches as a design's that decides right.
    init(zerosFor count: Int) { self.init(even: Array(repeating: 0, count: count), odd: Array(repeating: 0, count: count)) }

    func deallocate() {
        even.deallocate()
        odd.deallocate()
    }
}

enum ChurnLoop {
    /// `checks` calls of the plan from `position`, each bracketed by the
    /// version loads, between two timer reads; returns the ticks, the
    /// violations and the next position.
    @inline(never)
    static func batch(_ entry: CheckEntry, _ plan: CallPlan, position: Int, checks: Int, versions: PolicyVersions,
                      decisions: VersionedDecisions, timer: CycleTimer) -> (ticks: UInt64, violations: Int, position: Int) {
        let calls = plan.calls.baseAddress.unsafelyUnwrapped
        let count = plan.calls.count
        let even = decisions.even.baseAddress.unsafelyUnwrapped
        let odd = decisions.odd.baseAddress.unsafelyUnwrapped
        let function = entry.function
        let context = entry.context
        let begun = versions.begun
        let finished = versions.finished
        var index = position
        var violations = 0
        var remaining = checks
        let start = timer.start()
        while remaining > 0 {
            let call = calls[index]
            let before = finished.load(ordering: .acquiring)
            let result = function(context, call.credential, call.hook, call.object)
            atomicMemoryFence(ordering: .acquiring)
            let after = begun.load(ordering: .acquiring)
            let current = before & 1 == 0 ? even[index] : odd[index]
            if result != current {
                let other = before & 1 == 0 ? odd[index] : even[index]
                if after == before || result != other { violations &+= 1 }
            }
            index &+= 1
            if index >= count { index = 0 }
            remaining &-= 1
        }
        let stop = timer.stop()
        return (stop &- start, violations, index)
    }
}
