/*
 * The twins' bodies, included once per build flavour: CStrategies compiles
 * them as is (-O2), CStrategiesRetpoline with -mretpoline, each with its
 * own symbol prefix HB_TWIN(name). A flavour that defines HB_TWINS_HLIST_ONLY
 * gets only the hlist dispatch and the parent walks its nodes call.
 *
 * A miss in a decision cache calls the miss path the Swift designs use
 * (hb_avc_fill, hb_shared_avc_fill): the twins mirror the hit path, which
 * is what a check costs once the cache is warm.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define HB_LOAD(type, base, offset) (*(type const *)((const char *)(base) + (offset)))
#define HB_BUMP(base, offset) (++*(uint64_t *)((char *)(base) + (offset)))

#define HB_REQUEST_HOOK(request) ((uint32_t)(request) & 0xff)
#define HB_REQUEST_CLASS(request) (((uint32_t)(request) >> 8) & 0xff)
#define HB_REQUEST_LABEL(request) ((uint32_t)((request) >> 32))

/* security_compute_av's lookup: the rule store's vector for the key. */
static inline uint32_t HB_TWIN(rule_vector)(const void *table, uint32_t ssid, uint64_t request)
{
	uint64_t sids = ((uint64_t)HB_REQUEST_LABEL(request) << 32) | ssid;
	uint32_t tag = HB_REQUEST_CLASS(request) | HB_POLICY_ENTRY_USED;
	uint32_t mask = HB_LOAD(uint32_t, table, HB_POLICY_MASK_OFFSET);
	uint32_t index = (uint32_t)(((sids ^ tag) * 0x9E3779B97F4A7C15ull) >> 32) & mask;
	const char *entries = (const char *)table + HB_POLICY_HEADER_BYTES;

	for (;;) {
		const char *entry = entries + (size_t)index * HB_POLICY_ENTRY_BYTES;
		uint32_t stored = HB_LOAD(uint32_t, entry, HB_POLICY_ENTRY_CLASS_OFFSET);

		if (stored == tag && HB_LOAD(uint64_t, entry, HB_POLICY_ENTRY_SIDS_OFFSET) == sids)
			return HB_LOAD(uint32_t, entry, HB_POLICY_ENTRY_VECTOR_OFFSET);
		if (stored == 0)
			return HB_LOAD(uint32_t, table, HB_POLICY_DEFAULT_OFFSET);
		index = (index + 1) & mask;
	}
}

/* avc_lookup: hash as avc_hash does, walk the slot's chain. Counts the
 * lookup, as CONFIG_SECURITY_SELINUX_AVC_STATS does. */
static inline const char *HB_TWIN(cache_lookup)(char *cache, uint64_t sids, uint32_t tclass, uint32_t hash)
{
	HB_BUMP(cache, HB_CACHE_LOOKUPS_OFFSET);
	uint32_t slot = hash & HB_LOAD(uint32_t, cache, HB_CACHE_MASK_OFFSET);
	const char *node = HB_LOAD(const char *, cache, HB_CACHE_HEADER_BYTES + (size_t)slot * HB_CACHE_SLOT_BYTES);

	for (; node; node = HB_LOAD(const char *, node, HB_CNODE_NEXT_OFFSET))
		if (HB_LOAD(uint64_t, node, HB_CNODE_SIDS_OFFSET) == sids &&
		    HB_LOAD(uint32_t, node, HB_CNODE_CLASS_OFFSET) == tclass)
			return node;
	return NULL;
}

static inline uint32_t HB_TWIN(avc_hash)(uint32_t ssid, uint32_t tsid, uint32_t tclass)
{
	return ssid ^ (tsid << 2) ^ (tclass << 4);
}

/* avc_has_perm at one namespace: its own AVC, the rule store on a miss. */
static inline bool HB_TWIN(avc_allows)(const void *ns, uint32_t ssid, uint64_t request)
{
	char *cache = HB_LOAD(char *, ns, HB_NS_CACHE_OFFSET);
	uint32_t tsid = HB_REQUEST_LABEL(request), tclass = HB_REQUEST_CLASS(request);
	const char *node = HB_TWIN(cache_lookup)(cache, ((uint64_t)tsid << 32) | ssid, tclass,
						 HB_TWIN(avc_hash)(ssid, tsid, tclass));
	uint32_t allowed = node ? HB_LOAD(uint32_t, node, HB_CNODE_VECTOR_OFFSET) : hb_avc_fill(ns, ssid, request);

	return (allowed >> HB_REQUEST_HOOK(request)) & 1;
}

static inline const char *HB_TWIN(part)(const void *cred, long part_offset)
{
	return HB_LOAD(const char *, cred, HB_CRED_SECURITY_OFFSET) + part_offset;
}

