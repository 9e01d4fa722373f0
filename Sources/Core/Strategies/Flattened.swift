// flattened: each namespace caches decisions over its whole chain.
//
// As Landlock folds the parent domain's rules into a new domain, each
// namespace here keeps a composite decision cache keyed (ssid, tsid,
// tclass) whose entries hold the intersection of the vectors of every level
// up to the root, for the SIDs the chain is checked with: a hit is one
// lookup at any depth. A miss walks the ancestors' rule stores (one lookup
// per level) and inserts the intersection. The cache has the AVC's shape
// and bounds (DecisionCache.swift).
//
// Invalidation is by sequence numbers: each entry records the namespace's
// sequence number when it was computed, and a reload renews the sequence
// number of the reloaded namespace and of every descendant. What a reload
// costs flattened: one store per namespace of the subtree at reload time,
// then one miss (a walk of the whole chain, depth + 1 rule-store lookups)
// per entry used again, in every descendant.
//
// Framework dispatch is static-slots (the current kernel's).

import LSMModel

enum FlattenedResolver: LevelResolver {
    /// Every LSM's check is its own level's: the composite cache holds the rest.
    @inline(__always)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftCompositeLevel(cred, partOffset, request)
    }

    @inline(__always)
    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftCompositeLevel(cred, partOffset, request)
    }

    static let callbacks = ResolverCallbacks(namespaced: swiftCompositeLevel, global: swiftCompositeLevel)
}

@c(hb_swift_composite_level) @section(".text.hot.hookbench") @inline(never)
func swiftCompositeLevel(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
    let part = RawCredential.part(of: cred, at: partOffset)
    let ns = RawPart.namespace(part)
    let ssid = RawPart.sid(part)
    let cache = RawNamespace.cache(ns)
    let node = DecisionCache.lookup(cache, sids: Request.sids(ssid: ssid, request), tclass: Request.objectClass(request),
                                    hash: DecisionCache.hash(ssid: ssid, request))
    if let node, DecisionCache.seq(node) == RawNamespace.seq(ns) { return Request.granted(DecisionCache.vector(node), request) }
    return Request.granted(compositeFill(ns, ssid: ssid, request: request), request)
}

/// The miss: every level's rule store, intersected, inserted in place of
/// a stale entry for the key if there is one.
@inline(never)
func compositeFill(_ ns: UnsafeRawPointer, ssid: UInt32, request: UInt64) -> UInt32 {
    let cache = RawNamespace.cache(ns)
    DecisionCache.bump(cache, Layout.Cache.missesOffset)
    // The sequence number first: the entry is stamped with the one the
    // rule stores were read after, so an entry computed across a reload
    // never matches (a renewal after this load makes it stale).
    let seq = RawNamespace.seq(ns)
    var vector = PolicyTable.vector(RawNamespace.policy(ns), ssid: ssid, request: request)
    var level = ns
    while let parent = RawNamespace.parent(level) {
        vector &= PolicyTable.vector(RawNamespace.policy(parent), ssid: RawNamespace.parentSid(level), request: request)
        level = parent
    }
    let sids = Request.sids(ssid: ssid, request)
    let tclass = Request.objectClass(request)
    DecisionCache.insert(cache, hash: DecisionCache.hash(ssid: ssid, request),
                         sameKey: { DecisionCache.matches($0, sids: sids, tclass: tclass) }) { node in
        DecisionCache.write(node, sids: sids, tclass: tclass, vector: vector, seq: seq, namespace: nil)
    }
    return vector
}

extension StrategyDescriptor {
    public static let flattened = StrategyDescriptor(
        info: StrategyInfo(
            name: "flattened",
            summary: "per-namespace composite cache of whole-chain decisions; one lookup per LSM at any depth, misses walk the chain",
            models: "Landlock-style domain flattening, as a composite AVC keyed (ssid, tsid, tclass)"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .flattened, callbacks: FlattenedResolver.callbacks,
                                       entry: swiftFlattenedCheck) })

    /// flattened with a reload that forgets its descendants: a mutant that
    /// `verify` and the tests must catch.
    public static let flattenedForgetfulMutant = StrategyDescriptor(
        info: StrategyInfo(name: "flattened-mutant", summary: "flattened that does not invalidate descendants on a reload",
                           models: "a bug"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .flattened, callbacks: FlattenedResolver.callbacks,
                                       entry: swiftFlattenedCheck, mutation: .flattenedKeepsDescendants) })
}

@c(hb_swift_flattened_check) @section(".text.hot.hookbench")
func swiftFlattenedCheck(_ slots: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ object: UnsafeRawPointer?) -> Int32 {
    SlotTable.check(slots.unsafelyUnwrapped, cred.unsafelyUnwrapped, Int(hook), object.unsafelyUnwrapped, FlattenedResolver.self)
}
