// Safe reclamation for tables that readers reach without taking a lock.
//
// Quiescent-state-based reclamation, the scheme behind the kernel's RCU:
// readers pay nothing per read; each registered reader announces, between
// read-side sections, the grace period it has seen (a quiescent state).
// Retired blocks are stamped with a grace period and freed only once every
// registered reader has announced a later one, so no block is freed while a
// reader may still hold it.
//
// As call_rcu queues callbacks on the calling CPU's list, a thread with a
// slot attached retires into a batch of its own: two stores, no lock and no
// shared line. A full batch (or the slot's unregistering) goes whole onto
// the shared list, with one grace-period increment and one lock, and the
// slot takes a spare batch in its place; the shared list is scanned once it
// has doubled since the last scan, and a batch's blocks are freed together.
// A thread without a slot hands each block over on its own.

import CReclamation
import LSMModel

import Atomics

public final class QuiescentStateReclaimer: @unchecked Sendable {
    private struct Retired {
        let block: UnsafeMutableRawPointer
        let bytes: Int
        let period: UInt64
    }

    private let gracePeriod = ManagedAtomic<UInt64>(1)
    private let readersLock = ManagedAtomic<Bool>(false)
    private let retiredLock = ManagedAtomic<Bool>(false)
    /// Registered readers' announcement lines (their slots' memory): not
    /// the slots, so a slot holding its reclaimer makes no cycle.
    private var readers: [UnsafeMutableRawPointer] = []
    /// `readers.count`, readable without the lock.
    private let readerCount = ManagedAtomic<Int>(0)
    private struct RetiredBatch {
        let entries: UnsafeMutableRawPointer
        let count: Int
        let period: UInt64
    }

    /// Blocks handed over one by one, and whole batches, waiting.
    private var retired: [Retired] = []
    private var retiredBatches: [RetiredBatch] = []
    /// Emptied batches, for slots to take in place of a full one.
    private var spareBatches: [UnsafeMutableRawPointer] = []
    /// Blocks in `retiredBatches`.
    private var waitingInBatches = 0
    /// Blocks waiting on the shared list at which the next hand-over
    /// scans it.
    private var scanAt = 64
    private let free: (UnsafeMutableRawPointer, Int) -> Void

    /// Blocks a slot's batch holds before it is handed over.
    public static let batchCapacity = 64

    /// One thread's slot: its announcements (if it reads) and its batch of
    /// retired blocks. Raw memory: the announcement alone on line 0 (other
    /// threads' scans read it), then the owner, the batch's count and the
    /// batch itself, (block, bytes) pairs that the owning thread alone
    /// writes until it hands them over.
    public final class ReaderSlot: @unchecked Sendable {
        fileprivate static let ownerOffset = 64
        fileprivate static let countOffset = 72
        fileprivate static let entriesOffset = 80
        fileprivate static let bytes = 128
        fileprivate static let entryBytes = 16
        fileprivate static let batchBytes = QuiescentStateReclaimer.batchCapacity * entryBytes

        fileprivate let memory: UnsafeMutableRawPointer
        /// Held strongly: a slot's batch goes back to its reclaimer when
        /// the slot goes.
        fileprivate let owner: QuiescentStateReclaimer
        /// Whether the slot holds grace periods back (a reader) or only
        /// batches what its thread retires (a writer).
        public let reads: Bool

        fileprivate init(owner: QuiescentStateReclaimer, reads: Bool) {
            self.owner = owner
            self.reads = reads
            memory = .allocate(byteCount: Self.bytes, alignment: 64)
            memory.initializeMemory(as: UInt8.self, repeating: 0, count: Self.bytes)
            memory.storeBytes(of: Unmanaged.passUnretained(owner).toOpaque(), toByteOffset: Self.ownerOffset,
                              as: UnsafeMutableRawPointer.self)
            memory.storeBytes(of: owner.spareBatch(), toByteOffset: Self.entriesOffset, as: UnsafeMutableRawPointer.self)
        }

