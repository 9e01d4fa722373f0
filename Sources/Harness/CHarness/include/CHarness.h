/*
 * CHarness: the few instructions a timing harness needs that Swift cannot
 * express directly: ordered time-stamp-counter reads, CPUID feature
 * probes, a raw monotonic clock, cache-line flushes, fences, "keep this
 * value alive" barriers that stop the optimiser from deleting a measured
 * loop, and the empty check and opaque zero every timed point is measured
 * against.
 *
 * Everything but the last two is `static inline` so that Swift's Clang
 * importer can inline the bodies into the caller: a timer read that costs
 * a function call would add its own overhead to every measurement. The
 * empty check is called through a pointer exactly as a strategy's entry
 * is, so it must be a real function (CHarness.c).
 *
 * Portability: on x86-64 the TSC and CPUID paths are real. Elsewhere the
 * TSC reads fall back to CLOCK_MONOTONIC_RAW nanoseconds, the CPUID probes
 * report "absent", and the flush is either the architecture's own
 * clean-and-invalidate (AArch64) or reported as unavailable.
 */
#ifndef HOOKBENCH_CHARNESS_H
#define HOOKBENCH_CHARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* CLOCK_MONOTONIC_RAW is not slewed by NTP, so its rate is the hardware
 * oscillator's: the right reference for calibrating the TSC. Systems that
 * lack it get the ordinary monotonic clock. */
#if defined(CLOCK_MONOTONIC_RAW)
#define HB_RAW_CLOCK CLOCK_MONOTONIC_RAW
#else
#define HB_RAW_CLOCK CLOCK_MONOTONIC
#endif

/* Nanoseconds from CLOCK_MONOTONIC_RAW (or CLOCK_MONOTONIC where RAW does
 * not exist). The epoch is arbitrary; only differences are meaningful. */
