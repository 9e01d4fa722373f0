// The C twins: kernel-style C (CStrategies, -O2) over exactly the memory
// the Swift strategies lay out, so the Swift hot path can be held to C's
// speed, and hlist once more built with -mretpoline, so the price of a
// retpolined indirect call per LSM is measured on the real CPU.

import CStrategies
import CStrategiesRetpoline
import LSMModel

extension StrategyDescriptor {
    public static let hlistC = StrategyDescriptor(
        info: StrategyInfo(name: "hlist-c", summary: "C twin of hlist (-O2)", twinOf: "hlist",
                           models: "security_hook_heads hlists, call_int_hook (Linux <= 6.11)", implementation: "c"),
        make: { FrameworkDispatchedStrategy<HookListTable>(info: $0, setup: $1, arena: $2, shape: .parentWalk,
                                       callbacks: ResolverCallbacks(namespaced: hb_parent_walk_namespaced, global: hb_parent_walk_global),
                                       entry: hb_hlist_check) })

    public static let hlistCRetpoline = StrategyDescriptor(
        info: StrategyInfo(name: "hlist-c-retpoline", summary: "C twin of hlist built with -mretpoline",
                           models: "call_int_hook with CONFIG_MITIGATION_RETPOLINE", implementation: "c"),
        make: { FrameworkDispatchedStrategy<HookListTable>(info: $0, setup: $1, arena: $2, shape: .parentWalk,
                                       callbacks: ResolverCallbacks(namespaced: hb_retpoline_parent_walk_namespaced,
                                                                    global: hb_retpoline_parent_walk_global),
                                       entry: hb_retpoline_hlist_check) })

    public static let staticSlotsC = StrategyDescriptor(
        info: StrategyInfo(name: "static-slots-c", summary: "C twin of static-slots (-O2)", twinOf: "static-slots",
                           models: "struct lsm_static_call arrays (Linux >= 6.12)", implementation: "c"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .parentWalk,
                                       callbacks: ResolverCallbacks(namespaced: hb_parent_walk_namespaced, global: hb_parent_walk_global),
                                       entry: hb_static_slots_check) })

    public static let ancestryC = StrategyDescriptor(
        info: StrategyInfo(name: "ancestry-c", summary: "C twin of ancestry (-O2)", twinOf: "ancestry",
                           models: "struct pid numbers[level] applied to policy namespaces", implementation: "c"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .ancestry,
                                       callbacks: ResolverCallbacks(namespaced: hb_ancestry_namespaced, global: hb_parent_walk_global),
                                       entry: hb_ancestry_check) })

    public static let labelVectorC = StrategyDescriptor(
        info: StrategyInfo(name: "label-vector-c", summary: "C twin of label-vector (-O2)", twinOf: "label-vector",
                           models: "AppArmor's struct aa_label vec[] of profiles across policy namespaces", implementation: "c"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .labelVector,
                                       callbacks: ResolverCallbacks(namespaced: hb_label_vector_walk, global: hb_label_vector_walk),
                                       entry: hb_label_vector_check) })

    public static let globalAVCC = StrategyDescriptor(
        info: StrategyInfo(name: "global-avc-c", summary: "C twin of global-avc (-O2)", twinOf: "global-avc",
                           models: "SELinux's single AVC with global SIDs, against one AVC per namespace", implementation: "c"),
        make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .sharedCache,
                                       callbacks: ResolverCallbacks(namespaced: hb_shared_walk_namespaced, global: hb_shared_walk_global),
                                       entry: hb_shared_avc_check) })
}
