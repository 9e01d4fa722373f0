/*
 * Kernel-style C twins of the hlist, static-slots and ancestry strategies.
 *
 * They walk exactly the memory the Swift strategies lay out (this header is
 * the single source of its offsets; the Swift side reads the HB_ constants
 * from here), so a Swift strategy and its twin can be driven over the same
 * world and the same calls. If the Swift hot path is slower than this C,
 * the Swift is what needs fixing.
 */
#ifndef HOOKBENCH_CSTRATEGIES_H
#define HOOKBENCH_CSTRATEGIES_H

#include <stdbool.h>
#include <stdint.h>

/* struct cred stand-in: 192 bytes, security blob pointer at +136. */
#define HB_CREDENTIAL_BYTES 192
#define HB_CRED_SECURITY_OFFSET 136
/* One LSM's part of the blob: +0 namespace, +8 SID, +16 parent credential. */
#define HB_PART_BYTES 24
#define HB_PART_NAMESPACE_OFFSET 0
#define HB_PART_SID_OFFSET 8
#define HB_PART_PARENT_CRED_OFFSET 16
/* Namespace object: +0 id, +8 parent, +16 policy, +24 depth, +28 LSM, +32 ancestry. */
#define HB_NAMESPACE_BYTES 64
#define HB_NS_ID_OFFSET 0
#define HB_NS_PARENT_OFFSET 8
#define HB_NS_POLICY_OFFSET 16
#define HB_NS_DEPTH_OFFSET 24
#define HB_NS_LSM_OFFSET 28
#define HB_NS_ANCESTRY_OFFSET 32
/* Ancestry entry: +0 ancestor namespace, +8 SID checked there. */
#define HB_ANCESTRY_ENTRY_BYTES 16
#define HB_ANCESTRY_NAMESPACE_OFFSET 0
#define HB_ANCESTRY_SID_OFFSET 8
/* Policy table: +0 mask, +4 count, +16 miss bits per class (one 4-byte word
 * each), entries from +64: +0 key, +8 allow. */
#define HB_POLICY_HEADER_BYTES 64
#define HB_POLICY_MASK_OFFSET 0
#define HB_POLICY_COUNT_OFFSET 4
#define HB_POLICY_MISS_OFFSET 16
#define HB_POLICY_MISS_WORD_BYTES 4
#define HB_POLICY_ENTRY_BYTES 16
#define HB_POLICY_ENTRY_KEY_OFFSET 0
#define HB_POLICY_ENTRY_ALLOW_OFFSET 8
/* hlist heads: 16 bytes per hook (+0 first node, +8 kind); node: +0 next,
 * +8 callback, +16 blob offset, +24 errno. */
#define HB_HEAD_BYTES 16
#define HB_HEAD_FIRST_OFFSET 0
#define HB_HEAD_KIND_OFFSET 8
#define HB_NODE_BYTES 64
#define HB_NODE_NEXT_OFFSET 0
#define HB_NODE_CALLBACK_OFFSET 8
#define HB_NODE_OFFSET_OFFSET 16
#define HB_NODE_ERRNO_OFFSET 24
/* static slots: 512 bytes per hook, +0 active count, +4 kind; 32-byte slots
 * from +32: +0 active, +4 resolver (0 namespaced, 1 global), +8 trampoline,
 * +16 blob offset, +24 errno. */
#define HB_SLOT_HOOK_BYTES 512
#define HB_SLOT_HOOK_ACTIVE_OFFSET 0
#define HB_SLOT_HOOK_KIND_OFFSET 4
#define HB_SLOT_HEADER_BYTES 32
#define HB_SLOT_BYTES 32
#define HB_SLOT_ACTIVE_OFFSET 0
#define HB_SLOT_RESOLVER_OFFSET 4
#define HB_SLOT_TRAMPOLINE_OFFSET 8
#define HB_SLOT_OFFSET_OFFSET 16
#define HB_SLOT_ERRNO_OFFSET 24

/* An LSM's check: does it allow class_hook for cred? */
typedef bool (*hb_lsm_check_fn)(const void *_Nonnull cred, long part_offset, uint64_t class_hook);

/* Per-LSM resolvers (never inlined: the framework calls them). */
bool hb_parent_walk_namespaced(const void *_Nonnull cred, long part_offset, uint64_t class_hook);
bool hb_parent_walk_global(const void *_Nonnull cred, long part_offset, uint64_t class_hook);
bool hb_ancestry_namespaced(const void *_Nonnull cred, long part_offset, uint64_t class_hook);

/* Framework dispatch: the measured entry points (context, cred, hook, class),
 * with the nullability of every check entry (CheckFunction in Swift). */
int32_t hb_hlist_check(const void *_Nullable heads, const void *_Nullable cred, int32_t hook, int32_t object_class);
int32_t hb_static_slots_check(const void *_Nullable slots, const void *_Nullable cred, int32_t hook, int32_t object_class);
int32_t hb_ancestry_check(const void *_Nullable slots, const void *_Nullable cred, int32_t hook, int32_t object_class);

#endif