static inline uint64_t hb_monotonic_raw_ns(void) {
    struct timespec ts;
    clock_gettime(HB_RAW_CLOCK, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* True when this build reads a real time-stamp counter (x86-64). */
static inline bool hb_arch_has_tsc(void) {
#if defined(__x86_64__)
    return true;
#else
    return false;
#endif
}

/* Start of a timed region. The LFENCE before RDTSC waits until every
 * earlier instruction has completed locally, so work before the region
 * cannot leak into it. (On AMD, LFENCE is dispatch-serialising only when
 * the kernel sets MSR C001_1029[1], which Linux does since the Spectre
 * mitigations.) Without x86-64: CLOCK_MONOTONIC_RAW nanoseconds. */
static inline uint64_t hb_tsc_start(void) {
#if defined(__x86_64__)
    uint32_t lo, hi;
    __asm__ __volatile__("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
    return ((uint64_t)hi << 32) | lo;
#else
    return hb_monotonic_raw_ns();
#endif
}

/* End of a timed region. RDTSCP waits for all earlier instructions to
 * execute before reading the counter, and the LFENCE after it keeps later
 * instructions from starting before the read. Requires RDTSCP (check
 * hb_cpu_has_rdtscp first): executing it on a CPU without the instruction
 * raises SIGILL. Without x86-64: CLOCK_MONOTONIC_RAW nanoseconds. */
static inline uint64_t hb_tsc_stop(void) {
#if defined(__x86_64__)
    uint32_t lo, hi, aux;
    __asm__ __volatile__("rdtscp\n\tlfence" : "=a"(lo), "=d"(hi), "=c"(aux) : : "memory");
    (void)aux;
    return ((uint64_t)hi << 32) | lo;
#else
    return hb_monotonic_raw_ns();
#endif
}

/* CPUID 0x80000007 EDX bit 8: the TSC ticks at a constant rate in every
 * P-, C- and T-state, so TSC ticks convert to time with a single factor. */
static inline bool hb_cpu_has_invariant_tsc(void) {
#if defined(__x86_64__)
    unsigned int eax, ebx, ecx, edx;
    /* __get_cpuid checks the maximum extended leaf before querying. */
    if (!__get_cpuid(0x80000007u, &eax, &ebx, &ecx, &edx)) {
        return false;
    }
    return (edx >> 8) & 1u;
#else
    return false;
#endif
}

/* CPUID 0x80000001 EDX bit 27: the RDTSCP instruction exists. */
static inline bool hb_cpu_has_rdtscp(void) {
#if defined(__x86_64__)
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(0x80000001u, &eax, &ebx, &ecx, &edx)) {
        return false;
    }
    return (edx >> 27) & 1u;
#else
    return false;
#endif
}

/* True when hb_clflush really evicts the line on this architecture. */
static inline bool hb_can_flush_cache_line(void) {
#if defined(__x86_64__) || defined(__aarch64__)
    return true;
#else
    return false;
#endif
}

/* Write back and evict the cache line holding `address` from every level
 * of the hierarchy. Follow with hb_mfence when the flush must be complete
 * before a later load is timed. */
static inline void hb_clflush(const void *address) {
#if defined(__x86_64__)
    __asm__ __volatile__("clflush (%0)" : : "r"(address) : "memory");
#elif defined(__aarch64__)
    __asm__ __volatile__("dc civac, %0" : : "r"(address) : "memory");
#else
    (void)address;
#endif
}

/* CPUID leaf 7 (sub-leaf 0) EBX bit 23: CLFLUSHOPT exists. Unlike
 * CLFLUSH, whose instances are ordered with each other (on some hosts each
 * waits for a full memory round trip), CLFLUSHOPTs to different lines may
 * overlap; an MFENCE after them waits until all are done. */
static inline bool hb_cpu_has_clflushopt(void) {
#if defined(__x86_64__)
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid_count(7u, 0u, &eax, &ebx, &ecx, &edx)) {
        return false;
    }
    return (ebx >> 23) & 1u;
#else
    return false;
#endif
}

/* Write back and evict the line holding `address`, unordered with other
 * flushes (hb_cpu_has_clflushopt must be true); follow with hb_mfence.
 * Elsewhere the same as hb_clflush. */
static inline void hb_clflushopt(const void *address) {
#if defined(__x86_64__)
    __asm__ __volatile__("clflushopt (%0)" : : "r"(address) : "memory");
#else
    hb_clflush(address);
#endif
}

/* Full memory fence: every earlier load and store is globally visible
 * before any later one (orders CLFLUSH on x86-64). */
static inline void hb_mfence(void) {
#if defined(__x86_64__)
    __asm__ __volatile__("mfence" : : : "memory");
#elif defined(__aarch64__)
    __asm__ __volatile__("dsb ish" : : : "memory");
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/* Compiler-only barrier: the optimiser may not move memory accesses
 * across it nor assume memory is unchanged after it. Emits no instruction. */
static inline void hb_compiler_barrier(void) {
    __asm__ __volatile__("" : : : "memory");
}

/* The following tell the optimiser that `value` is read by code it cannot
 * see, so the computation producing it must happen. They emit no
 * instruction. The "r,m" alternative lets the compiler keep the value
 * wherever it already is. */
static inline void hb_keep_alive_u64(uint64_t value) {
    __asm__ __volatile__("" : : "r,m"(value) : "memory");
}

static inline void hb_keep_alive_pointer(const void *value) {
    __asm__ __volatile__("" : : "r,m"(value) : "memory");
}

/* The empty baseline: the same call as a strategy's check entry
 * (context, cred, hook, object), doing no work. Subtracting it
 * removes the timer reads, the call and the loop, and nothing else. */
int32_t hb_empty_check(const void *context, const void *cred, int32_t hook, const void *object);

/* An opaque zero: the compiler cannot prove it is zero, so masking a
 * result with it keeps a data dependency the CPU must honour. */
int64_t hb_opaque_zero(void);

/* A check entry as the strategies export it: (context, cred, hook, object). */
typedef int32_t (*hb_check_function)(const void *context, const void *cred, int32_t hook, const void *object);

/* `checks` calls of `function` over `creds` and `objects` (cycling
 * through `count` of them), independent or (dependent != 0) chained through each result
 * masked with `zero`. The window is a function of its own so that an
 * instruction-level simulator (valgrind's callgrind, --toggle-collect)
 * counts exactly its calls; the warm-up is the same loop under another
 * name, so it is not counted. */
int32_t hb_simulated_window(hb_check_function function, const void *context, const void *const *creds,
                            const void *const *objects, long count, int32_t hook, long checks, int dependent, int32_t zero);
int32_t hb_simulated_warmup(hb_check_function function, const void *context, const void *const *creds,
                            const void *const *objects, long count, int32_t hook, long checks, int dependent, int32_t zero);

#ifdef __cplusplus
}
#endif

#endif /* HOOKBENCH_CHARNESS_H */
