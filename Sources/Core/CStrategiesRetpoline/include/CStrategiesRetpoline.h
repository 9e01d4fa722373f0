/*
 * The hlist twin compiled with -mretpoline: every indirect call goes
 * through a retpoline thunk, as in a kernel built with
 * CONFIG_MITIGATION_RETPOLINE, so the per-LSM cost of a retpolined
 * indirect call is measured on the real CPU.
 */
#ifndef HOOKBENCH_CSTRATEGIES_RETPOLINE_H
#define HOOKBENCH_CSTRATEGIES_RETPOLINE_H

#include <stdbool.h>
#include <stdint.h>

bool hb_retpoline_parent_walk_namespaced(const void *_Nonnull cred, long part_offset, uint64_t request);
bool hb_retpoline_parent_walk_global(const void *_Nonnull cred, long part_offset, uint64_t request);
int32_t hb_retpoline_hlist_check(const void *_Nullable heads, const void *_Nullable cred, int32_t hook, const void *_Nullable object);

#endif
