// Safe reclamation for tables that readers reach without taking a lock.
//
// Quiescent-state-based reclamation, the scheme behind the kernel's RCU:
// readers pay nothing per read; each registered reader announces, between
// read-side sections, the grace period it has seen (a quiescent state).
// A writer retires an unpublished table with the current grace period and
// frees it only once every registered reader has announced a later one, so
// no table is freed while a reader may still hold it. Writers are
// serialised by the caller.

import LSMModel

import Atomics

public final class QuiescentStateReclaimer: @unchecked Sendable {
    private let gracePeriod = ManagedAtomic<UInt64>(1)
    private let readersLock = ManagedAtomic<Bool>(false)
    private var readers: [ReaderSlot] = []
    private var retired: [(block: UnsafeMutableRawPointer, bytes: Int, period: UInt64)] = []
    private let free: (UnsafeMutableRawPointer, Int) -> Void

    /// A reader's announcement slot.
    public final class ReaderSlot: @unchecked Sendable {
        fileprivate let seen = ManagedAtomic<UInt64>(0)
        fileprivate unowned let owner: QuiescentStateReclaimer
        fileprivate init(owner: QuiescentStateReclaimer) { self.owner = owner }

        /// Call outside any read-side section: nothing read before this
        /// point is still in use by this reader.
        public func quiescent() {
            seen.store(owner.gracePeriod.load(ordering: .acquiring), ordering: .releasing)
        }

        public func unregister() { owner.remove(self) }
    }

    public init(free: @escaping (UnsafeMutableRawPointer, Int) -> Void) { self.free = free }

    private func withReaders<T>(_ body: () -> T) -> T {
        while readersLock.exchange(true, ordering: .acquiring) {}
        defer { readersLock.store(false, ordering: .releasing) }
        return body()
    }

    public func register() -> ReaderSlot {
        let slot = ReaderSlot(owner: self)
        slot.quiescent()
        withReaders { readers.append(slot) }
        return slot
    }

    private func remove(_ slot: ReaderSlot) { withReaders { readers.removeAll { $0 === slot } } }

    /// Hands a block no longer reachable from any published pointer to the
    /// reclaimer; it is freed once every reader has passed a quiescent state.
    public func retire(_ block: UnsafeMutableRawPointer, bytes: Int) {
        let period = gracePeriod.loadThenWrappingIncrement(ordering: .acquiringAndReleasing)
        retired.append((block, bytes, period))
        reclaim()
    }

    /// Frees every retired block no reader can still hold.
    public func reclaim() {
        // A loop, not map and min: ns-table's miss path reclaims, and must
        // not allocate.
        let oldestSeen = withReaders {
            var oldest = UInt64.max
            for reader in readers { oldest = min(oldest, reader.seen.load(ordering: .acquiring)) }
            return oldest
        }
        retired.removeAll { item in
            guard item.period < oldestSeen else { return false }
            free(item.block, item.bytes)
            return true
        }
    }

    public var pendingCount: Int { retired.count }
}
