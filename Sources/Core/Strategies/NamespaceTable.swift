// ns-table: lock-free per-namespace-set tables of composite decisions.
//
// For each namespace set (the tuple of a credential's namespaces, one per
// LSM) the framework keeps one hash table mapping (security context, object
// label, class) to the composite decision of the whole stack for every
// hook, published through an atomic pointer (release), as an RCU-published
// table in the kernel would be. A reader does one acquire load of the
// table and one lookup, at any depth and any number of LSMs. With object
// labels the decisions can no longer be precomputed: a miss computes them by
// the full walk (every LSM's rule store at every level of its chain) and
// inserts them at the head of their chain with a release store, never
// blocking a reader; the table has the AVC's bounds and reclaim
// (DecisionCache.swift), and reclaimed entries wait for a grace period of
// the quiescent-state reclaimer before their nodes are reused. A reload
// anywhere on a set's chains publishes an empty table for the set and
// retires the old one, entries and all, through the same reclaimer.
//
// Layout (named in ObjectLayout.swift as `Layout.SetTable`): a
// credential's blob starts with the framework's part, +0 set, +8 context
// index. Set object: +0 the published table. A table is a decision cache
// whose nodes are keyed (label << 32 | context, class) and hold from +32 a
// decision byte per hook (0, -errno, or a void hook's refusals). The check
// entry's context is the stack's description: +0 LSMs, +4 a bit per void
// hook; from +16, per LSM, the hooks it implements and its errno.

import LSMModel

import Atomics

final class NamespaceSet {
    let namespaces: [NamespaceRecord]
    var contextIndex: [[SID]: UInt32] = [:]
    let object: UnsafeMutableRawPointer
    var users = 0

    init(namespaces: [NamespaceRecord], object: UnsafeMutableRawPointer) {
        self.namespaces = namespaces
        self.object = object
    }

    @inline(__always) static func published(_ set: UnsafeRawPointer) -> UnsafeAtomic<UnsafeRawPointer?> {
        assert(isAligned(set, to: Layout.blockAlignment), "not a namespace set: misaligned")
        let field = UnsafeMutableRawPointer(mutating: set) + Layout.SetTable.setTableOffset
        return UnsafeAtomic(at: field.assumingMemoryBound(to: UnsafeRawPointer?.AtomicRepresentation.self))
    }
}

extension StrategyDescriptor {
    public static let namespaceTable = StrategyDescriptor(
        info: StrategyInfo(
        name: "ns-table",
        summary: "one RCU-published hash table per namespace set of composite decisions: one acquire load and one lookup; misses walk everything",
        models: "proposed lock-free per-namespace tables (RCU publication, (context, tsid, tclass) to composite decision)"),
        make: { NamespaceTableStrategy(info: $0, setup: $1, arena: $2) })

    /// ns-table with a reload that invalidates only sets holding the
    /// reloaded namespace itself, not its descendants': a mutant that
    /// `verify` and the tests must catch.
    public static let namespaceTableForgetfulMutant = StrategyDescriptor(
        info: StrategyInfo(name: "ns-table-mutant", summary: "ns-table that does not invalidate descendants' sets on a reload",
                           models: "a bug"),
        make: { NamespaceTableStrategy(info: $0, setup: $1, arena: $2, forgetsDescendants: true) })
}

final class NamespaceTableStrategy: DispatchStrategy, StoreObserver {
    private typealias L = Layout.SetTable

    let info: StrategyInfo

    var arena: Arena { store.arena }
    let store: NamespaceStore
    var reclaimer: QuiescentStateReclaimer { store.reclaimer }
    /// The stack as the miss path reads it (the check entry's context).
    let stackTable: UnsafeMutableRawPointer
    private let forgetsDescendants: Bool
    private var sets: [[NamespaceID]: NamespaceSet] = [:]
    /// Counters of tables already retired, so a reload does not lose them.
    private var retiredCounters = CacheCounters()

    init(info: StrategyInfo, setup: WorldSetup, arena: Arena, forgetsDescendants: Bool = false) {
        self.info = info
        self.forgetsDescendants = forgetsDescendants
        store = NamespaceStore(setup: setup, arena: arena, shape: .setTables, blobPrefixBytes: L.blobPrefixBytes)
        stackTable = Self.describe(setup.stack, in: arena)
        store.observer = self
        store.start()
    }