        /// A slot that goes without unregistering stops holding grace
        /// periods back then.
        deinit {
            if reads { owner.remove(memory) }
            owner.handOver(batchOf: memory)
            owner.keepSpare(memory.load(fromByteOffset: Self.entriesOffset, as: UnsafeMutableRawPointer.self))
            memory.deallocate()
        }

        fileprivate var seen: UnsafeAtomic<UInt64> {
            UnsafeAtomic(at: memory.assumingMemoryBound(to: UInt64.AtomicRepresentation.self))
        }

        /// Call outside any read-side section: nothing read before this
        /// point is still in use by this reader.
        public func quiescent() {
            seen.store(owner.gracePeriod.load(ordering: .acquiring), ordering: .releasing)
        }

        /// Makes this the calling thread's slot: what the thread retires
        /// into this slot's reclaimer goes into the slot's batch.
        public func attach() { hb_set_retire_slot(memory) }

        /// The calling thread retires without a slot again.
        public func detach() {
            if hb_retire_slot() == UnsafeMutableRawPointer(memory) { hb_set_retire_slot(nil) }
        }

        /// Hands the batch over and stops holding grace periods back. Call
        /// once the slot's thread no longer reads or retires through it.
        public func unregister() {
            detach()
            owner.handOver(batchOf: memory)
            if reads { owner.remove(memory) }
        }
    }

    /// `free` gives a block back once no reader can hold it; it is called
    /// from whichever thread retires or reclaims.
    public init(free: @escaping (UnsafeMutableRawPointer, Int) -> Void) { self.free = free }

    deinit {
        for batch in spareBatches { batch.deallocate() }
    }

    private func withReaders<T>(_ body: () -> T) -> T {
        while readersLock.exchange(true, ordering: .acquiring) {}
        defer { readersLock.store(false, ordering: .releasing) }
        return body()
    }

    private func lockRetired() { while retiredLock.exchange(true, ordering: .acquiring) {} }
    private func unlockRetired() { retiredLock.store(false, ordering: .releasing) }

    /// A slot for a thread that reads (`reads`: it announces quiescent
    /// states and grace periods wait for it) or only writes and retires.
    public func register(reads: Bool = true) -> ReaderSlot {
        let slot = ReaderSlot(owner: self, reads: reads)
        guard reads else { return slot }
        slot.quiescent()
        withReaders {
            readers.append(slot.memory)
            readerCount.store(readers.count, ordering: .releasing)
        }
        return slot
    }

    /// Forgets a reader; removing one already gone does nothing.
    private func remove(_ announcement: UnsafeMutableRawPointer) {
        withReaders {
            readers.removeAll { $0 == announcement }
            readerCount.store(readers.count, ordering: .releasing)
        }
    }

    public var registeredReaders: Int { readerCount.load(ordering: .acquiring) }

