// hlist: the framework's dispatch up to Linux 6.11.
//
// `struct security_hook_heads` holds one hlist head per hook; each LSM adds
// a separately allocated `struct security_hook_list` node holding a function
// pointer; `call_int_hook` walks the list and calls each callback
// indirectly, stopping at the first non-zero return. Per LSM per hook: two
// dependent loads (node, callback) and one indirect call.
//
// Layout: heads, 16 bytes per hook: +0 first node, +8 kind (0 int, 1 void).
// Node, one 64-byte block each: +0 next, +8 callback, +16 blob offset,
// +24 errno.

import LSMModel

public final class HListStrategy: DispatchStrategy {
    public static let info = StrategyInfo(
        name: "hlist",
        summary: "per-hook linked list of callbacks, one indirect call per LSM, parent-pointer walk",
        models: "security_hook_heads hlists, call_int_hook (Linux <= 6.11)")

    static let headBytes = 16
    static let nodeBytes = 64

    let arena: Arena
    let store: NamespaceStore
    let heads: UnsafeMutableRawPointer
    private var nodes: [UnsafeMutableRawPointer] = []

    public required init(setup: WorldSetup, arena: Arena) {
        self.arena = arena
        store = NamespaceStore(setup: setup, arena: arena, shape: .parentWalk)
        heads = arena.allocate(HookCatalogue.count * Self.headBytes)
        for hook in HookCatalogue.all {
            let head = heads + hook.id * Self.headBytes
            head.storeBytes(of: hook.kind == .void ? 1 : 0, toByteOffset: 8, as: UInt32.self)
            // Append in stack order, as security_add_hooks does.
            var link = head
            for (lsm, spec) in setup.stack.lsms.enumerated() where spec.implements(hook.id) {
                let node = arena.allocate(Self.nodeBytes)
                node.storeBytes(of: spec.namespaced ? ParentWalk.namespacedCallback : ParentWalk.globalCallback,
                                toByteOffset: 8, as: LSMCheckFunction.self)
                node.storeBytes(of: store.partOffset(lsm), toByteOffset: 16, as: Int.self)
                node.storeBytes(of: spec.denyErrno, toByteOffset: 24, as: Int32.self)
                link.storeBytes(of: UnsafeRawPointer(node), as: UnsafeRawPointer?.self)
                link = node
                nodes.append(node)
            }
        }
        store.start()
    }

    @inline(__always)
    static func check(_ heads: UnsafeRawPointer, _ cred: UnsafeRawPointer, _ hook: Int, _ objectClass: Int) -> Int32 {
        let head = heads + hook &* headBytes
        let isVoid = head.load(fromByteOffset: 8, as: UInt32.self) != 0
        let classHook = PolicyTable.classHook(objectClass: objectClass, hook: hook)
        var refusals: Int32 = 0
        var next = head.load(as: UnsafeRawPointer?.self)
        while let node = next {
            let callback = node.load(fromByteOffset: 8, as: LSMCheckFunction.self)
            if !callback(cred, node.load(fromByteOffset: 16, as: Int.self), classHook) {
                if !isVoid { return -node.load(fromByteOffset: 24, as: Int32.self) }
                refusals &+= 1
            }
            next = node.load(as: UnsafeRawPointer?.self)
        }
        return refusals
    }

    public var checkEntry: CheckEntry {
        CheckEntry(function: { context, cred, hook, cls in
            HListStrategy.check(context!, cred!, Int(hook), Int(cls))
        }, context: heads)
    }

    public func apply(_ op: Operation) -> Outcome {
        store.apply(op) { cred, hook, cls in Self.check(self.heads, cred.object.base, hook, cls.rawValue) }
    }

    public func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? {
        store.credential(id).map { UnsafeRawPointer($0.object.base) }
    }

    public func tearDown() {
        store.tearDown()
        for node in nodes { arena.free(node, bytes: Self.nodeBytes) }
        nodes.removeAll()
        arena.free(heads, bytes: HookCatalogue.count * Self.headBytes)
    }
}
