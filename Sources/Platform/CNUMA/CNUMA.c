/* Implementation of the CNUMA wrappers; see include/CNUMA.h for contracts. */
#define _GNU_SOURCE
#include "CNUMA.h"

#include <errno.h>
#include <limits.h>
#include <numa.h>
#include <numaif.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int hb_numa_available(void) { return numa_available(); }

int hb_numa_max_node(void) { return numa_max_node(); }

int hb_numa_configured_node_count(void) { return numa_num_configured_nodes(); }

int hb_numa_node_exists(int node) {
    if (node < 0 || numa_nodes_ptr == NULL) return 0;
    if ((unsigned int)node >= numa_nodes_ptr->size) return 0;
    return numa_bitmask_isbitset(numa_nodes_ptr, (unsigned int)node) ? 1 : 0;
}

int hb_numa_node_memory(int node, int64_t *total_bytes, int64_t *free_bytes) {
    long long free_value = 0;
    long long total = numa_node_size64(node, &free_value);
    if (total < 0) return -1;
    *total_bytes = (int64_t)total;
    *free_bytes = (int64_t)free_value;
    return 0;
}

int hb_numa_possible_cpu_count(void) { return numa_num_possible_cpus(); }

/* Copies the set bits of a libnuma bitmask into cpus; returns the bit count. */
static int copy_bits(const struct bitmask *mask, int *cpus, int capacity) {
    int count = 0;
    for (unsigned int bit = 0; bit < mask->size; bit++) {
        if (numa_bitmask_isbitset(mask, bit)) {
            if (count < capacity) cpus[count] = (int)bit;
            count++;
        }
    }
    return count;
}

int hb_numa_node_cpus(int node, int *cpus, int capacity) {
    struct bitmask *mask = numa_allocate_cpumask();
    if (mask == NULL) return -ENOMEM;
    if (numa_node_to_cpus(node, mask) != 0) {
        int saved = errno != 0 ? errno : EINVAL;
        numa_free_cpumask(mask);
        return -saved;
    }
    int count = copy_bits(mask, cpus, capacity);
    numa_free_cpumask(mask);
    return count;
}

int hb_numa_allowed_cpus(int *cpus, int capacity) {
    if (numa_all_cpus_ptr == NULL) return -ENOSYS;
    return copy_bits(numa_all_cpus_ptr, cpus, capacity);
}

int hb_numa_distance(int from_node, int to_node) { return numa_distance(from_node, to_node); }

/* CPU sets sized for the larger of the configured CPU count and the CPU id,
 * so machines with more than CPU_SETSIZE (1024) CPUs work too. */
static int cpu_set_capacity(int at_least) {
    long configured = sysconf(_SC_NPROCESSORS_CONF);
    int capacity = configured > 0 && configured < INT_MAX ? (int)configured : CPU_SETSIZE;
    if (capacity < at_least) capacity = at_least;
    return capacity;
}

int hb_bind_current_thread_to_cpu(int cpu) {
    if (cpu < 0) return EINVAL;
    int capacity = cpu_set_capacity(cpu + 1);
    cpu_set_t *set = CPU_ALLOC(capacity);
    if (set == NULL) return ENOMEM;
    size_t size = CPU_ALLOC_SIZE(capacity);
    CPU_ZERO_S(size, set);
    CPU_SET_S((size_t)cpu, size, set);
    int result = pthread_setaffinity_np(pthread_self(), size, set);
    CPU_FREE(set);
    return result;
}

int hb_current_thread_cpus(int *cpus, int capacity) {
    /* The kernel rejects buffers smaller than its own cpumask with EINVAL,
     * and that size is not exported, so grow until the call succeeds. */
    for (int bits = cpu_set_capacity(CPU_SETSIZE); bits <= (1 << 22); bits *= 2) {
        cpu_set_t *set = CPU_ALLOC(bits);
        if (set == NULL) return -ENOMEM;
        size_t size = CPU_ALLOC_SIZE(bits);
        CPU_ZERO_S(size, set);
        if (sched_getaffinity(0, size, set) != 0) {
            int saved = errno;
            CPU_FREE(set);
            if (saved == EINVAL) continue;
            return -saved;
        }
        int count = 0;
        for (int cpu = 0; cpu < (int)(size * CHAR_BIT); cpu++) {
            if (CPU_ISSET_S((size_t)cpu, size, set)) {
                if (count < capacity) cpus[count] = cpu;
                count++;
            }
        }
        CPU_FREE(set);
        return count;
    }
    return -EINVAL;
}

long hb_system_page_size(void) { return sysconf(_SC_PAGESIZE); }

void *hb_map_region(size_t length, size_t alignment, int *error_out) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (alignment < page) alignment = page;
    if (length == 0 || length % page != 0 || (alignment & (alignment - 1)) != 0) {
        *error_out = EINVAL;
        return NULL;
    }
    if (length > SIZE_MAX - alignment - 2 * page) {
        *error_out = ENOMEM;
        return NULL;
    }
    /* Reserve inaccessible address space with room for alignment and both
     * guard pages, then give back what is not needed. PROT_NONE private
     * mappings are not charged against the overcommit limit; the mprotect
     * below charges exactly the usable part. */
    size_t reserve = length + alignment + 2 * page;
    void *raw = mmap(NULL, reserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
        *error_out = errno;
        return NULL;
    }
    uintptr_t raw_start = (uintptr_t)raw;
    uintptr_t raw_end = raw_start + reserve;
    uintptr_t start = (raw_start + page + alignment - 1) & ~(uintptr_t)(alignment - 1);
    uintptr_t keep_start = start - page;
    uintptr_t keep_end = start + length + page;
    if (keep_start > raw_start) munmap(raw, keep_start - raw_start);
    if (raw_end > keep_end) munmap((void *)keep_end, raw_end - keep_end);
    if (mprotect((void *)start, length, PROT_READ | PROT_WRITE) != 0) {
        *error_out = errno;
        munmap((void *)keep_start, keep_end - keep_start);
        return NULL;
    }
    *error_out = 0;
    return (void *)start;
}

int hb_unmap_region(void *start, size_t length) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (munmap((char *)start - page, length + 2 * page) != 0) return errno;
    return 0;
}

int hb_bind_region_to_node(void *start, size_t length, int node) {
    if (node < 0) return EINVAL;
    const size_t bits_per_word = sizeof(unsigned long) * CHAR_BIT;
    size_t words = (size_t)node / bits_per_word + 1;
    unsigned long *mask = calloc(words, sizeof(unsigned long));
    if (mask == NULL) return ENOMEM;
    mask[(size_t)node / bits_per_word] = 1UL << ((size_t)node % bits_per_word);
    /* The kernel reads maxnode - 1 bits, hence the + 1 (as libnuma does). */
    long result = mbind(start, length, MPOL_BIND, mask, words * bits_per_word + 1, 0);
    int saved = errno;
    free(mask);
    return result == 0 ? 0 : saved;
}

int hb_advise_huge_pages(void *start, size_t length, int huge) {
    if (madvise(start, length, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE) != 0) return errno;
    return 0;
}

long hb_query_page_nodes(void **pages, unsigned long count, int *status) {
    if (move_pages(0, count, pages, NULL, status, 0) != 0) return -(long)errno;
    return 0;
}