    private static func describe(_ stack: StackSpec, in arena: Arena) -> UnsafeMutableRawPointer {
        precondition(HookCatalogue.count <= Layout.Cache.nodeBytes - Layout.Cache.nodeDecisionsOffset,
                     "a table node holds one decision byte per hook")
        let table = arena.allocate(L.stackHeaderBytes + stack.lsms.count * L.stackEntryBytes)
        table.storeBytes(of: UInt32(stack.lsms.count), toByteOffset: L.stackCountOffset, as: UInt32.self)
        var voidHooks: UInt32 = 0
        for hook in HookCatalogue.all where hook.kind == .void { voidHooks |= hook.permission }
        table.storeBytes(of: voidHooks, toByteOffset: L.stackVoidOffset, as: UInt32.self)
        for (lsm, spec) in stack.lsms.enumerated() {
            precondition(spec.denyErrno > 0 && spec.denyErrno < 128, "a decision byte holds -errno")
            let entry = table + L.stackHeaderBytes + lsm * L.stackEntryBytes
            entry.storeBytes(of: spec.hooks, toByteOffset: L.stackHooksOffset, as: UInt32.self)
            entry.storeBytes(of: spec.denyErrno, toByteOffset: L.stackErrnoOffset, as: Int32.self)
        }
        return table
    }

    @inline(__always)
    static func check(_ stackTable: UnsafeRawPointer, _ cred: UnsafeRawPointer, _ hook: Int, _ object: UnsafeRawPointer) -> Int32 {
        let blob = RawCredential.blob(of: cred)
        let set = blob.load(fromByteOffset: L.blobSetOffset, as: UnsafeRawPointer.self)
        let context = blob.load(fromByteOffset: L.blobContextOffset, as: UInt32.self)
        let request = RawObject.request(hook: hook, object)
        let table = UnsafeMutableRawPointer(mutating: NamespaceSet.published(set).load(ordering: .acquiring).unsafelyUnwrapped)
        let node = DecisionCache.lookup(table, sids: Request.sids(ssid: context, request), tclass: Request.objectClass(request),
                                        hash: DecisionCache.hash(ssid: context, request))
        if let node {
            return Int32(node.load(fromByteOffset: Layout.Cache.nodeDecisionsOffset &+ hook, as: Int8.self))
        }
        return namespaceTableFill(stackTable, blob, table, context: context, request: request)
    }

    var checkEntry: CheckEntry { CheckEntry(function: swiftNamespaceTableCheck, context: UnsafeRawPointer(stackTable)) }

    func apply(_ op: Operation) -> Outcome { store.apply(op, check: checkEntry) }
    func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? { store.credentialObject(id) }
    func object(_ ref: ObjectRef) -> UnsafeRawPointer { store.object(ref) }

    private var tables: [UnsafeMutableRawPointer] {
        sets.values.compactMap { NamespaceSet.published($0.object).load(ordering: .acquiring).map { UnsafeMutableRawPointer(mutating: $0) } }
    }

    func cacheCounters() -> CacheReport {
        CacheReport(total: tables.reduce(retiredCounters) { $0 + DecisionCache.counters($1) }, byDepth: [:])
    }

    func memoryUse() -> MemoryUse {
        let tableBytes = tables.reduce(0) { $0 + DecisionCache.bytes($1) - DecisionCache.liveEntries($1) * Layout.Cache.nodeBytes }
        return MemoryUse(totalBytes: arena.liveBytes - store.objectBytes, cacheBytes: tableBytes + store.pool.slabBytes,
                         namespaces: store.namespaceCount, sets: sets.count)
    }

