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
    @inline(__always)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftAncestryWalk(cred, partOffset, request)
    }

    static let callbacks = ResolverCallbacks(namespaced: swiftAncestryWalk, global: swiftOwnLevel)
}

/// The walk as a C-callable function, as the C twin's hb_ancestry_namespaced.
@c(hb_swift_ancestry_walk) @section(".text.hot.hookbench") @inline(never)
func swiftAncestryWalk(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
    let part = RawCredential.part(of: cred, at: partOffset)
    let ns = RawPart.namespace(part)
    if !levelAllows(ns, ssid: RawPart.sid(part), request: request) { return false }
    let depth = RawNamespace.depth(ns)
    if depth == 0 { return true }
    var entry = RawNamespace.ancestry(ns)
    let end = entry + depth &* Layout.AncestryEntry.bytes
    while entry != end {
        if !levelAllows(RawAncestryEntry.namespace(entry), ssid: RawAncestryEntry.sid(entry), request: request) { return false }
        entry += Layout.AncestryEntry.bytes
    }
    return true
}

extension StrategyDescriptor {
    public static let ancestry = StrategyDescriptor(
        info: StrategyInfo(
            name: "ancestry",
            summary: "each namespace caches its ancestors root-first in one array; independent per-level AVC lookups",
            models: "struct pid numbers[level] applied to policy namespaces"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .ancestry, callbacks: AncestryResolver.callbacks,
                                       entry: swiftAncestryCheck) })
}

@c(hb_swift_ancestry_check) @section(".text.hot.hookbench")
func swiftAncestryCheck(_ slots: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ object: UnsafeRawPointer?) -> Int32 {
    SlotTable.check(slots.unsafelyUnwrapped, cred.unsafelyUnwrapped, Int(hook), object.unsafelyUnwrapped, AncestryResolver.self)
}
