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
    /// A namespaced LSM's check is its own level's: the table holds the rest.
    @inline(__always)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        swiftOwnLevel(cred, partOffset, classHook)
    }

    static let callbacks = ResolverCallbacks(namespaced: swiftOwnLevel, global: swiftOwnLevel)
}

extension StrategyDescriptor {
    public static let flattened = StrategyDescriptor(
        info: StrategyInfo(
            name: "flattened",
            summary: "each namespace holds its ancestors' verdicts folded in; one probe per LSM at any depth",
            models: "Landlock-style domain copy: a new domain inherits the parent's rules"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .flattened, callbacks: FlattenedResolver.callbacks,
                                       entry: swiftFlattenedCheck) })
}

@c(hb_swift_flattened_check) @section(".text.hot.hookbench")
func swiftFlattenedCheck(_ slots: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ objectClass: Int32) -> Int32 {
    SlotTable.check(slots.unsafelyUnwrapped, cred.unsafelyUnwrapped, Int(hook), Int(objectClass), FlattenedResolver.self)
}