    /// credential -> blob (set pointer, context) -> set (published table)
    /// -> slot -> node chain -> decision; a miss adds every rule-store
    /// lookup of the full walk.
    func footprint(_ id: CredentialID, hook: HookID, object ref: ObjectRef) -> Footprint {
        var footprint = Footprint()
        guard let cred = store.credential(id), let set = cred.strategyData as? NamespaceSet else { return footprint }
        let object = store.object(ref)
        let requestAt = footprint.load(object, after: 0)
        let request = RawObject.request(hook: hook, object)
        let blob = UnsafeRawPointer(cred.object.blob)
        let blobAt = footprint.load(UnsafeRawPointer(cred.object.base) + Layout.Credential.securityOffset, after: 0)
        let setAt = footprint.load(blob + L.blobSetOffset, after: blobAt)
        let contextAt = footprint.load(blob + L.blobContextOffset, bytes: 4, after: blobAt)
        let context = blob.load(fromByteOffset: L.blobContextOffset, as: UInt32.self)
        let tableAt = footprint.load(UnsafeRawPointer(set.object) + L.setTableOffset, after: setAt)
        let table = NamespaceSet.published(set.object).load(ordering: .acquiring)!
        let sids = Request.sids(ssid: context, request)
        let tclass = Request.objectClass(request)
        let (node, nodeAt) = DecisionCache.footprint(table, cacheAt: tableAt, keyAt: max(contextAt, requestAt),
                                                     hash: DecisionCache.hash(ssid: context, request),
                                                     accept: { DecisionCache.matches($0, sids: sids, tclass: tclass) }, into: &footprint)
        if node != nil { return footprint }
        for (lsm, part) in cred.parts.enumerated() {
            let partAt = footprint.load(blob + store.partOffset(lsm), bytes: Layout.Part.bytes, after: max(blobAt, nodeAt))
            var ns: NamespaceRecord? = part.namespace
            var sid = part.sid
            var at = partAt
            while let level = ns {
                let policyAt = footprint.load(UnsafeRawPointer(level.object.base) + Layout.Namespace.policyOffset, after: at)
                _ = PolicyTable.footprint(RawNamespace.policy(level.object.base), tableAt: policyAt, ssid: sid, sidAt: at,
                                          request: request, into: &footprint)
                at = footprint.load(UnsafeRawPointer(level.object.base) + Layout.Namespace.parentOffset, after: at)
                sid = level.creatorSid ?? 0
                ns = level.parent
            }
        }
        return footprint
    }

    func tearDown() {
        store.tearDown()
        arena.free(stackTable, bytes: L.stackHeaderBytes + store.stack.lsms.count * L.stackEntryBytes)
    }

    // MARK: Write side

    func credentialCreated(_ cred: CredentialRecord) {
        let key = cred.parts.map(\.namespace.id)
        let set = sets[key] ?? {
            let set = NamespaceSet(namespaces: cred.parts.map(\.namespace), object: arena.allocate(L.setBytes))
            sets[key] = set
            publishEmpty(set)
            return set
        }()
        let sids = cred.parts.map(\.sid)
        let context: UInt32
        if let known = set.contextIndex[sids] {
            context = known
        } else {
            context = UInt32(set.contextIndex.count)
            set.contextIndex[sids] = context
        }
        set.users += 1
        cred.strategyData = set
        cred.object.blob.storeBytes(of: UnsafeRawPointer(set.object), toByteOffset: L.blobSetOffset, as: UnsafeRawPointer.self)
        cred.object.blob.storeBytes(of: context, toByteOffset: L.blobContextOffset, as: UInt32.self)
    }

    func credentialFreed(_ cred: CredentialRecord) {
        guard let set = cred.strategyData as? NamespaceSet else { return }
        set.users -= 1
        if set.users == 0 {
            if let table = NamespaceSet.published(set.object).exchange(nil, ordering: .acquiringAndReleasing) {
                retire(UnsafeMutableRawPointer(mutating: table))
            }
            arena.free(set.object, bytes: L.setBytes)
            sets[set.namespaces.map(\.id)] = nil
        }
    }

    func policyChanged(_ ns: NamespaceRecord) {
        for set in sets.values
        where set.namespaces.contains(where: { forgetsDescendants ? $0 === ns : $0.isDescendant(of: ns) }) {
            publishEmpty(set)
        }
    }

