// Decision caches, as SELinux's access-vector cache (security/selinux/
// avc.c): `struct avc_cache` is a fixed array of hash slots, each an hlist
// of `struct avc_node` keyed (ssid, tsid, tclass) and holding the access
// vector; `avc_hash` is (ssid ^ tsid << 2 ^ tclass << 4) & (slots - 1);
// `avc_insert` allocates a node, and once the live nodes pass
// `avc_cache_threshold` frees `AVC_CACHE_RECLAIM` of them first, whole
// chains at a time from a rotating hint (`avc_reclaim_node`); a policy
// reload empties the cache (`avc_flush`). A miss computes the vector from
// the namespace's rule store (`security_compute_av`) and inserts it.
//
// The same structure serves every design that caches: one per namespace
// (hlist, static-slots, ancestry), a composite one per namespace holding the
// intersection over the chain (flattened), one shared by all namespaces
// with the namespace in the key (global-avc), and ns-table's per-set tables
// of composite decisions. Nodes come from a pool (the avc_node kmem_cache)
// that grows by slabs from the arena, so a miss allocates nothing from the
// system once the pool has grown to the caches' size.
//
// Not modelled: the type-attribute expansion and constraint evaluation of
// `context_struct_compute_av` (a miss here is one rule-store lookup, a lower
// bound of the kernel's), extended permissions, audit, and the per-CPU
// statistics (one counter per cache here, bumped as AVC_STATS does).
//
// Layout in CStrategies.h, named in ObjectLayout.swift as `Layout.Cache`.

import LSMModel

import Atomics

enum DecisionCache {
    private typealias L = Layout.Cache

    /// An empty cache of `geometry` drawing nodes from `pool`.
    static func create(in arena: Arena, geometry: CacheGeometry, pool: NodePool) -> UnsafeMutableRawPointer {
        let cache = arena.allocate(L.bytes(slots: geometry.slots))
        cache.storeBytes(of: UInt32(geometry.slots - 1), toByteOffset: L.maskOffset, as: UInt32.self)
        cache.storeBytes(of: UInt32(geometry.threshold), toByteOffset: L.thresholdOffset, as: UInt32.self)
        cache.storeBytes(of: UInt32(geometry.reclaim), toByteOffset: L.reclaimOffset, as: UInt32.self)
        cache.storeBytes(of: UnsafeRawPointer(pool.block), toByteOffset: L.poolOffset, as: UnsafeRawPointer.self)
        return cache
    }

    /// Returns every node to the pool and the cache to the arena.
    static func destroy(_ cache: UnsafeMutableRawPointer, in arena: Arena) {
        flush(cache)
        arena.free(cache, bytes: L.bytes(slots: slots(cache)))
    }

    static func slots(_ cache: UnsafeRawPointer) -> Int { Int(cache.load(fromByteOffset: L.maskOffset, as: UInt32.self)) + 1 }
    static func liveEntries(_ cache: UnsafeRawPointer) -> Int { Int(cache.load(fromByteOffset: L.activeOffset, as: UInt32.self)) }

    /// The cache's bytes: header, slots and live nodes.
    static func bytes(_ cache: UnsafeRawPointer) -> Int { L.bytes(slots: slots(cache)) + liveEntries(cache) * L.nodeBytes }

    static func counters(_ cache: UnsafeRawPointer) -> CacheCounters {
        CacheCounters(lookups: cache.load(fromByteOffset: L.lookupsOffset, as: UInt64.self),
                      misses: cache.load(fromByteOffset: L.missesOffset, as: UInt64.self),
                      reclaimed: cache.load(fromByteOffset: L.reclaimedOffset, as: UInt64.self))
    }

    @inline(__always) static func hash(ssid: UInt32, _ request: UInt64) -> UInt32 {
        ssid ^ Request.label(request) &<< 2 ^ Request.objectClass(request) &<< 4
    }

