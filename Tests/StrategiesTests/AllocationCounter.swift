// Counts heap allocations made by the calling thread only. The interposer
// sums every thread's allocations, and the test runner allocates on its own
// threads meanwhile; its per-allocation hook runs on the allocating thread,
// so comparing thread ids there isolates the thread under test.

import Glibc
import MallocInterposerSwift

nonisolated(unsafe) private var countedThread: pthread_t = 0
nonisolated(unsafe) private var countedAllocations = 0

private let countingHook: @convention(c) (Int) -> Void = { _ in
    if pthread_equal(pthread_self(), countedThread) != 0 { countedAllocations += 1 }
}

/// Allocations `body` makes on this thread. Not reentrant: tests that use it
/// must be serialized.
func allocations(in body: () -> Void) -> Int {
    MallocInterposerSwift.initialize()
    countedThread = pthread_self()
    countedAllocations = 0
    MallocInterposerSwift.setAllocationHook(countingHook)
    MallocInterposerSwift.hook()
    body()
    MallocInterposerSwift.unhook()
    MallocInterposerSwift.setAllocationHook(nil)
    countedThread = 0
    return countedAllocations
}
