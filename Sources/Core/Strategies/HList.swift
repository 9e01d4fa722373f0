// hlist: the framework's dispatch up to Linux 6.11.
//
// `struct security_hook_heads` holds one hlist head per hook; each LSM adds
// a separately allocated `struct security_hook_list` node holding a function
// pointer; `call_int_hook` walks the list and calls each callback
// indirectly, stopping at the first non-zero return. Per LSM per hook: two
// dependent loads (node, callback) and one indirect call. Namespaced LSMs
// then walk parent pointers (ParentWalk.swift).
//
// Layout (offsets in CStrategies.h, named in ObjectLayout.swift as
// `Layout.HookList`): heads, 16 bytes per hook: +0 first node, +8 kind
// (0 int, 1 void). Node, one 64-byte block each: +0 next, +8 callback,
// +16 blob offset, +24 errno.

import LSMModel

extension StrategyDescriptor {
    public static let hlist = StrategyDescriptor(
        info: StrategyInfo(
            name: "hlist",
            summary: "per-hook linked list of callbacks, one indirect call per LSM, parent-pointer walk with an AVC lookup per level",
            models: "security_hook_heads hlists, call_int_hook (Linux <= 6.11)"),
        make: { FrameworkDispatchedStrategy<HookListTable>(info: $0, setup: $1, arena: $2, shape: .parentWalk, callbacks: ParentWalk.callbacks,
                                       entry: swiftHListCheck) })

    /// hlist whose reload flushes the AVC before it publishes the new rule
    /// store: correct on one thread, wrong under readers (a miss between
    /// the two caches the old decision for good). Readers under churn must
    /// catch it; `verify`, single-threaded, cannot.
    public static let hlistUnsynchronisedMutant = StrategyDescriptor(
        info: StrategyInfo(name: "hlist-unsync-mutant", summary: "hlist that invalidates its AVC before publishing a reloaded policy",
                           models: "a bug (an unsynchronised publish)"),
        make: { FrameworkDispatchedStrategy<HookListTable>(info: $0, setup: $1, arena: $2, shape: .parentWalk, callbacks: ParentWalk.callbacks,
                                       entry: swiftHListCheck, mutation: .invalidatesBeforePublishing) })
}

/// The heads and nodes, built in stack order as security_add_hooks does.
struct HookListTable: FrameworkTable {
    private typealias L = Layout.HookList

    let heads: UnsafeMutableRawPointer
    private(set) var nodes: [UnsafeMutableRawPointer] = []

    init(arena: Arena, stack: StackSpec, partOffset: (Int) -> Int, callbacks: ResolverCallbacks) {
        heads = arena.allocate(HookCatalogue.count * L.headBytes)
        for hook in HookCatalogue.all {
            let head = heads + hook.id * L.headBytes
            head.storeBytes(of: hook.kind == .void ? 1 : 0, toByteOffset: L.headKindOffset, as: UInt32.self)
            var link = head
            var linkOffset = L.headFirstOffset
            for (lsm, spec) in stack.lsms.enumerated() where spec.implements(hook.id) {
                let node = arena.allocate(L.nodeBytes)
                node.storeBytes(of: spec.namespaced ? callbacks.namespaced : callbacks.global,
                                toByteOffset: L.nodeCallbackOffset, as: LSMCheckFunction.self)
                node.storeBytes(of: partOffset(lsm), toByteOffset: L.nodePartOffsetOffset, as: Int.self)
                node.storeBytes(of: spec.denyErrno, toByteOffset: L.nodeErrnoOffset, as: Int32.self)
                link.storeBytes(of: UnsafeRawPointer(node), toByteOffset: linkOffset, as: UnsafeRawPointer?.self)
                link = node
                linkOffset = L.nodeNextOffset
                nodes.append(node)
            }
        }
    }

    var context: UnsafeRawPointer { UnsafeRawPointer(heads) }

    func free(in arena: Arena) {
        for node in nodes { arena.free(node, bytes: L.nodeBytes) }
        arena.free(heads, bytes: HookCatalogue.count * L.headBytes)
    }

    @inline(__always)
    static func check(_ heads: UnsafeRawPointer, _ cred: UnsafeRawPointer, _ hook: Int, _ object: UnsafeRawPointer) -> Int32 {
        assert(hook >= 0 && hook < HookCatalogue.count, "hook outside the catalogue")
        let head = heads + hook &* L.headBytes
        let isVoid = head.load(fromByteOffset: L.headKindOffset, as: UInt32.self) != 0
        let request = RawObject.request(hook: hook, object)
        var refusals: Int32 = 0
        var next = head.load(fromByteOffset: L.headFirstOffset, as: UnsafeRawPointer?.self)
        while let node = next {
            let callback = node.load(fromByteOffset: L.nodeCallbackOffset, as: LSMCheckFunction.self)
            if !callback(cred, node.load(fromByteOffset: L.nodePartOffsetOffset, as: Int.self), request) {
                if !isVoid { return -node.load(fromByteOffset: L.nodeErrnoOffset, as: Int32.self) }
                refusals &+= 1
            }
            next = node.load(fromByteOffset: L.nodeNextOffset, as: UnsafeRawPointer?.self)
        }
        return refusals
    }

    /// The lines the framework part of a check reads: the head, then each
    /// node up to the first refusing LSM of an int hook.
    func footprint(hook: HookID, refusingLSM: Int?, store: NamespaceStore, into footprint: inout Footprint) -> [Int: Int] {
        let head = heads + hook * L.headBytes
        footprint.load(head + L.headKindOffset, bytes: 4, after: 0)
        var pointerAt = footprint.load(head + L.headFirstOffset, after: 0)
        var offsetsKnown: [Int: Int] = [:]
        var next = head.load(fromByteOffset: L.headFirstOffset, as: UnsafeRawPointer?.self)
        while let node = next {
            // Each node's address is the previous node's next pointer: the
            // list is a chain of dependent loads, one per LSM.
            let nodeAt = footprint.load(node, bytes: L.nodeBytes, after: pointerAt)
            let offset = node.load(fromByteOffset: L.nodePartOffsetOffset, as: Int.self)
            offsetsKnown[offset] = nodeAt
            if let refusing = refusingLSM, store.partOffset(refusing) == offset { break }
            pointerAt = nodeAt
            next = node.load(fromByteOffset: L.nodeNextOffset, as: UnsafeRawPointer?.self)
        }
        return offsetsKnown
    }
}

@c(hb_swift_hlist_check) @section(".text.hot.hookbench")
func swiftHListCheck(_ heads: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ object: UnsafeRawPointer?) -> Int32 {
    HookListTable.check(heads.unsafelyUnwrapped, cred.unsafelyUnwrapped, Int(hook), object.unsafelyUnwrapped)
}