    /// One more on a statistics counter: a relaxed load and store, the
    /// plain increment the kernel's per-CPU counters make. Under readers on
    /// several threads (the kernel's counters are per CPU, these are per
    /// cache) an increment can be lost; it is never undefined.
    @inline(__always) static func bump(_ cache: UnsafeMutableRawPointer, _ offset: Int) {
        let counter = UnsafeAtomic<UInt64>(at: (cache + offset).assumingMemoryBound(to: UInt64.AtomicRepresentation.self))
        counter.store(counter.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
    }

    /// The insert lock (a slot lock of the kernel's, here one per cache):
    /// misses on several threads insert one at a time; hits take no lock.
    @inline(__always) private static func lock(_ cache: UnsafeMutableRawPointer) -> UnsafeAtomic<UInt32> {
        UnsafeAtomic<UInt32>(at: (cache + L.lockOffset).assumingMemoryBound(to: UInt32.AtomicRepresentation.self))
    }

    @inline(__always) private static func lockInserts(_ cache: UnsafeMutableRawPointer) {
        let word = lock(cache)
        while word.exchange(1, ordering: .acquiring) != 0 {}
    }

    @inline(__always) private static func unlockInserts(_ cache: UnsafeMutableRawPointer) {
        lock(cache).store(0, ordering: .releasing)
    }

    /// A chain link, read as hlist_for_each_entry_rcu does (an acquire
    /// load, plain on x86): a node found through it is seen whole.
    @inline(__always) private static func link(_ at: UnsafeRawPointer) -> UnsafeAtomic<UnsafeRawPointer?> {
        UnsafeAtomic(at: UnsafeMutableRawPointer(mutating: at).assumingMemoryBound(to: UnsafeRawPointer?.AtomicRepresentation.self))
    }

    @inline(__always) static func head(_ cache: UnsafeRawPointer, _ hash: UInt32) -> UnsafeRawPointer? {
        let slot = Int(truncatingIfNeeded: hash & cache.load(fromByteOffset: L.maskOffset, as: UInt32.self))
        return link(cache + L.slotOffset(slot)).load(ordering: .acquiring)
    }

    @inline(__always) static func next(_ node: UnsafeRawPointer) -> UnsafeRawPointer? {
        link(node + L.nodeNextOffset).load(ordering: .acquiring)
    }

    @inline(__always) static func matches(_ node: UnsafeRawPointer, sids: UInt64, tclass: UInt32) -> Bool {
        node.load(fromByteOffset: L.nodeSidsOffset, as: UInt64.self) == sids
            && node.load(fromByteOffset: L.nodeClassOffset, as: UInt32.self) == tclass
    }

    @inline(__always) static func vector(_ node: UnsafeRawPointer) -> UInt32 {
        node.load(fromByteOffset: L.nodeVectorOffset, as: UInt32.self)
    }

    @inline(__always) static func seq(_ node: UnsafeRawPointer) -> UInt32 {
        node.load(fromByteOffset: L.nodeSeqOffset, as: UInt32.self)
    }

    @inline(__always) static func namespace(_ node: UnsafeRawPointer) -> UnsafeRawPointer? {
        node.load(fromByteOffset: L.nodeNamespaceOffset, as: UnsafeRawPointer?.self)
    }

    /// Whether the node is keyed by namespace `ns`: a compare of the bits,
    /// as C's, without unwrapping an optional first.
    @inline(__always) static func isKeyed(_ node: UnsafeRawPointer, by ns: UnsafeRawPointer) -> Bool {
        node.load(fromByteOffset: L.nodeNamespaceOffset, as: UInt.self) == UInt(bitPattern: ns)
    }

    /// `avc_lookup`: the node for the key, counting the lookup.
    @inline(__always)
    static func lookup(_ cache: UnsafeMutableRawPointer, sids: UInt64, tclass: UInt32, hash: UInt32) -> UnsafeRawPointer? {
        bump(cache, L.lookupsOffset)
        var node = head(cache, hash)
        while let current = node {
            if matches(current, sids: sids, tclass: tclass) { return current }
            node = next(current)
        }
        return nil
    }

    // MARK: The miss path

    /// `avc_insert`: a new node for the key, written by `fill`, replacing
    /// a node with the same key (`avc_node_replace`; `sameKey` decides) or
    /// added at the head of its chain. Passing the threshold reclaims first.
    /// A retired cache (a table no longer published) takes no inserts.
    @inline(__always)
    /// With `computedAt`, the insert is refused unless the namespace's
    /// sequence number is still the one read before the vector was
    /// computed (avc_insert's seqno check): a miss that raced a reload
    /// returns its answer but does not cache it.
    static func insert(_ cache: UnsafeMutableRawPointer, hash: UInt32, computedAt: (ns: UnsafeRawPointer, seq: UInt32)? = nil,
                       sameKey: (UnsafeRawPointer) -> Bool, fill: (UnsafeMutableRawPointer) -> Void) {
        lockInserts(cache)
        if cache.load(fromByteOffset: L.retiredOffset, as: UInt32.self) == 0,
           computedAt.map({ RawNamespace.seq($0.ns) == $0.seq }) ?? true {
            insertLocked(cache, hash: hash, sameKey: sameKey, fill: fill)
        }
        unlockInserts(cache)
    }

    @inline(__always)
    private static func insertLocked(_ cache: UnsafeMutableRawPointer, hash: UInt32, sameKey: (UnsafeRawPointer) -> Bool,
                                     fill: (UnsafeMutableRawPointer) -> Void) {
        let pool = NodePool.block(of: cache)
        let node = NodePool.take(pool)
        let active = cache.load(fromByteOffset: L.activeOffset, as: UInt32.self) &+ 1
        cache.storeBytes(of: active, toByteOffset: L.activeOffset, as: UInt32.self)
        if active > cache.load(fromByteOffset: L.thresholdOffset, as: UInt32.self) { reclaim(cache, pool) }
        fill(node)
        let slot = Int(truncatingIfNeeded: hash & cache.load(fromByteOffset: L.maskOffset, as: UInt32.self))
        var link = cache + L.slotOffset(slot)
        while let current = link.load(as: UnsafeMutableRawPointer?.self) {
            if sameKey(current) {
                node.storeBytes(of: next(current), toByteOffset: L.nodeNextOffset, as: UnsafeRawPointer?.self)
                publish(UnsafeRawPointer(node), at: link)
                release(cache, current, pool)
                return
            }
            link = current + L.nodeNextOffset
        }
        node.storeBytes(of: head(cache, hash), toByteOffset: L.nodeNextOffset, as: UnsafeRawPointer?.self)
        publish(UnsafeRawPointer(node), at: cache + L.slotOffset(slot))
    }

    /// Links a filled node in with a release store (rcu_assign_pointer /
    /// hlist_add_head_rcu), so a reader that finds it sees its contents.
    @inline(__always)
    private static func publish(_ node: UnsafeRawPointer?, at field: UnsafeMutableRawPointer) {
        link(field).store(node, ordering: .releasing)
    }

    /// A per-level AVC's miss: the rule store's vector, inserted.
    @inline(__always)
    static func fillLevel(_ ns: UnsafeRawPointer, ssid: UInt32, request: UInt64) -> UInt32 {
        let cache = RawNamespace.cache(ns)
        bump(cache, L.missesOffset)
        let seq = RawNamespace.seq(ns)
        let vector = PolicyTable.vector(RawNamespace.policy(ns), ssid: ssid, request: request)
        let sids = Request.sids(ssid: ssid, request)
        let tclass = Request.objectClass(request)
        insert(cache, hash: hash(ssid: ssid, request), computedAt: (ns, seq),
               sameKey: { matches($0, sids: sids, tclass: tclass) }) { node in
            write(node, sids: sids, tclass: tclass, vector: vector, seq: 0, namespace: nil)
        }
        return vector
    }

    @inline(__always)
    static func write(_ node: UnsafeMutableRawPointer, sids: UInt64, tclass: UInt32, vector: UInt32, seq: UInt32,
                      namespace: UnsafeRawPointer?) {
        node.storeBytes(of: sids, toByteOffset: L.nodeSidsOffset, as: UInt64.self)
        node.storeBytes(of: tclass, toByteOffset: L.nodeClassOffset, as: UInt32.self)
        node.storeBytes(of: vector, toByteOffset: L.nodeVectorOffset, as: UInt32.self)
        node.storeBytes(of: seq, toByteOffset: L.nodeSeqOffset, as: UInt32.self)
        node.storeBytes(of: namespace, toByteOffset: L.nodeNamespaceOffset, as: UnsafeRawPointer?.self)
    }

    /// `avc_reclaim_node`: frees up to `reclaim` nodes, whole chains from
    /// the slots after the hint.
    static func reclaim(_ cache: UnsafeMutableRawPointer, _ pool: UnsafeMutableRawPointer) {
        let mask = cache.load(fromByteOffset: L.maskOffset, as: UInt32.self)
        let quota = cache.load(fromByteOffset: L.reclaimOffset, as: UInt32.self)
        var freed: UInt32 = 0
        var hint = cache.load(fromByteOffset: L.hintOffset, as: UInt32.self)
        // A counted while loop over the slots, not a range: iterating a
        // ClosedRange<UInt32> allocates in a debug build.
        var tried: UInt32 = 0
        while tried <= mask && freed < quota {
            hint = (hint &+ 1) & mask
            let slotOffset = L.slotOffset(Int(hint))
            while freed < quota, let node = cache.load(fromByteOffset: slotOffset, as: UnsafeMutableRawPointer?.self) {
                // Unlinked with a release store (hlist_del_rcu); a reader
                // still on the node keeps it until its grace period ends.
                publish(next(node), at: cache + slotOffset)
                release(cache, node, pool)
                bump(cache, L.reclaimedOffset)
                freed &+= 1
            }
            tried &+= 1
        }
        cache.storeBytes(of: hint, toByteOffset: L.hintOffset, as: UInt32.self)
    }

    @inline(__always)
    private static func release(_ cache: UnsafeMutableRawPointer, _ node: UnsafeMutableRawPointer, _ pool: UnsafeMutableRawPointer) {
        cache.storeBytes(of: cache.load(fromByteOffset: L.activeOffset, as: UInt32.self) &- 1, toByteOffset: L.activeOffset, as: UInt32.self)
        NodePool.give(pool, node)
    }

    /// `avc_flush`: every node back to the pool (a policy reload); with
    /// `retiring`, the cache takes no inserts afterwards.
    static func flush(_ cache: UnsafeMutableRawPointer, retiring: Bool = false) {
        lockInserts(cache)
        flushLocked(cache, retiring: retiring)
        unlockInserts(cache)
    }

    private static func flushLocked(_ cache: UnsafeMutableRawPointer, retiring: Bool) {
        if retiring { cache.storeBytes(of: 1, toByteOffset: L.retiredOffset, as: UInt32.self) }
        let pool = NodePool.block(of: cache)
        for slot in 0..<slots(cache) {
            while let node = cache.load(fromByteOffset: L.slotOffset(slot), as: UnsafeMutableRawPointer?.self) {
                publish(next(node), at: cache + L.slotOffset(slot))
                release(cache, node, pool)
            }
        }
    }

    /// Every live node, for footprints and tests.
    static func nodes(_ cache: UnsafeRawPointer) -> [UnsafeRawPointer] {
        (0..<slots(cache)).flatMap { slot -> [UnsafeRawPointer] in
            var result: [UnsafeRawPointer] = []
            var node = cache.load(fromByteOffset: L.slotOffset(slot), as: UnsafeRawPointer?.self)
            while let current = node { result.append(current); node = next(current) }
            return result
        }
    }

    /// The loads of a lookup: the cache pointer is known at `cacheAt`, the
    /// key at `keyAt`. Returns the matching node (if `accept` takes it) and
    /// the depth at which the outcome is known.
    static func footprint(_ cache: UnsafeRawPointer, cacheAt: Int, keyAt: Int, hash: UInt32,
                          accept: (UnsafeRawPointer) -> Bool, into footprint: inout Footprint) -> (node: UnsafeRawPointer?, known: Int) {
        footprint.load(cache + L.lookupsOffset, after: cacheAt)
        let maskAt = footprint.load(cache + L.maskOffset, bytes: 4, after: cacheAt)
        let slot = Int(hash & cache.load(fromByteOffset: L.maskOffset, as: UInt32.self))
        var at = footprint.load(cache + L.slotOffset(slot), after: max(maskAt, keyAt))
        var node = head(cache, hash)
        while let current = node {
            // Each node's address is the previous one's next pointer.
            at = footprint.load(current, bytes: L.nodeBytes, after: at)
            if accept(current) { return (current, at) }
            node = next(current)
        }
        return (nil, at)
    }
}

/// Lookups and misses a cache counted, and the entries it reclaimed.
public struct CacheCounters: Sendable, Equatable {
    public var lookups: UInt64
    public var misses: UInt64
    public var reclaimed: UInt64

