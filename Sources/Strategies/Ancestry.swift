// ancestry: cached ancestry chains.
//
// As `struct pid` keeps `numbers[level]` (the pid and namespace at every
// level, root first), each namespace keeps a contiguous array of its
// ancestors, root first, each entry the ancestor namespace and the SID this
// chain is checked with there, filled once at creation by copying the
// parent's array and appending the parent. A check still probes every
// level's policy, but the addresses come from one array instead of a chain
// of parent pointers, so the levels' loads no longer wait on each other.
// Reloading an ancestor's policy needs no copying: entries point at the
// namespace, whose policy pointer is swapped.
//
// Framework dispatch is static-slots (the current kernel's).

import LSMModel

enum AncestryResolver: LevelResolver {
    @inline(never)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        let part = RawCredential.blob(of: cred) + partOffset
        let ns = RawPart.namespace(part)
        if !PolicyTable.allows(RawNamespace.policy(ns), sid: RawPart.sid(part), classHook: classHook) { return false }
        let depth = RawNamespace.depth(ns)
        if depth == 0 { return true }
        var entry = RawNamespace.ancestry(ns)
        let end = entry + depth &* Layout.ancestryEntryBytes
        while entry != end {
            let ancestor = entry.load(as: UnsafeRawPointer.self)
            let sid = entry.load(fromByteOffset: 8, as: UInt32.self)
            if !PolicyTable.allows(RawNamespace.policy(ancestor), sid: sid, classHook: classHook) { return false }
            entry += Layout.ancestryEntryBytes
        }
        return true
    }

    @inline(never)
    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        ownLevelAllows(RawCredential.blob(of: cred) + partOffset, classHook: classHook)
    }
}

public final class AncestryStrategy: DispatchStrategy {
    public static let info = StrategyInfo(
        name: "ancestry",
        summary: "each namespace caches its ancestors root-first in one array; independent per-level probes",
        models: "struct pid numbers[level] applied to policy namespaces")

    let arena: Arena
    let store: NamespaceStore
    let slots: SlotTable

    public required init(setup: WorldSetup, arena: Arena) {
        self.arena = arena
        let store = NamespaceStore(setup: setup, arena: arena, shape: .ancestry)
        self.store = store
        slots = SlotTable(arena: arena, stack: setup.stack, partOffset: store.partOffset,
                          callbacks: ({ AncestryResolver.namespaced($0, $1, $2) }, { AncestryResolver.global($0, $1, $2) }))
        store.start()
    }

    public var checkEntry: CheckEntry {
        CheckEntry(function: { context, cred, hook, cls in
            SlotTable.check(context!, cred!, Int(hook), Int(cls), AncestryResolver.self)
        }, context: slots.base)
    }

    public func apply(_ op: Operation) -> Outcome {
        store.apply(op) { cred, hook, cls in SlotTable.check(self.slots.base, cred.object.base, hook, cls.rawValue, AncestryResolver.self) }
    }

    public func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? {
        store.credential(id).map { UnsafeRawPointer($0.object.base) }
    }

    public func tearDown() {
        store.tearDown()
        slots.free(in: arena)
    }
}
