// The calling thread's retire slot. The kernel queues call_rcu callbacks
// per CPU (struct rcu_data), so retiring costs a few stores to memory no
// other CPU writes; hookbench's readers and writer are pinned threads, and
// each finds its own slot through this thread-local pointer.

#ifndef HOOKBENCH_CRECLAMATION_H
#define HOOKBENCH_CRECLAMATION_H

// initial-exec: hookbench's binaries link this in, never dlopen it, so the
// slot is one %fs-relative load, not a call to __tls_get_addr (the default
// for position-independent code).
extern _Thread_local void *hb_thread_retire_slot __attribute__((tls_model("initial-exec")));

static inline void *hb_retire_slot(void) { return hb_thread_retire_slot; }

static inline void hb_set_retire_slot(void *slot) { hb_thread_retire_slot = slot; }

#endif
