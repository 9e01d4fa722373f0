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
/* One LSM's part of the blob: +0 namespace, +8 SID, +16 parent credential,
 * +24 label vector (label-vector's compound label). */
#define HB_PART_BYTES 32
#define HB_PART_NAMESPACE_OFFSET 0
#define HB_PART_SID_OFFSET 8
#define HB_PART_PARENT_CRED_OFFSET 16
#define HB_PART_LABEL_OFFSET 24
/* The object a hook is called on (an inode's security blob, say): +0 its
 * label (SID), +4 its class. */
#define HB_OBJECT_BYTES 64
#define HB_OBJECT_SID_OFFSET 0
#define HB_OBJECT_CLASS_OFFSET 4
/* Namespace object: +0 id, +8 parent, +16 policy (rule store), +24 depth,
 * +28 LSM, +32 ancestry, +40 decision cache, +48 SID of the parent level
 * (the creator's), +52 policy sequence number. */
#define HB_NAMESPACE_BYTES 64
#define HB_NS_ID_OFFSET 0
#define HB_NS_PARENT_OFFSET 8
#define HB_NS_POLICY_OFFSET 16
#define HB_NS_DEPTH_OFFSET 24
#define HB_NS_LSM_OFFSET 28
#define HB_NS_ANCESTRY_OFFSET 32
#define HB_NS_CACHE_OFFSET 40
#define HB_NS_PARENT_SID_OFFSET 48
#define HB_NS_SEQ_OFFSET 52
/* Ancestry entry, and label-vector entry: +0 namespace, +8 SID checked there. */
#define HB_ANCESTRY_ENTRY_BYTES 16
#define HB_ANCESTRY_NAMESPACE_OFFSET 0
#define HB_ANCESTRY_SID_OFFSET 8
/* Label vector: +0 entries; entries from +16. */
#define HB_LABEL_HEADER_BYTES 16
#define HB_LABEL_COUNT_OFFSET 0
/* Rule store (an avtab): +0 mask, +4 count, +8 default vector; entries
 * from +64, 16 bytes: +0 subject and object SIDs (tsid << 32 | ssid),
 * +8 class | 1 << 16 (0 = empty), +12 access vector. */
#define HB_POLICY_HEADER_BYTES 64
#define HB_POLICY_MASK_OFFSET 0
#define HB_POLICY_COUNT_OFFSET 4
#define HB_POLICY_DEFAULT_OFFSET 8
#define HB_POLICY_ENTRY_BYTES 16
#define HB_POLICY_ENTRY_SIDS_OFFSET 0
#define HB_POLICY_ENTRY_CLASS_OFFSET 8
#define HB_POLICY_ENTRY_VECTOR_OFFSET 12
#define HB_POLICY_ENTRY_USED (1u << 16)
/* A decision cache (SELinux's struct avc_cache): a 64-byte header, +0 slot
 * mask, +4 threshold, +8 reclaim, +12 live entries, +16 lookups, +24 misses,
 * +32 entries reclaimed, +40 reclaim hint, +48 node pool, +56 the insert
 * lock, +60 retired (no more inserts); then one chain head per slot. Node (struct avc_node), 64 bytes: +0 next, +8 key SIDs
 * (tsid << 32 | ssid, or | context for ns-table), +16 class, +20 access
 * vector, +24 sequence number it was computed under, +32 namespace (the
 * global cache's key), or from +32 ns-table's decisions, a byte per hook. */
#define HB_CACHE_HEADER_BYTES 64
#define HB_CACHE_MASK_OFFSET 0
#define HB_CACHE_THRESHOLD_OFFSET 4
#define HB_CACHE_RECLAIM_OFFSET 8
#define HB_CACHE_ACTIVE_OFFSET 12
#define HB_CACHE_LOOKUPS_OFFSET 16
#define HB_CACHE_MISSES_OFFSET 24
#define HB_CACHE_RECLAIMED_OFFSET 32
#define HB_CACHE_HINT_OFFSET 40
#define HB_CACHE_POOL_OFFSET 48
#define HB_CACHE_LOCK_OFFSET 56
#define HB_CACHE_RETIRED_OFFSET 60
#define HB_CACHE_SLOT_BYTES 8
#define HB_CACHE_NODE_BYTES 64
#define HB_CNODE_NEXT_OFFSET 0
#define HB_CNODE_SIDS_OFFSET 8
#define HB_CNODE_CLASS_OFFSET 16
#define HB_CNODE_VECTOR_OFFSET 20
#define HB_CNODE_SEQ_OFFSET 24
#define HB_CNODE_NAMESPACE_OFFSET 32
#define HB_CNODE_DECISIONS_OFFSET 32
/* A request, what the framework passes each LSM: bits 0-7 the hook (its
 * permission's bit), 8-15 the object's class, 32-63 the object's label. */
#define HB_REQUEST(hook, object_class, label) \
	(((uint64_t)(label) << 32) | ((uint64_t)(object_class) << 8) | (uint64_t)(hook))
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

/* An LSM's check: does it allow the request for cred? */
typedef bool (*hb_lsm_check_fn)(const void *_Nonnull cred, long part_offset, uint64_t request);

/* The miss paths, shared by the Swift designs and their twins (defined in
 * Swift, DecisionCache.swift): compute the vector from the rule store and
 * insert it into the namespace's cache (per-namespace AVC), or into the
 * one shared cache keyed by namespace too. */
uint32_t hb_avc_fill(const void *_Nonnull ns, uint32_t ssid, uint64_t request);
uint32_t hb_shared_avc_fill(const void *_Nonnull ns, uint32_t ssid, uint64_t request);

/* Per-LSM resolvers (never inlined: the framework calls them). */
bool hb_parent_walk_namespaced(const void *_Nonnull cred, long part_offset, uint64_t request);
bool hb_parent_walk_global(const void *_Nonnull cred, long part_offset, uint64_t request);
bool hb_ancestry_namespaced(const void *_Nonnull cred, long part_offset, uint64_t request);
bool hb_label_vector_walk(const void *_Nonnull cred, long part_offset, uint64_t request);
bool hb_shared_walk_namespaced(const void *_Nonnull cred, long part_offset, uint64_t request);
bool hb_shared_walk_global(const void *_Nonnull cred, long part_offset, uint64_t request);

/* Framework dispatch: the measured entry points (context, cred, hook,
 * object), with the nullability of every check entry (CheckFunction). */
int32_t hb_hlist_check(const void *_Nullable heads, const void *_Nullable cred, int32_t hook, const void *_Nullable object);
int32_t hb_static_slots_check(const void *_Nullable slots, const void *_Nullable cred, int32_t hook, const void *_Nullable object);
int32_t hb_ancestry_check(const void *_Nullable slots, const void *_Nullable cred, int32_t hook, const void *_Nullable object);
int32_t hb_label_vector_check(const void *_Nullable slots, const void *_Nullable cred, int32_t hook, const void *_Nullable object);
int32_t hb_shared_avc_check(const void *_Nullable slots, const void *_Nullable cred, int32_t hook, const void *_Nullable object);

#endif
