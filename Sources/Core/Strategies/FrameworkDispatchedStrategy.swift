// A strategy is a framework table (how the framework reaches each LSM:
// hook lists or static slots) over a namespace store (how each LSM reaches
// its policy: parent walks, ancestry arrays, flattened tables), entered
// through one C-callable check function. ns-table, which bypasses per-LSM
// dispatch, is the one strategy built differently.

import LSMModel

/// The framework's per-hook dispatch table, as a strategy holds it.
protocol FrameworkTable {
    init(arena: Arena, stack: StackSpec, partOffset: (Int) -> Int, callbacks: ResolverCallbacks)
    /// What the check entry is passed as its context.
    var context: UnsafeRawPointer { get }
    /// Records the table's loads for a check of `hook`, up to the first
    /// refusing LSM; returns, by part offset, the depth at which each
    /// visited LSM's part offset is known.
    func footprint(hook: HookID, refusingLSM: Int?, store: NamespaceStore, into footprint: inout Footprint) -> [Int: Int]
    func free(in arena: Arena)
}

final class FrameworkDispatchedStrategy<Table: FrameworkTable>: DispatchStrategy {
    let info: StrategyInfo
    let store: NamespaceStore
    let table: Table
    let checkEntry: CheckEntry

    init(info: StrategyInfo, setup: WorldSetup, arena: Arena, shape: NamespaceStore.Shape,
         callbacks: ResolverCallbacks, entry: CheckFunction, mutation: NamespaceStore.Mutation? = nil) {
        self.info = info
        store = NamespaceStore(setup: setup, arena: arena, shape: shape, mutation: mutation)
        table = Table(arena: arena, stack: setup.stack, partOffset: store.partOffset, callbacks: callbacks)
        checkEntry = CheckEntry(function: entry, context: table.context)
        store.start()
    }

    func apply(_ op: Operation) -> Outcome { store.apply(op, check: checkEntry) }
    func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? { store.credentialObject(id) }
    func object(_ ref: ObjectRef) -> UnsafeRawPointer { store.object(ref) }
    func cacheCounters() -> CacheReport { store.cacheCounters() }
    var reclaimer: QuiescentStateReclaimer { store.reclaimer }

    func memoryUse() -> MemoryUse {
        MemoryUse(totalBytes: store.arena.liveBytes - store.objectBytes, cacheBytes: store.cacheBytes, namespaces: store.namespaceCount)
    }

    func footprint(_ cred: CredentialID, hook: HookID, object: ObjectRef) -> Footprint {
        store.footprint(cred, hook: hook, object: object) { refusing, footprint in
            table.footprint(hook: hook, refusingLSM: refusing, store: store, into: &footprint)
        }
    }

    func tearDown() {
        store.tearDown()
        table.free(in: store.arena)
    }
}