static inline bool HB_TWIN(own_level_allows)(const char *part, uint64_t request)
{
	return HB_TWIN(avc_allows)(HB_LOAD(const void *, part, HB_PART_NAMESPACE_OFFSET),
				   HB_LOAD(uint32_t, part, HB_PART_SID_OFFSET), request);
}

__attribute__((noinline))
bool HB_TWIN(parent_walk_namespaced)(const void *cred, long part_offset, uint64_t request)
{
	for (;;) {
		const char *part = HB_TWIN(part)(cred, part_offset);

		if (!HB_TWIN(own_level_allows)(part, request))
			return false;
		cred = HB_LOAD(const void *, part, HB_PART_PARENT_CRED_OFFSET);
		if (!cred)
			return true;
	}
}

__attribute__((noinline))
bool HB_TWIN(parent_walk_global)(const void *cred, long part_offset, uint64_t request)
{
	return HB_TWIN(own_level_allows)(HB_TWIN(part)(cred, part_offset), request);
}

#ifndef HB_TWINS_HLIST_ONLY
__attribute__((noinline))
bool HB_TWIN(ancestry_namespaced)(const void *cred, long part_offset, uint64_t request)
{
	const char *part = HB_TWIN(part)(cred, part_offset);
	const void *ns = HB_LOAD(const void *, part, HB_PART_NAMESPACE_OFFSET);

	if (!HB_TWIN(avc_allows)(ns, HB_LOAD(uint32_t, part, HB_PART_SID_OFFSET), request))
		return false;
	uint32_t depth = HB_LOAD(uint32_t, ns, HB_NS_DEPTH_OFFSET);
	if (depth == 0)
		return true;
	const char *entry = HB_LOAD(const char *, ns, HB_NS_ANCESTRY_OFFSET);
	const char *end = entry + (size_t)depth * HB_ANCESTRY_ENTRY_BYTES;
	for (; entry != end; entry += HB_ANCESTRY_ENTRY_BYTES)
		if (!HB_TWIN(avc_allows)(HB_LOAD(const void *, entry, HB_ANCESTRY_NAMESPACE_OFFSET),
					 HB_LOAD(uint32_t, entry, HB_ANCESTRY_SID_OFFSET), request))
			return false;
	return true;
}

/* AppArmor's compound label: every profile of the label, each asked its
 * own policy, no cache. */
__attribute__((noinline))
bool HB_TWIN(label_vector_walk)(const void *cred, long part_offset, uint64_t request)
{
	const char *label = HB_LOAD(const char *, HB_TWIN(part)(cred, part_offset), HB_PART_LABEL_OFFSET);
	const char *entry = label + HB_LABEL_HEADER_BYTES;
	const char *end = entry + (size_t)HB_LOAD(uint32_t, label, HB_LABEL_COUNT_OFFSET) * HB_ANCESTRY_ENTRY_BYTES;
	uint32_t hook = HB_REQUEST_HOOK(request);

	for (; entry != end; entry += HB_ANCESTRY_ENTRY_BYTES) {
		const void *ns = HB_LOAD(const void *, entry, HB_ANCESTRY_NAMESPACE_OFFSET);
		uint32_t vector = HB_TWIN(rule_vector)(HB_LOAD(const void *, ns, HB_NS_POLICY_OFFSET),
						       HB_LOAD(uint32_t, entry, HB_ANCESTRY_SID_OFFSET), request);
		if (!((vector >> hook) & 1))
			return false;
	}
	return true;
}

/* One AVC for every namespace, keyed by namespace too; an entry computed
 * under an older policy of its namespace is a miss. */
static inline bool HB_TWIN(shared_allows)(const void *ns, uint32_t ssid, uint64_t request)
{
	char *cache = HB_LOAD(char *, ns, HB_NS_CACHE_OFFSET);
	uint32_t tsid = HB_REQUEST_LABEL(request), tclass = HB_REQUEST_CLASS(request);
	uint64_t sids = ((uint64_t)tsid << 32) | ssid;
	uint32_t seq = HB_LOAD(uint32_t, ns, HB_NS_SEQ_OFFSET);
	uint32_t hash = HB_TWIN(avc_hash)(ssid, tsid, tclass) ^ (uint32_t)((uintptr_t)ns >> 6);
	uint32_t slot = hash & HB_LOAD(uint32_t, cache, HB_CACHE_MASK_OFFSET);

	HB_BUMP(cache, HB_CACHE_LOOKUPS_OFFSET);
	for (const char *node = HB_LOAD(const char *, cache, HB_CACHE_HEADER_BYTES + (size_t)slot * HB_CACHE_SLOT_BYTES);
	     node; node = HB_LOAD(const char *, node, HB_CNODE_NEXT_OFFSET))
		if (HB_LOAD(uint64_t, node, HB_CNODE_SIDS_OFFSET) == sids &&
		    HB_LOAD(uint32_t, node, HB_CNODE_CLASS_OFFSET) == tclass &&
		    HB_LOAD(const void *, node, HB_CNODE_NAMESPACE_OFFSET) == ns) {
			if (HB_LOAD(uint32_t, node, HB_CNODE_SEQ_OFFSET) != seq)
				break;
			return (HB_LOAD(uint32_t, node, HB_CNODE_VECTOR_OFFSET) >> HB_REQUEST_HOOK(request)) & 1;
		}
	return (hb_shared_avc_fill(ns, ssid, request) >> HB_REQUEST_HOOK(request)) & 1;
}

