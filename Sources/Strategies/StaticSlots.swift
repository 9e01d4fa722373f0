// static-slots: the framework's dispatch since Linux 6.12 ("lsm: replace
// indirect LSM hook calls with static calls").
//
// Per hook, an array of MAX_LSM_COUNT `struct lsm_static_call` slots
// { key, trampoline, hl, active }, 32 bytes each, read-only after init.
// The dispatch loop is unrolled over the slots; each slot is guarded by a
// static key and calls its LSM's function directly. Static keys and static
// calls are code patching in the kernel; here the hook's count of active
// slots (filled from slot 0) stands in for the keys, and each active slot
// calls one of its resolver's two functions directly.
//
// Layout, per hook, 512 bytes: +0 active slots UInt32, +4 kind (0 int,
// 1 void); slots from +32, each: +0 active, +4 resolver function (0
// namespaced, 1 global), +8 trampoline (the callback, as the kernel records
// it), +16 blob offset, +24 errno.

import LSMModel

struct SlotTable {
    static let hookBytes = 512
    static let headerBytes = 32
    static let slotBytes = 32

    let base: UnsafeMutableRawPointer

    init(arena: Arena, stack: StackSpec, partOffset: (Int) -> Int, callbacks: (namespaced: LSMCheckFunction, global: LSMCheckFunction)) {
        base = arena.allocate(HookCatalogue.count * Self.hookBytes)
        for hook in HookCatalogue.all {
            let block = base + hook.id * Self.hookBytes
            var active: UInt32 = 0
            for (lsm, spec) in stack.lsms.enumerated() where spec.implements(hook.id) {
                let slot = block + Self.headerBytes + Int(active) * Self.slotBytes
                slot.storeBytes(of: 1, as: UInt32.self)
                slot.storeBytes(of: spec.namespaced ? 0 : 1, toByteOffset: 4, as: UInt32.self)
                slot.storeBytes(of: spec.namespaced ? callbacks.namespaced : callbacks.global,
                                toByteOffset: 8, as: LSMCheckFunction.self)
                slot.storeBytes(of: partOffset(lsm), toByteOffset: 16, as: Int.self)
                slot.storeBytes(of: spec.denyErrno, toByteOffset: 24, as: Int32.self)
                active += 1
            }
            block.storeBytes(of: active, as: UInt32.self)
            block.storeBytes(of: hook.kind == .void ? 1 : 0, toByteOffset: 4, as: UInt32.self)
        }
    }

    func free(in arena: Arena) { arena.free(base, bytes: HookCatalogue.count * Self.hookBytes) }

    @inline(__always)
    static func check<R: LevelResolver>(_ table: UnsafeRawPointer, _ cred: UnsafeRawPointer, _ hook: Int,
                                        _ objectClass: Int, _: R.Type) -> Int32 {
        let block = table + hook &* hookBytes
        let active = Int(truncatingIfNeeded: block.load(as: UInt32.self))
        let isVoid = block.load(fromByteOffset: 4, as: UInt32.self) != 0
        let classHook = PolicyTable.classHook(objectClass: objectClass, hook: hook)
        var refusals: Int32 = 0
        var slot = block + headerBytes
        for _ in 0..<active {
            let offset = slot.load(fromByteOffset: 16, as: Int.self)
            let allowed = slot.load(fromByteOffset: 4, as: UInt32.self) == 0
                ? R.namespaced(cred, offset, classHook)
                : R.global(cred, offset, classHook)
            if !allowed {
                if !isVoid { return -slot.load(fromByteOffset: 24, as: Int32.self) }
                refusals &+= 1
            }
            slot += slotBytes
        }
        return refusals
    }
}

public final class StaticSlotsStrategy: DispatchStrategy {
    public static let info = StrategyInfo(
        name: "static-slots",
        summary: "per-hook array of MAX_LSM_COUNT static-call slots, direct calls, parent-pointer walk",
        models: "struct lsm_static_call arrays, static keys and static calls (Linux >= 6.12)")

    let arena: Arena
    let store: NamespaceStore
    let slots: SlotTable

    public required init(setup: WorldSetup, arena: Arena) {
        self.arena = arena
        let store = NamespaceStore(setup: setup, arena: arena, shape: .parentWalk)
        self.store = store
        slots = SlotTable(arena: arena, stack: setup.stack, partOffset: store.partOffset,
                          callbacks: (ParentWalk.namespacedCallback, ParentWalk.globalCallback))
        store.start()
    }

    public var checkEntry: CheckEntry {
        CheckEntry(function: { context, cred, hook, cls in
            SlotTable.check(context!, cred!, Int(hook), Int(cls), ParentWalk.self)
        }, context: slots.base)
    }

    public func apply(_ op: Operation) -> Outcome {
        store.apply(op) { cred, hook, cls in SlotTable.check(self.slots.base, cred.object.base, hook, cls.rawValue, ParentWalk.self) }
    }

    public func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? {
        store.credential(id).map { UnsafeRawPointer($0.object.base) }
    }

    public func tearDown() {
        store.tearDown()
        slots.free(in: arena)
    }
}
