// flattened: each namespace holds its effective policy.
//
// As Landlock copies the parent domain's rules into a new domain (each rule
// carrying one access mask per layer), each namespace's table here already
// holds the intersection with every ancestor's verdict for the SIDs its
// chain is checked with: a check is one probe at any depth. The price is on
// the write side: creation builds the effective table, and reloading an
// ancestor rebuilds the table of every descendant (see NamespaceStore).
//
// Framework dispatch is static-slots (the current kernel's).

import LSMModel

enum FlattenedResolver: LevelResolver {
    @inline(never)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        ownLevelAllows(RawCredential.blob(of: cred) + partOffset, classHook: classHook)
    }

    @inline(never)
    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        ownLevelAllows(RawCredential.blob(of: cred) + partOffset, classHook: classHook)
    }
}

public final class FlattenedStrategy: DispatchStrategy {
    public static let info = StrategyInfo(
        name: "flattened",
        summary: "each namespace holds its ancestors' verdicts folded in; one probe per LSM at any depth",
        models: "Landlock-style domain copy: a new domain inherits the parent's rules")

    let arena: Arena
    let store: NamespaceStore
    let slots: SlotTable

    public required init(setup: WorldSetup, arena: Arena) {
        self.arena = arena
        let store = NamespaceStore(setup: setup, arena: arena, shape: .flattened)
        self.store = store
        slots = SlotTable(arena: arena, stack: setup.stack, partOffset: store.partOffset,
                          callbacks: ({ FlattenedResolver.namespaced($0, $1, $2) }, { FlattenedResolver.global($0, $1, $2) }))
        store.start()
    }

    public var checkEntry: CheckEntry {
        CheckEntry(function: { context, cred, hook, cls in
            SlotTable.check(context!, cred!, Int(hook), Int(cls), FlattenedResolver.self)
        }, context: slots.base)
    }

    public func apply(_ op: Operation) -> Outcome {
        store.apply(op) { cred, hook, cls in SlotTable.check(self.slots.base, cred.object.base, hook, cls.rawValue, FlattenedResolver.self) }
    }

    public func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? {
        store.credential(id).map { UnsafeRawPointer($0.object.base) }
    }

    public func tearDown() {
        store.tearDown()
        slots.free(in: arena)
    }
}