    public init(lookups: UInt64 = 0, misses: UInt64 = 0, reclaimed: UInt64 = 0) {
        self.lookups = lookups
        self.misses = misses
        self.reclaimed = reclaimed
    }

    public static func + (a: CacheCounters, b: CacheCounters) -> CacheCounters {
        CacheCounters(lookups: a.lookups + b.lookups, misses: a.misses + b.misses, reclaimed: a.reclaimed + b.reclaimed)
    }

    public static func - (a: CacheCounters, b: CacheCounters) -> CacheCounters {
        CacheCounters(lookups: a.lookups &- b.lookups, misses: a.misses &- b.misses, reclaimed: a.reclaimed &- b.reclaimed)
    }

    /// Hits over lookups; nil when nothing was looked up.
    public var hitRate: Double? { lookups == 0 ? nil : Double(lookups - min(misses, lookups)) / Double(lookups) }
}

/// The node cache (the avc_node kmem_cache): a free list threaded through
/// free nodes, refilled by slabs from the arena when it runs dry, so the
/// miss path takes and gives nodes with a few raw loads and stores and no
/// reference counting. With a reclaimer, given nodes wait for a grace
/// period before they are reused (ns-table's, whose readers take no lock).
final class NodePool {
    private static let slabNodes = 64
    private static let headOffset = 0
    private static let ownerOffset = 8
    private static let reclaimerOffset = 16
    /// What a pool's nodes are retired with in place of a size, so the
    /// reclaimer's free function knows to put them back on the free list.
    static let retiredNodeMark = 0