    /// Hands a block no longer reachable from any published pointer to the
    /// reclaimer; it is freed once every reader has passed a quiescent state.
    @inline(__always)
    public func retire(_ block: UnsafeMutableRawPointer, bytes: Int) {
        // No reader registered: nothing can hold the block (a
        // single-threaded point frees at once, as call_rcu would with no
        // reader to wait for).
        if readerCount.load(ordering: .acquiring) == 0 {
            free(block, bytes)
            return
        }
        if let slot = hb_retire_slot(),
           slot.load(fromByteOffset: ReaderSlot.ownerOffset, as: UnsafeRawPointer.self)
               == UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque()) {
            let count = slot.load(fromByteOffset: ReaderSlot.countOffset, as: Int.self)
            let entry = slot.load(fromByteOffset: ReaderSlot.entriesOffset, as: UnsafeMutableRawPointer.self)
                + count * ReaderSlot.entryBytes
            entry.storeBytes(of: block, as: UnsafeMutableRawPointer.self)
            entry.storeBytes(of: bytes, toByteOffset: 8, as: Int.self)
            slot.storeBytes(of: count + 1, toByteOffset: ReaderSlot.countOffset, as: Int.self)
            if count + 1 == Self.batchCapacity { handOver(batchOf: slot) }
            return
        }
        handOver(block, bytes: bytes)
    }

    /// One block onto the shared list, from a thread without a slot.
    @inline(never)
    private func handOver(_ block: UnsafeMutableRawPointer, bytes: Int) {
        let period = gracePeriod.loadThenWrappingIncrement(ordering: .acquiringAndReleasing)
        lockRetired()
        retired.append(Retired(block: block, bytes: bytes, period: period))
        let scan = retired.count >= scanAt
        unlockRetired()
        if scan { reclaim() }
    }

    /// A slot's whole batch onto the shared list, and a spare in its place.
    /// The batch's blocks were all unpublished before this increment, so
    /// the period it returns stamps them all: a reader that has seen a
    /// later one cannot hold any of them.
    @inline(never)
    fileprivate func handOver(batchOf slot: UnsafeMutableRawPointer) {
        let count = slot.load(fromByteOffset: ReaderSlot.countOffset, as: Int.self)
        guard count > 0 else { return }
        let period = gracePeriod.loadThenWrappingIncrement(ordering: .acquiringAndReleasing)
        lockRetired()
        retiredBatches.append(RetiredBatch(
            entries: slot.load(fromByteOffset: ReaderSlot.entriesOffset, as: UnsafeMutableRawPointer.self),
            count: count, period: period))
        waitingInBatches += count
        let spare = spareBatches.popLast()
        let scan = retired.count + waitingInBatches >= scanAt
        unlockRetired()
        slot.storeBytes(of: spare ?? .allocate(byteCount: ReaderSlot.batchBytes, alignment: 64),
                        toByteOffset: ReaderSlot.entriesOffset, as: UnsafeMutableRawPointer.self)
        slot.storeBytes(of: 0, toByteOffset: ReaderSlot.countOffset, as: Int.self)
        if scan { reclaim() }
    }

    fileprivate func spareBatch() -> UnsafeMutableRawPointer {
        lockRetired()
        let spare = spareBatches.popLast()
        unlockRetired()
        return spare ?? .allocate(byteCount: ReaderSlot.batchBytes, alignment: 64)
    }

    fileprivate func keepSpare(_ batch: UnsafeMutableRawPointer) {
        lockRetired()
        spareBatches.append(batch)
        unlockRetired()
    }

    /// Frees every retired block on the shared list no reader can still
    /// hold (blocks still in a slot's batch wait for its hand-over).
    public func reclaim() {
        // Counted loops, not map, min or removeAll(where:): ns-table's miss
        // path reclaims, and must not allocate, even in a debug build.
        let oldestSeen = withReaders {
            var oldest = UInt64.max
            var index = 0
            while index < readers.count {
                let seen = UnsafeAtomic<UInt64>(at: readers[index].assumingMemoryBound(to: UInt64.AtomicRepresentation.self))
                oldest = min(oldest, seen.load(ordering: .acquiring))
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
        var keptBatches = 0
        index = 0
        while index < retiredBatches.count {
            let batch = retiredBatches[index]
            if batch.period < oldestSeen {
                var entry = 0
                while entry < batch.count {
                    let pair = batch.entries + entry * ReaderSlot.entryBytes
                    free(pair.load(as: UnsafeMutableRawPointer.self), pair.load(fromByteOffset: 8, as: Int.self))
                    entry += 1
                }
                waitingInBatches -= batch.count
                spareBatches.append(batch.entries)
            } else {
                retiredBatches[keptBatches] = batch
                keptBatches += 1
            }
            index += 1
        }
        retiredBatches.removeLast(retiredBatches.count - keptBatches)
        // As call_rcu frees in batches: the next scan once the list has
        // doubled, so each retire costs O(1) amortized however many blocks
        // wait for a slow reader.
        scanAt = Swift.max(64, 2 * (kept + waitingInBatches))
    }

    /// Blocks on the shared list, not yet freed (those still in a slot's
    /// batch are not counted until it is handed over).
    public var pendingCount: Int {
        lockRetired()
        defer { unlockRetired() }
        return retired.count + waitingInBatches
    }
}
