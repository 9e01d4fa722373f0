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
    static let callbacks = ResolverCallbacks(namespaced: { namespaced($0, $1, $2) }, global: { global($0, $1, $2) })

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
            let sid = entry.load(fromByteOffset: Layout.partSidOffset, as: UInt32.self)
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

extension StrategyDescriptor {
    public static let ancestry = StrategyDescriptor(
        info: StrategyInfo(
            name: "ancestry",
            summary: "each namespace caches its ancestors root-first in one array; independent per-level probes",
            models: "struct pid numbers[level] applied to policy namespaces"),
        make: { SlotDispatchedStrategy(info: $0, setup: $1, arena: $2, shape: .ancestry, callbacks: AncestryResolver.callbacks,
                                       entry: { SlotTable.check($0!, $1!, Int($2), Int($3), AncestryResolver.self) }) })
}