    /// +0 the free list's head, +8 this object (unretained), +16 the
    /// reclaimer given nodes go through (unretained; nil: reused at once).
    let block: UnsafeMutableRawPointer
    private let arena: Arena
    private var slabs: [UnsafeMutableRawPointer] = []
    /// The free list is shared by every cache of a world, whose misses
    /// (ns-table's, from any reader thread) take and give nodes: a spin
    /// lock, taken only on the miss path.
    private let lock = ManagedAtomic<Bool>(false)
    /// Where given nodes wait for a grace period; nil: reused at once.
    var reclaimer: QuiescentStateReclaimer? {
        didSet {
            block.storeBytes(of: reclaimer.map { Unmanaged.passUnretained($0).toOpaque() }, toByteOffset: Self.reclaimerOffset,
                             as: UnsafeMutableRawPointer?.self)
        }
    }

    init(arena: Arena) {
        self.arena = arena
        block = arena.allocate(Arena.lineBytes)
        block.storeBytes(of: Unmanaged.passUnretained(self).toOpaque(), toByteOffset: Self.ownerOffset, as: UnsafeMutableRawPointer.self)
        block.storeBytes(of: nil, toByteOffset: Self.reclaimerOffset, as: UnsafeMutableRawPointer?.self)
    }

    @inline(__always) static func block(of cache: UnsafeRawPointer) -> UnsafeMutableRawPointer {
        cache.load(fromByteOffset: Layout.Cache.poolOffset, as: UnsafeMutableRawPointer.self)
    }