    /// Publishes an empty table for the set, retiring the old one.
    private func publishEmpty(_ set: NamespaceSet) {
        let table = DecisionCache.create(in: arena, geometry: store.setup.caches, pool: store.pool)
        let old = NamespaceSet.published(set.object).exchange(UnsafeRawPointer(table), ordering: .acquiringAndReleasing)
        if let old { retire(UnsafeMutableRawPointer(mutating: old)) }
    }

    /// A table no reader can newly reach: its nodes and itself wait for a
    /// grace period.
    private func retire(_ table: UnsafeMutableRawPointer) {
        retiredCounters = retiredCounters + DecisionCache.counters(table)
        DecisionCache.flush(table, retiring: true)
        reclaimer.retire(table, bytes: Layout.Cache.bytes(slots: DecisionCache.slots(table)))
    }
}

/// ns-table's miss: every LSM's vector over its whole chain (each level's
/// rule store), the decision of the stack for every hook, inserted.
@inline(never)
func namespaceTableFill(_ stackTable: UnsafeRawPointer, _ blob: UnsafeRawPointer, _ table: UnsafeMutableRawPointer,
                        context: UInt32, request: UInt64) -> Int32 {
    typealias L = Layout.SetTable
    DecisionCache.bump(table, Layout.Cache.missesOffset)
    let lsms = Int(truncatingIfNeeded: stackTable.load(fromByteOffset: L.stackCountOffset, as: UInt32.self))
    let voidHooks = stackTable.load(fromByteOffset: L.stackVoidOffset, as: UInt32.self)
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Limits.maxLSMs) { vectors in
        let vectors = vectors.baseAddress.unsafelyUnwrapped
        for lsm in 0..<lsms {
            let part = blob + Layout.Blob.partOffset(lsm: lsm, prefixBytes: L.blobPrefixBytes)
            var ns = RawPart.namespace(part)
            var vector = PolicyTable.vector(RawNamespace.policy(ns), ssid: RawPart.sid(part), request: request)
            while let parent = RawNamespace.parent(ns) {
                vector &= PolicyTable.vector(RawNamespace.policy(parent), ssid: RawNamespace.parentSid(ns), request: request)
                ns = parent
            }
            vectors[lsm] = vector
        }
        return withUnsafeTemporaryAllocation(of: Int8.self, capacity: HookCatalogue.count) { decisions in
            let decisions = decisions.baseAddress.unsafelyUnwrapped
            for hook in 0..<HookCatalogue.count {
                let bit: UInt32 = 1 &<< UInt32(hook)
                var decision: Int32 = 0
                for lsm in 0..<lsms {
                    let entry = stackTable + (L.stackHeaderBytes &+ lsm &* L.stackEntryBytes)
                    guard entry.load(fromByteOffset: L.stackHooksOffset, as: UInt32.self) & bit != 0,
                          vectors[lsm] & bit == 0 else { continue }
                    if voidHooks & bit == 0 {
                        decision = 0 &- entry.load(fromByteOffset: L.stackErrnoOffset, as: Int32.self)
                        break
                    }
                    decision &+= 1
                }
                decisions[hook] = Int8(truncatingIfNeeded: decision)
            }
            // Inserted unless the table was retired meanwhile; the answer
            // stands either way.
            let sids = Request.sids(ssid: context, request)
            let tclass = Request.objectClass(request)
            DecisionCache.insert(table, hash: DecisionCache.hash(ssid: context, request),
                                 sameKey: { DecisionCache.matches($0, sids: sids, tclass: tclass) }) { node in
                DecisionCache.write(node, sids: sids, tclass: tclass, vector: 0, seq: 0, namespace: nil)
                (node + Layout.Cache.nodeDecisionsOffset).copyMemory(from: decisions, byteCount: HookCatalogue.count)
            }
            return Int32(decisions[Int(Request.hook(request))])
        }
    }
}

@c(hb_swift_ns_table_check) @section(".text.hot.hookbench")
func swiftNamespaceTableCheck(_ context: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ object: UnsafeRawPointer?) -> Int32 {
    NamespaceTableStrategy.check(context.unsafelyUnwrapped, cred.unsafelyUnwrapped, Int(hook), object.unsafelyUnwrapped)
}
