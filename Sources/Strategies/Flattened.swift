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
    static let callbacks = ResolverCallbacks(namespaced: { namespaced($0, $1, $2) }, global: { global($0, $1, $2) })

    @inline(never)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        ownLevelAllows(RawCredential.blob(of: cred) + partOffset, classHook: classHook)
    }

    @inline(never)
    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        ownLevelAllows(RawCredential.blob(of: cred) + partOffset, classHook: classHook)
    }
}

extension StrategyDescriptor {
    public static let flattened = StrategyDescriptor(
        info: StrategyInfo(
            name: "flattened",
            summary: "each namespace holds its ancestors' verdicts folded in; one probe per LSM at any depth",
            models: "Landlock-style domain copy: a new domain inherits the parent's rules"),
        make: { SlotDispatchedStrategy(info: $0, setup: $1, arena: $2, shape: .flattened, callbacks: FlattenedResolver.callbacks,
                                       entry: { SlotTable.check($0!, $1!, Int($2), Int($3), FlattenedResolver.self) }) })
}
