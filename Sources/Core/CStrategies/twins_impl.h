/*
 * The twins' bodies, included once per build flavour: CStrategies compiles
 * them as is (-O2), CStrategiesRetpoline with -mretpoline, each with its
 * own symbol prefix HB_TWIN(name). A flavour that defines HB_TWINS_HLIST_ONLY
 * gets only the hlist dispatch and the parent walks its nodes call.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define HB_LOAD(type, base, offset) (*(type const *)((const char *)(base) + (offset)))

static inline bool HB_TWIN(policy_allows)(const void *table, uint32_t sid, uint64_t class_hook)
{
	uint64_t key = class_hook | ((uint64_t)sid << 16);
	uint32_t mask = HB_LOAD(uint32_t, table, HB_POLICY_MASK_OFFSET);
	uint32_t index = (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
	const char *entries = (const char *)table + HB_POLICY_HEADER_BYTES;

	for (;;) {
		const char *entry = entries + (size_t)index * HB_POLICY_ENTRY_BYTES;
		uint64_t stored = HB_LOAD(uint64_t, entry, HB_POLICY_ENTRY_KEY_OFFSET);

		if (stored == key)
			return HB_LOAD(uint64_t, entry, HB_POLICY_ENTRY_ALLOW_OFFSET) != 0;
		if (stored == 0) {
			uint32_t cls = (uint32_t)(class_hook >> 8) & 0xff;
			uint32_t hook = (uint32_t)class_hook & 0xff;
			return (HB_LOAD(uint32_t, table, HB_POLICY_MISS_OFFSET + cls * HB_POLICY_MISS_WORD_BYTES) >> hook) & 1;
		}
		index = (index + 1) & mask;
	}
}

static inline const char *HB_TWIN(part)(const void *cred, long part_offset)
{
	return HB_LOAD(const char *, cred, HB_CRED_SECURITY_OFFSET) + part_offset;
}

static inline bool HB_TWIN(own_level_allows)(const char *part, uint64_t class_hook)
{
	const void *ns = HB_LOAD(const void *, part, HB_PART_NAMESPACE_OFFSET);
	return HB_TWIN(policy_allows)(HB_LOAD(const void *, ns, HB_NS_POLICY_OFFSET),
				      HB_LOAD(uint32_t, part, HB_PART_SID_OFFSET), class_hook);
}

__attribute__((noinline))
bool HB_TWIN(parent_walk_namespaced)(const void *cred, long part_offset, uint64_t class_hook)
{
	for (;;) {
		const char *part = HB_TWIN(part)(cred, part_offset);

		if (!HB_TWIN(own_level_allows)(part, class_hook))
			return false;
		cred = HB_LOAD(const void *, part, HB_PART_PARENT_CRED_OFFSET);
		if (!cred)
			return true;
	}
}

__attribute__((noinline))
bool HB_TWIN(parent_walk_global)(const void *cred, long part_offset, uint64_t class_hook)
{
	return HB_TWIN(own_level_allows)(HB_TWIN(part)(cred, part_offset), class_hook);
}

#ifndef HB_TWINS_HLIST_ONLY
__attribute__((noinline))
bool HB_TWIN(ancestry_namespaced)(const void *cred, long part_offset, uint64_t class_hook)
{
	const char *part = HB_TWIN(part)(cred, part_offset);
	const void *ns = HB_LOAD(const void *, part, HB_PART_NAMESPACE_OFFSET);

	if (!HB_TWIN(policy_allows)(HB_LOAD(const void *, ns, HB_NS_POLICY_OFFSET),
				    HB_LOAD(uint32_t, part, HB_PART_SID_OFFSET), class_hook))
		return false;
	uint32_t depth = HB_LOAD(uint32_t, ns, HB_NS_DEPTH_OFFSET);
	if (depth == 0)
		return true;
	const char *entry = HB_LOAD(const char *, ns, HB_NS_ANCESTRY_OFFSET);
	const char *end = entry + (size_t)depth * HB_ANCESTRY_ENTRY_BYTES;
	for (; entry != end; entry += HB_ANCESTRY_ENTRY_BYTES) {
		const void *ancestor = HB_LOAD(const void *, entry, HB_ANCESTRY_NAMESPACE_OFFSET);
		if (!HB_TWIN(policy_allows)(HB_LOAD(const void *, ancestor, HB_NS_POLICY_OFFSET),
					    HB_LOAD(uint32_t, entry, HB_ANCESTRY_SID_OFFSET), class_hook))
			return false;
	}
	return true;
}
#endif

/* call_int_hook / call_void_hook over an hlist: one indirect call per node. */
int32_t HB_TWIN(hlist_check)(const void *heads, const void *cred, int32_t hook, int32_t object_class)
{
	const char *head = (const char *)heads + (size_t)hook * HB_HEAD_BYTES;
	bool is_void = HB_LOAD(uint32_t, head, HB_HEAD_KIND_OFFSET) != 0;
	uint64_t class_hook = (1ull << 63) | ((uint64_t)object_class << 8) | (uint64_t)hook;
	int32_t refusals = 0;

	for (const char *node = HB_LOAD(const char *, head, HB_HEAD_FIRST_OFFSET); node;
	     node = HB_LOAD(const char *, node, HB_NODE_NEXT_OFFSET)) {
		hb_lsm_check_fn callback = HB_LOAD(hb_lsm_check_fn, node, HB_NODE_CALLBACK_OFFSET);

		if (!callback(cred, HB_LOAD(long, node, HB_NODE_OFFSET_OFFSET), class_hook)) {
			if (!is_void)
				return -HB_LOAD(int32_t, node, HB_NODE_ERRNO_OFFSET);
			refusals++;
		}
	}
	return refusals;
}

