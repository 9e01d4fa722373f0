/*
 * CNUMA: thin wrappers over libnuma and Linux memory/affinity syscalls.
 *
 * libnuma's own headers expose macros, bitmask structs and variadic-free but
 * pointer-heavy signatures that Swift imports awkwardly; these wrappers take
 * and return plain integers and int arrays instead. Functions that can fail
 * report failure as an errno value (0 = success) or a negative errno, as each
 * comment says, so Swift never has to read the thread-local errno itself.
 *
 * The hb_numa_* functions other than hb_numa_available() must only be called
 * after hb_numa_available() returned >= 0 (libnuma's documented contract).
 */
#ifndef CNUMA_H
#define CNUMA_H

#include <stddef.h>
#include <stdint.h>

/* ---- libnuma queries ---------------------------------------------------- */

/* numa_available(): -1 when the kernel has no NUMA support. */
int hb_numa_available(void);

/* Highest node number the kernel knows (numa_max_node()). */
int hb_numa_max_node(void);

/* Number of memory nodes configured in the system (numa_num_configured_nodes()). */
int hb_numa_configured_node_count(void);

/* 1 when node exists in the system node mask (numa_nodes_ptr), else 0. */
int hb_numa_node_exists(int node);

/* Total and free bytes of a node (numa_node_size64). Returns 0, or -1 when the
 * node's meminfo cannot be read. */
int hb_numa_node_memory(int node, int64_t *total_bytes, int64_t *free_bytes);

/* Number of CPU ids the kernel may report (numa_num_possible_cpus()); use it
 * as the capacity of the arrays passed below. */
int hb_numa_possible_cpu_count(void);

/* CPUs of a node in ascending order. Writes at most capacity ids and returns
 * how many the node has (which may exceed capacity), or -errno. */
int hb_numa_node_cpus(int node, int *cpus, int capacity);

/* CPUs this process may run on as libnuma saw them at start-up
 * (numa_all_cpus_ptr, i.e. cpuset/taskset restrictions). Same return
 * convention as hb_numa_node_cpus. */
int hb_numa_allowed_cpus(int *cpus, int capacity);

/* numa_distance(): 10 for a node with itself by ACPI SLIT convention, 0 when
 * the kernel reports no distance information. */
int hb_numa_distance(int from_node, int to_node);

/* ---- thread affinity ---------------------------------------------------- */

/* Restricts the calling thread to exactly one CPU. Returns 0 or an errno. */
int hb_bind_current_thread_to_cpu(int cpu);

/* CPUs in the calling thread's affinity mask, ascending. Writes at most
 * capacity ids and returns how many there are, or -errno. */
int hb_current_thread_cpus(int *cpus, int capacity);

/* ---- node-bound memory -------------------------------------------------- */

/* System page size in bytes (sysconf(_SC_PAGESIZE)). */
long hb_system_page_size(void);

/* Maps length bytes (a multiple of the page size) of private anonymous
 * read/write memory whose start is a multiple of alignment (a power of two;
 * raised to the page size when smaller). One inaccessible guard page sits on
 * each side so the kernel never merges the mapping with a neighbour, which
 * keeps its /proc/self/smaps entry describing exactly this region.
 * Returns the start, or NULL with *error_out set to an errno. Nothing is
 * faulted in. */
void *hb_map_region(size_t length, size_t alignment, int *error_out);

/* Unmaps a region returned by hb_map_region, guard pages included.
 * Returns 0 or an errno. */
int hb_unmap_region(void *start, size_t length);

/* mbind(MPOL_BIND) of [start, start + length) to one node: pages faulted
 * afterwards come from that node only. Returns 0 or an errno. */
int hb_bind_region_to_node(void *start, size_t length, int node);

/* madvise(MADV_HUGEPAGE) when huge != 0, else madvise(MADV_NOHUGEPAGE).
 * Returns 0 or an errno. */
int hb_advise_huge_pages(void *start, size_t length, int huge);

/* move_pages(0, count, pages, NULL, status, 0): moves nothing, fills status[i]
 * with the node holding pages[i], or a negative errno for that page
 * (-ENOENT when not faulted in). Returns 0 or -errno for the whole call. */
long hb_query_page_nodes(void **pages, unsigned long count, int *status);

#endif /* CNUMA_H */
