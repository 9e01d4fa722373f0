// label-vector: AppArmor's compound label.
//
// AppArmor confines a task by a label (`struct aa_label`): a flat vector of
// profiles (`vec[]`), one per policy namespace the task is confined in, as
// stacking and nested namespaces make them (`A//&:ns:B`). A check asks
// every profile of the label, each against its own policy (the profile's
// DFA; here its namespace's rule store), and allows only if all allow:
// no parent walk and no decision cache, so its cost grows with the profiles
// in the label (depth + 1 here). The label is built when the credential is
// (a profile transition builds a new label); a reload swaps the profile's
// policy, reached through the entry's namespace as AppArmor reaches the
// newest profile through its proxy.
//
// Framework dispatch is static-slots (the current kernel's).

import LSMModel

enum LabelVectorResolver: LevelResolver {
    @inline(__always)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftLabelVectorWalk(cred, partOffset, request)
    }

    @inline(__always)
    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftLabelVectorWalk(cred, partOffset, request)
    }

    static let callbacks = ResolverCallbacks(namespaced: swiftLabelVectorWalk, global: swiftLabelVectorWalk)
}

/// Every profile of the label, as the C twin's hb_label_vector_walk.
@c(hb_swift_label_vector_walk) @section(".text.hot.hookbench") @inline(never)
func swiftLabelVectorWalk(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
    let label = RawPart.label(RawCredential.part(of: cred, at: partOffset))
    var entry = label + Layout.Label.headerBytes
    let count = Int(truncatingIfNeeded: label.load(fromByteOffset: Layout.Label.countOffset, as: UInt32.self))
    let end = entry + count &* Layout.AncestryEntry.bytes
    while entry != end {
        let ns = RawAncestryEntry.namespace(entry)
        let vector = PolicyTable.vector(RawNamespace.policy(ns), ssid: RawAncestryEntry.sid(entry), request: request)
        if !Request.granted(vector, request) { return false }
        entry += Layout.AncestryEntry.bytes
    }
    return true
}

extension StrategyDescriptor {
    public static let labelVector = StrategyDescriptor(
        info: StrategyInfo(
            name: "label-vector",
            summary: "each credential's compound label: a flat vector of every level's profile, each asked its policy, no cache",
            models: "AppArmor's struct aa_label vec[] of profiles across policy namespaces"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .labelVector,
                                                       callbacks: LabelVectorResolver.callbacks, entry: swiftLabelVectorCheck) })
}

@c(hb_swift_label_vector_check) @section(".text.hot.hookbench")
func swiftLabelVectorCheck(_ slots: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ object: UnsafeRawPointer?) -> Int32 {
    SlotTable.check(slots.unsafelyUnwrapped, cred.unsafelyUnwrapped, Int(hook), object.unsafelyUnwrapped, LabelVectorResolver.self)
}