    private static func owner(_ block: UnsafeRawPointer) -> Unmanaged<NodePool> {
        Unmanaged<NodePool>.fromOpaque(block.load(fromByteOffset: ownerOffset, as: UnsafeRawPointer.self))
    }

    @inline(__always) static func take(_ block: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        let pool = owner(block)
        pool._withUnsafeGuaranteedRef { $0.acquire() }
        if block.load(fromByteOffset: headOffset, as: UnsafeMutableRawPointer?.self) == nil {
            pool._withUnsafeGuaranteedRef { $0.grow() }
        }
        let node = block.load(fromByteOffset: headOffset, as: UnsafeMutableRawPointer.self)
        block.storeBytes(of: node.load(as: UnsafeMutableRawPointer?.self), toByteOffset: headOffset, as: UnsafeMutableRawPointer?.self)
        pool._withUnsafeGuaranteedRef { $0.release() }
        node.storeBytes(of: nil, as: UnsafeRawPointer?.self)
        return node
    }

    @inline(__always) private func acquire() { while lock.exchange(true, ordering: .acquiring) {} }
    @inline(__always) private func release() { lock.store(false, ordering: .releasing) }

    @inline(__always) static func give(_ block: UnsafeMutableRawPointer, _ node: UnsafeMutableRawPointer) {
        // The reclaimer through its unretained pointer: no reference
        // counting on the miss path.
        if let reclaimer = block.load(fromByteOffset: reclaimerOffset, as: UnsafeRawPointer?.self) {
            Unmanaged<QuiescentStateReclaimer>.fromOpaque(reclaimer)._withUnsafeGuaranteedRef {
                $0.retire(node, bytes: retiredNodeMark)
            }
        } else {
            put(block, node)
        }
    }