__attribute__((noinline))
bool HB_TWIN(shared_walk_namespaced)(const void *cred, long part_offset, uint64_t request)
{
	for (;;) {
		const char *part = HB_TWIN(part)(cred, part_offset);

		if (!HB_TWIN(shared_allows)(HB_LOAD(const void *, part, HB_PART_NAMESPACE_OFFSET),
					    HB_LOAD(uint32_t, part, HB_PART_SID_OFFSET), request))
			return false;
		cred = HB_LOAD(const void *, part, HB_PART_PARENT_CRED_OFFSET);
		if (!cred)
			return true;
	}
}

__attribute__((noinline))
bool HB_TWIN(shared_walk_global)(const void *cred, long part_offset, uint64_t request)
{
	const char *part = HB_TWIN(part)(cred, part_offset);

	return HB_TWIN(shared_allows)(HB_LOAD(const void *, part, HB_PART_NAMESPACE_OFFSET),
				      HB_LOAD(uint32_t, part, HB_PART_SID_OFFSET), request);
}
#endif

static inline uint64_t HB_TWIN(request)(int32_t hook, const void *object)
{
	return HB_REQUEST(hook, HB_LOAD(uint32_t, object, HB_OBJECT_CLASS_OFFSET),
			  HB_LOAD(uint32_t, object, HB_OBJECT_SID_OFFSET));
}

/* call_int_hook / call_void_hook over an hlist: one indirect call per node. */
int32_t HB_TWIN(hlist_check)(const void *heads, const void *cred, int32_t hook, const void *object)
{
	const char *head = (const char *)heads + (size_t)hook * HB_HEAD_BYTES;
	bool is_void = HB_LOAD(uint32_t, head, HB_HEAD_KIND_OFFSET) != 0;
	uint64_t request = HB_TWIN(request)(hook, object);
	int32_t refusals = 0;

	for (const char *node = HB_LOAD(const char *, head, HB_HEAD_FIRST_OFFSET); node;
	     node = HB_LOAD(const char *, node, HB_NODE_NEXT_OFFSET)) {
		hb_lsm_check_fn callback = HB_LOAD(hb_lsm_check_fn, node, HB_NODE_CALLBACK_OFFSET);

		if (!callback(cred, HB_LOAD(long, node, HB_NODE_OFFSET_OFFSET), request)) {
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
int32_t HB_TWIN(name)(const void *slots, const void *cred, int32_t hook, const void *object)      \
{                                                                                                  \
	const char *block = (const char *)slots + (size_t)hook * HB_SLOT_HOOK_BYTES;               \
	bool is_void = HB_LOAD(uint32_t, block, HB_SLOT_HOOK_KIND_OFFSET) != 0;                    \
	uint64_t request = HB_TWIN(request)(hook, object);                                         \
	int32_t refusals = 0;                                                                      \
                                                                                                   \
	for (const char *slot = block + HB_SLOT_HEADER_BYTES;                                      \
	     HB_LOAD(uint32_t, slot, HB_SLOT_ACTIVE_OFFSET);                                       \
	     slot += HB_SLOT_BYTES) {                                                              \
		long offset = HB_LOAD(long, slot, HB_SLOT_OFFSET_OFFSET);                          \
		bool allowed = HB_LOAD(uint32_t, slot, HB_SLOT_RESOLVER_OFFSET) == 0               \
			? namespaced_fn(cred, offset, request)                                     \
			: global_fn(cred, offset, request);                                        \
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
HB_SLOT_LOOP(label_vector_check, HB_TWIN(label_vector_walk), HB_TWIN(label_vector_walk))
HB_SLOT_LOOP(shared_avc_check, HB_TWIN(shared_walk_namespaced), HB_TWIN(shared_walk_global))
#endif
