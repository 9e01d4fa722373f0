// ns-table: lock-free per-namespace-set tables.
//
// For each namespace set (the tuple of a credential's namespaces, one per
// LSM) the writer keeps one immutable table mapping (security context,
// hook, object class) to the composite decision of the whole stack, and
// publishes it through an atomic pointer (release); a reader does one
// acquire load and one indexed load, at any depth and any number of LSMs,
// as an RCU-published table in the kernel would. Every write that can change
// a decision (a new security context in the set, a policy reload anywhere on
// the set's chains) builds a new table and retires the old one through a
// quiescent-state reclaimer, never freeing it under a reader.
//
// Layout (named in ObjectLayout.swift as `Layout.SetTable`): a
// credential's blob starts with the framework's part, +0 set, +8 context
// index. Set object: +0 the published table pointer. Table: +0 contexts,
// then from +64 Int32 decisions indexed by (context * hooks + hook) *
// classes + class.

import LSMModel

import Atomics

final class NamespaceSet {
    let namespaces: [NamespaceRecord]
    var contexts: [[SID]] = []
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
        summary: "one immutable RCU-published table per namespace set: one acquire load and one lookup",
        models: "proposed lock-free per-namespace tables (RCU publication, hook to composite decision)"),
        make: { NamespaceTableStrategy(info: $0, setup: $1, arena: $2) })
}

final class NamespaceTableStrategy: DispatchStrategy, StoreObserver {
    private typealias L = Layout.SetTable

    let info: StrategyInfo

    var arena: Arena { store.arena }
    let store: NamespaceStore
    let reclaimer: QuiescentStateReclaimer
    private var sets: [[NamespaceID]: NamespaceSet] = [:]

    init(info: StrategyInfo, setup: WorldSetup, arena: Arena) {
        self.info = info
        store = NamespaceStore(setup: setup, arena: arena, shape: .parentWalk, blobPrefixBytes: L.blobPrefixBytes,
                               tracksAncestorVerdicts: true)
        reclaimer = QuiescentStateReclaimer(free: { [unowned arena] block, bytes in arena.free(block, bytes: bytes) })
        store.observer = self
        store.start()
    }

    @inline(__always)
    static func check(_ cred: UnsafeRawPointer, _ hook: Int, _ objectClass: Int) -> Int32 {
        let blob = RawCredential.blob(of: cred)
        let set = blob.load(fromByteOffset: L.blobSetOffset, as: UnsafeRawPointer.self)
        let context = Int(truncatingIfNeeded: blob.load(fromByteOffset: L.blobContextOffset, as: UInt32.self))
        let table = NamespaceSet.published(set).load(ordering: .acquiring).unsafelyUnwrapped
        assert(context < Int(table.load(fromByteOffset: L.tableCountOffset, as: UInt32.self)), "context beyond the table")
        return table.load(fromByteOffset: L.decisionOffset(context: context, hook: hook, objectClass: objectClass), as: Int32.self)
    }

    var checkEntry: CheckEntry { CheckEntry(function: swiftNamespaceTableCheck, context: nil) }

    func apply(_ op: Operation) -> Outcome { store.apply(op, check: checkEntry) }
    func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? { store.credentialObject(id) }

    /// credential -> blob (set pointer, context) -> set (published table)
    /// -> decision: four dependent loads at any depth.
    func footprint(_ id: CredentialID, hook: HookID, objectClass: ObjectClass) -> Footprint {
        var footprint = Footprint()
        guard let cred = store.credential(id), let set = cred.strategyData as? NamespaceSet else { return footprint }
        let blob = UnsafeRawPointer(cred.object.blob)
        let blobAt = footprint.load(UnsafeRawPointer(cred.object.base) + Layout.Credential.securityOffset, after: 0)
        let setAt = footprint.load(blob + L.blobSetOffset, after: blobAt)
        let contextAt = footprint.load(blob + L.blobContextOffset, bytes: 4, after: blobAt)
        let context = Int(blob.load(fromByteOffset: L.blobContextOffset, as: UInt32.self))
        let tableAt = footprint.load(UnsafeRawPointer(set.object) + L.setTableOffset, after: setAt)
        let table = NamespaceSet.published(set.object).load(ordering: .acquiring)!
        footprint.load(table + L.decisionOffset(context: context, hook: hook, objectClass: objectClass.rawValue), bytes: 4,
                       after: max(tableAt, contextAt))
        return footprint
    }

    func tearDown() {
        store.tearDown()
        reclaimer.reclaim()
    }

    // MARK: Write side

    func credentialCreated(_ cred: CredentialRecord) {
        let key = cred.parts.map(\.namespace.id)
        let set = sets[key] ?? {
            let set = NamespaceSet(namespaces: cred.parts.map(\.namespace), object: arena.allocate(L.setBytes))
            sets[key] = set
            return set
        }()
        let sids = cred.parts.map(\.sid)
        let context: UInt32
        if let known = set.contextIndex[sids] {
            context = known
        } else {
            context = UInt32(set.contexts.count)
            set.contexts.append(sids)
            set.contextIndex[sids] = context
            publish(set)
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
                reclaimer.retire(UnsafeMutableRawPointer(mutating: table), bytes: L.tableBytes(contexts: set.contexts.count))
            }
            arena.free(set.object, bytes: L.setBytes)
            sets[set.namespaces.map(\.id)] = nil
        }
    }

    func policyChanged(_ ns: NamespaceRecord) {
        for set in sets.values where set.namespaces.contains(where: { $0.isDescendant(of: ns) }) {
            publish(set)
        }
    }

    /// Builds the set's table from the namespaces' policies and publishes it.
    private func publish(_ set: NamespaceSet) {
        let table = arena.allocate(L.tableBytes(contexts: set.contexts.count))
        table.storeBytes(of: UInt32(set.contexts.count), toByteOffset: L.tableCountOffset, as: UInt32.self)
        let stack = store.stack
        for (context, sids) in set.contexts.enumerated() {
            for hook in HookCatalogue.all {
                for cls in ObjectClass.allCases {
                    var decision: Int32 = 0
                    for (lsm, spec) in stack.lsms.enumerated() where spec.implements(hook.id) {
                        let key = RuleKey(sid: sids[lsm], objectClass: cls, hook: hook.id)
                        let allowed = set.namespaces[lsm].policy.allows(key)
                            && set.namespaces[lsm].ancestorsAllow[cls.rawValue] & (1 << UInt32(hook.id)) != 0
                        if allowed { continue }
                        if hook.kind == .int { decision = -spec.denyErrno; break }
                        decision += 1
                    }
                    table.storeBytes(of: decision, toByteOffset: L.decisionOffset(context: context, hook: hook.id, objectClass: cls.rawValue),
                                     as: Int32.self)
                }
            }
        }
        let old = NamespaceSet.published(set.object).exchange(UnsafeRawPointer(table), ordering: .acquiringAndReleasing)
        if let old {
            let contexts = Int(old.load(fromByteOffset: L.tableCountOffset, as: UInt32.self))
            reclaimer.retire(UnsafeMutableRawPointer(mutating: old), bytes: L.tableBytes(contexts: contexts))
        }
    }
}

@c(hb_swift_ns_table_check) @section(".text.hot.hookbench")
func swiftNamespaceTableCheck(_ context: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ objectClass: Int32) -> Int32 {
    NamespaceTableStrategy.check(cred.unsafelyUnwrapped, Int(hook), Int(objectClass))
}
