// global-avc: one AVC for every namespace.
//
// With global SIDs, the namespaces could share SELinux's single access-
// vector cache instead of one each, keying its entries by namespace too:
// (namespace, ssid, tsid, tclass). The walk is the parent walk of the
// SELinux-namespace series (ParentWalk.swift), but every level's lookup goes
// to the one cache, whose 512 slots and threshold of 512 entries (the same
// bounds as one per-namespace AVC) are now shared by every namespace. An
// entry records its namespace's sequence number; a reload renews it, so the
// namespace's entries miss (and are replaced) without flushing the others'.
// The hash is avc_hash with the namespace's address folded in.
//
// Framework dispatch is static-slots (the current kernel's).

import LSMModel

enum SharedCacheResolver: LevelResolver {
    @inline(__always)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftSharedWalk(cred, partOffset, request)
    }

    @inline(__always)
    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftSharedOwnLevel(cred, partOffset, request)
    }

    static let callbacks = ResolverCallbacks(namespaced: swiftSharedWalk, global: swiftSharedOwnLevel)
}

/// avc_has_perm against the shared cache at namespace `ns`.
@inline(__always)
func sharedLevelAllows(_ ns: UnsafeRawPointer, ssid: UInt32, request: UInt64) -> Bool {
    let cache = RawNamespace.cache(ns)
    let sids = Request.sids(ssid: ssid, request)
    let tclass = Request.objectClass(request)
    let seq = RawNamespace.seq(ns)
    let hash = DecisionCache.hash(ssid: ssid, request) ^ UInt32(truncatingIfNeeded: Int(bitPattern: ns) &>> 6)
    DecisionCache.bump(cache, Layout.Cache.lookupsOffset)
    var node = DecisionCache.head(cache, hash)
    while let current = node {
        if DecisionCache.matches(current, sids: sids, tclass: tclass) && DecisionCache.isKeyed(current, by: ns) {
            if DecisionCache.seq(current) != seq { break }
            return Request.granted(DecisionCache.vector(current), request)
        }
        node = DecisionCache.next(current)
    }
    return Request.granted(swiftSharedAVCFill(ns, ssid, request), request)
}

@c(hb_shared_avc_fill) @inline(never)
func swiftSharedAVCFill(_ ns: UnsafeRawPointer, _ ssid: UInt32, _ request: UInt64) -> UInt32 {
    let cache = RawNamespace.cache(ns)
    DecisionCache.bump(cache, Layout.Cache.missesOffset)
    // The sequence number before the rule store: see compositeFill.
    let seq = RawNamespace.seq(ns)
    let vector = PolicyTable.vector(RawNamespace.policy(ns), ssid: ssid, request: request)
    let sids = Request.sids(ssid: ssid, request)
    let tclass = Request.objectClass(request)
    let hash = DecisionCache.hash(ssid: ssid, request) ^ UInt32(truncatingIfNeeded: Int(bitPattern: ns) >> 6)
    DecisionCache.insert(cache, hash: hash,
                         sameKey: { DecisionCache.matches($0, sids: sids, tclass: tclass) && DecisionCache.isKeyed($0, by: ns) }) { node in
        DecisionCache.write(node, sids: sids, tclass: tclass, vector: vector, seq: seq, namespace: ns)
    }
    return vector
}

@c(hb_swift_shared_walk) @section(".text.hot.hookbench") @inline(never)
func swiftSharedWalk(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
    var current = cred
    while true {
        let part = RawCredential.part(of: current, at: partOffset)
        if !sharedLevelAllows(RawPart.namespace(part), ssid: RawPart.sid(part), request: request) { return false }
        guard let parent = RawPart.parentCredential(part) else { return true }
        current = parent
    }
}

@c(hb_swift_shared_own_level) @section(".text.hot.hookbench") @inline(never)
func swiftSharedOwnLevel(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
    let part = RawCredential.part(of: cred, at: partOffset)
    return sharedLevelAllows(RawPart.namespace(part), ssid: RawPart.sid(part), request: request)
}

extension StrategyDescriptor {
    public static let globalAVC = StrategyDescriptor(
        info: StrategyInfo(
            name: "global-avc",
            summary: "one AVC shared by every namespace, keyed (namespace, ssid, tsid, tclass); parent-pointer walk",
            models: "SELinux's single AVC with global SIDs, against one AVC per namespace"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .sharedCache,
                                                       callbacks: SharedCacheResolver.callbacks, entry: swiftGlobalAVCCheck) })
}

@c(hb_swift_global_avc_check) @section(".text.hot.hookbench")
func swiftGlobalAVCCheck(_ slots: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ object: UnsafeRawPointer?) -> Int32 {
    SlotTable.check(slots.unsafelyUnwrapped, cred.unsafelyUnwrapped, Int(hook), object.unsafelyUnwrapped, SharedCacheResolver.self)
}