#ifndef HB_TWINS_HLIST_ONLY
/* The static-call loop: active slots (ended by an inactive one), each
 * calling its resolver directly. */
#define HB_SLOT_LOOP(name, namespaced_fn, global_fn)                                              \
int32_t HB_TWIN(name)(const void *slots, const void *cred, int32_t hook, int32_t object_class)    \
{                                                                                                  \
	const char *block = (const char *)slots + (size_t)hook * HB_SLOT_HOOK_BYTES;               \
	bool is_void = HB_LOAD(uint32_t, block, HB_SLOT_HOOK_KIND_OFFSET) != 0;                    \
	uint64_t class_hook = (1ull << 63) | ((uint64_t)object_class << 8) | (uint64_t)hook;      \
	int32_t refusals = 0;                                                                      \
                                                                                                   \
	for (const char *slot = block + HB_SLOT_HEADER_BYTES;                                      \
	     HB_LOAD(uint32_t, slot, HB_SLOT_ACTIVE_OFFSET);                                       \
	     slot += HB_SLOT_BYTES) {                                                              \
		long offset = HB_LOAD(long, slot, HB_SLOT_OFFSET_OFFSET);                          \
		bool allowed = HB_LOAD(uint32_t, slot, HB_SLOT_RESOLVER_OFFSET) == 0               \
			? namespaced_fn(cred, offset, class_hook)                                  \
			: global_fn(cred, offset, class_hook);                                     \
		if (!allowed) {                                                                    \
			if (!is_void)                                                              \
				return -HB_LOAD(int32_t, slot, HB_SLOT_ERRNO_OFFSET);              \
			refusals++;                                                                \
		}                                                                                  \
	}                                                                                          \
	return refusals;                                                                           \
}

HB_SLOT_LOOP(static_slots_check, HB_TWIN(parent_walk_namespaced), HB_TWIN(parent_walk_global))
HB_SLOT_LOOP(ancestry_check, HB_TWIN(ancestry_namespaced), HB_TWIN(parent_walk_global))
#endif
