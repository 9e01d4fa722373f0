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
// Layout (offsets in CStrategies.h, named in ObjectLayout.swift as
// `Layout.StaticSlots`), per hook, 512 bytes: +0 active slots, +4 kind
// (0 int, 1 void); slots from +32 (room for MAX_LSM_COUNT and an inactive
// slot after them), each: +0 active, +4 resolver function (0 namespaced,
// 1 global), +8 trampoline (the callback, as the kernel records it),
// +16 blob offset, +24 errno.

import LSMModel

extension StrategyDescriptor {
    public static let staticSlots = StrategyDescriptor(
        info: StrategyInfo(
            name: "static-slots",
            summary: "per-hook array of MAX_LSM_COUNT static-call slots, direct calls, parent-pointer walk with an AVC lookup per level",
            models: "struct lsm_static_call arrays, static keys and static calls (Linux >= 6.12)"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .parentWalk, callbacks: ParentWalk.callbacks,
                                       entry: swiftStaticSlotsCheck) })
}

struct SlotTable: FrameworkTable {
    private typealias L = Layout.StaticSlots

    let base: UnsafeMutableRawPointer

    init(arena: Arena, stack: StackSpec, partOffset: (Int) -> Int, callbacks: ResolverCallbacks) {
        precondition(L.headerBytes + (Limits.maxLSMs + 1) * L.slotBytes <= L.hookBytes,
                     "a hook's block must hold MAX_LSM_COUNT slots and the inactive one that ends them")
        base = arena.allocate(HookCatalogue.count * L.hookBytes)
        for hook in HookCatalogue.all {
            let block = base + hook.id * L.hookBytes
            var active: UInt32 = 0
            for (lsm, spec) in stack.lsms.enumerated() where spec.implements(hook.id) {
                let slot = L.slot(block, Int(active))
                slot.storeBytes(of: 1, toByteOffset: L.activeOffset, as: UInt32.self)
                slot.storeBytes(of: spec.namespaced ? 0 : 1, toByteOffset: L.resolverOffset, as: UInt32.self)
                slot.storeBytes(of: spec.namespaced ? callbacks.namespaced : callbacks.global,
                                toByteOffset: L.trampolineOffset, as: LSMCheckFunction.self)
                slot.storeBytes(of: partOffset(lsm), toByteOffset: L.partOffsetOffset, as: Int.self)
                slot.storeBytes(of: spec.denyErrno, toByteOffset: L.errnoOffset, as: Int32.self)
                active += 1
            }
            block.storeBytes(of: active, toByteOffset: L.hookActiveOffset, as: UInt32.self)
            block.storeBytes(of: hook.kind == .void ? 1 : 0, toByteOffset: L.hookKindOffset, as: UInt32.self)
        }
    }

    var context: UnsafeRawPointer { UnsafeRawPointer(base) }

    func free(in arena: Arena) { arena.free(base, bytes: HookCatalogue.count * L.hookBytes) }

    @inline(__always)
    static func check<R: LevelResolver>(_ table: UnsafeRawPointer, _ cred: UnsafeRawPointer, _ hook: Int,
                                        _ object: UnsafeRawPointer, _: R.Type) -> Int32 {
        assert(hook >= 0 && hook < HookCatalogue.count, "hook outside the catalogue")
        let block = table + hook &* L.hookBytes
        let isVoid = block.load(fromByteOffset: L.hookKindOffset, as: UInt32.self) != 0
        let request = RawObject.request(hook: hook, object)
        var refusals: Int32 = 0
        // Active slots come first and the slot after the last is inactive,
        // so the loop stops on a slot's own active flag, as the kernel's
        // unrolled loop tests each slot's static key; no count stays live.
        var slot = block + L.headerBytes
        while slot.load(fromByteOffset: L.activeOffset, as: UInt32.self) != 0 {
            assert(Int(bitPattern: slot) - Int(bitPattern: block) < L.headerBytes + Limits.maxLSMs * L.slotBytes,
                   "more active slots than MAX_LSM_COUNT")
            let offset = slot.load(fromByteOffset: L.partOffsetOffset, as: Int.self)
            let allowed = slot.load(fromByteOffset: L.resolverOffset, as: UInt32.self) == 0
                ? R.namespaced(cred, offset, request)
                : R.global(cred, offset, request)
            if !allowed {
                if !isVoid { return 0 &- slot.load(fromByteOffset: L.errnoOffset, as: Int32.self) }
                refusals &+= 1
            }
            slot += L.slotBytes
        }
        return refusals
    }

    /// The lines the framework part of a check reads: the hook's header and
    /// each active slot up to the first refusing LSM of an int hook.
    func footprint(hook: HookID, refusingLSM: Int?, store: NamespaceStore, into footprint: inout Footprint) -> [Int: Int] {
        let block = base + hook * L.hookBytes
        footprint.load(block + L.hookActiveOffset, bytes: 4, after: 0)
        var offsetsKnown: [Int: Int] = [:]
        for index in 0..<Int(block.load(fromByteOffset: L.hookActiveOffset, as: UInt32.self)) {
            // Slots sit at fixed places in the hook's block: every one's
            // address is known without a load.
            let slot = L.slot(block, index)
            let slotAt = footprint.load(slot, bytes: L.slotBytes, after: 0)
            let offset = slot.load(fromByteOffset: L.partOffsetOffset, as: Int.self)
            offsetsKnown[offset] = slotAt
            if let refusing = refusingLSM, store.partOffset(refusing) == offset { break }
        }
        return offsetsKnown
    }
}

@c(hb_swift_static_slots_check) @section(".text.hot.hookbench")
func swiftStaticSlotsCheck(_ slots: UnsafeRawPointer?, _ cred: UnsafeRawPointer?, _ hook: Int32, _ object: UnsafeRawPointer?) -> Int32 {
    SlotTable.check(slots.unsafelyUnwrapped, cred.unsafelyUnwrapped, Int(hook), object.unsafelyUnwrapped, ParentWalk.self)
}
