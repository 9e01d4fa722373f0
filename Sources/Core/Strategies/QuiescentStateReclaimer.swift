// Safe reclamation for tables that readers reach without taking a lock.
//
// Quiescent-state-based reclamation, the scheme behind the kernel's RCU:
// readers pay nothing per read; each registered reader announces, between
// read-side sections, the grace period it has seen (a quiescent state).
// A writer retires an unpublished table with the current grace period and
// frees it only once every registered reader has announced a later one, so
// no table is freed while a reader may still hold it. Writers retire
// tables and readers' inserts retire cache nodes, from several threads:
// the list of retired blocks (and the frees it makes) is under a lock of
// its own.

import LSMModel

import Atomics

public final class QuiescentStateReclaimer: @unchecked Sendable {
    private let gracePeriod = ManagedAtomic<UInt64>(1)
    private let readersLock = ManagedAtomic<Bool>(false)
    private let retiredLock = ManagedAtomic<Bool>(false)
    private var readers: [ReaderSlot] = []
    /// `readers.count`, readable without the lock.
    private let readerCount = ManagedAtomic<Int>(0)
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

    private func lockRetired() { while retiredLock.exchange(true, ordering: .acquiring) {} }
    private func unlockRetired() { retiredLock.store(false, ordering: .releasing) }

    public func register() -> ReaderSlot {
        let slot = ReaderSlot(owner: self)
        slot.quiescent()
        withReaders {
            readers.append(slot)
            readerCount.store(readers.count, ordering: .releasing)
        }
        return slot
    }

    private func remove(_ slot: ReaderSlot) {
        withReaders {
            readers.removeAll { $0 === slot }
            readerCount.store(readers.count, ordering: .releasing)
        }
    }

    public var registeredReaders: Int { readerCount.load(ordering: .acquiring) }

    /// Hands a block no longer reachable from any published pointer to the
    /// reclaimer; it is freed once every reader has passed a quiescent state.
    public func retire(_ block: UnsafeMutableRawPointer, bytes: Int) {
        // No reader registered: nothing can hold the block (a
        // single-threaded point frees at once, as call_rcu would with no
        // reader to wait for).
        if readerCount.load(ordering: .acquiring) == 0 {
            free(block, bytes)
            return
        }
        let period = gracePeriod.loadThenWrappingIncrement(ordering: .acquiringAndReleasing)
        lockRetired()
        retired.append((block, bytes, period))
        // As call_rcu queues and frees in batches: a scan once the list
        // has doubled since the last one left it, so each retire costs
        // O(1) amortized however many blocks wait for a slow reader.
        let scan = retired.count >= scanAt
        unlockRetired()
        if scan { reclaim() }
    }

    /// The list length at which the next retire scans.
    private var scanAt = 64

    /// Frees every retired block no reader can still hold.
    public func reclaim() {
        // Counted loops, not map, min or removeAll(where:): ns-table's miss
        // path reclaims, and must not allocate, even in a debug build.
        let oldestSeen = withReaders {
            var oldest = UInt64.max
            var index = 0
            while index < readers.count {
                oldest = min(oldest, readers[index].seen.load(ordering: .acquiring))
                index += 1
            }
            return oldest
        }
        lockRetired()
        defer { unlockRetired() }
        var kept = 0
        var index = 0
        while index < retired.count {
            let item = retired[index]
            if item.period < oldestSeen {
                free(item.block, item.bytes)
            } else {
                retired[kept] = item
                kept += 1
            }
            index += 1
        }
        retired.removeLast(retired.count - kept)
        scanAt = Swift.max(64, 2 * kept)
    }

    public var pendingCount: Int {
        lockRetired()
        defer { unlockRetired() }
        return retired.count
    }
}