    /// A node back on the free list, now.
    @inline(__always) static func put(_ block: UnsafeMutableRawPointer, _ node: UnsafeMutableRawPointer) {
        let pool = owner(block)
        pool._withUnsafeGuaranteedRef { $0.acquire() }
        link(block, node)
        pool._withUnsafeGuaranteedRef { $0.release() }
    }

    /// Pushes `node` on the free list; the caller holds the lock.
    @inline(__always) private static func link(_ block: UnsafeMutableRawPointer, _ node: UnsafeMutableRawPointer) {
        node.storeBytes(of: block.load(fromByteOffset: headOffset, as: UnsafeMutableRawPointer?.self), as: UnsafeMutableRawPointer?.self)
        block.storeBytes(of: node, toByteOffset: headOffset, as: UnsafeMutableRawPointer.self)
    }

    func put(_ node: UnsafeMutableRawPointer) { Self.put(block, node) }

    @inline(never) private func grow() {
        let slab = arena.allocate(Self.slabNodes * Layout.Cache.nodeBytes)
        slabs.append(slab)
        var index = 0
        while index < Self.slabNodes {
            Self.link(block, slab + index * Layout.Cache.nodeBytes)
            index += 1
        }
    }

    /// Bytes of node slabs drawn from the arena.
    var slabBytes: Int { slabs.count * Self.slabNodes * Layout.Cache.nodeBytes }

    func tearDown() {
        reclaimer?.reclaim()
        for slab in slabs { arena.free(slab, bytes: Self.slabNodes * Layout.Cache.nodeBytes) }
        slabs.removeAll()
        arena.free(block, bytes: Arena.lineBytes)
    }
}

/// A namespaced or global LSM at one level: avc_has_perm against the
/// namespace's own AVC.
@inline(__always)
func levelAllows(_ ns: UnsafeRawPointer, ssid: UInt32, request: UInt64) -> Bool {
    let cache = RawNamespace.cache(ns)
    let node = DecisionCache.lookup(cache, sids: Request.sids(ssid: ssid, request), tclass: Request.objectClass(request),
                                    hash: DecisionCache.hash(ssid: ssid, request))
    let vector = node.map(DecisionCache.vector) ?? swiftAVCFill(ns, ssid, request)
    return Request.granted(vector, request)
}

/// The check every per-level design makes for a global LSM, and for a
/// namespaced LSM at its own level: one part, one namespace, one lookup.
@inline(__always)
func ownLevelAllows(_ part: UnsafeRawPointer, request: UInt64) -> Bool {
    levelAllows(RawPart.namespace(part), ssid: RawPart.sid(part), request: request)
}

@c(hb_avc_fill) @inline(never)
func swiftAVCFill(_ ns: UnsafeRawPointer, _ ssid: UInt32, _ request: UInt64) -> UInt32 {
    DecisionCache.fillLevel(ns, ssid: ssid, request: request)
}
