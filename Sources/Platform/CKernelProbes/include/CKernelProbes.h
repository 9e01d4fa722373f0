/*
 * CKernelProbes: the system calls `hookbench kernel` times and the set-up
 * around them, where Swift cannot (or should not) make them itself:
 *
 *  - the syscalls that fire the modelled LSM hooks, each as a function of
 *    one context so a timed batch calls them through one pointer;
 *  - Landlock, which glibc does not wrap (landlock_create_ruleset,
 *    landlock_add_rule, landlock_restrict_self by syscall number);
 *  - nested user namespaces, which only a single-threaded process may
 *    create: every unshare(CLONE_NEWUSER) happens in a forked child that
 *    calls nothing but async-signal-safe functions.
 *
 * Every function returns 0 (or a count) on success and a negative errno on
 * failure; the functions with several steps also say which step failed.
 */
#ifndef HOOKBENCH_CKERNELPROBES_H
#define HOOKBENCH_CKERNELPROBES_H

#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Landlock UAPI (stable; defined here when linux/landlock.h is absent). */
#define HBK_LANDLOCK_ACCESS_FS_READ_FILE (1ULL << 2)
#define HBK_LANDLOCK_ACCESS_FS_READ_DIR (1ULL << 3)

/* What one timed call gets: a path, an open descriptor, a pid, a buffer. */
typedef struct hbk_context {
    const char *path;
    int fd;
    int pid;
    char *buffer;
} hbk_context;

/* One timed operation: 0 or a negative errno. */
typedef int (*hbk_operation)(const hbk_context *context);

int hbk_empty(const hbk_context *context);
int hbk_null_syscall(const hbk_context *context);   /* syscall(SYS_getppid) */
int hbk_open_close(const hbk_context *context);    /* openat(AT_FDCWD, path, O_RDONLY) + close */
int hbk_stat(const hbk_context *context);          /* fstatat(AT_FDCWD, path) */
int hbk_read(const hbk_context *context);          /* pread(fd, buffer, 1, 0) */
int hbk_kill(const hbk_context *context);          /* kill(pid, 0) */

/* `calls` calls of `operation` between two ordered timer reads (TSC when
 * use_tsc, else CLOCK_MONOTONIC_RAW ns); returns the elapsed ticks. The
 * first failure's negative errno goes to *first_error (0 when none). */
uint64_t hbk_time_batch(hbk_operation operation, const hbk_context *context, uint32_t calls, int use_tsc,
                        int *first_error);

/* Landlock. */
int hbk_landlock_abi_version(void);                /* >= 1, or -errno */
int hbk_set_no_new_privs(void);
/* One more domain: a ruleset handling `handled`, one path-beneath rule on
 * `root` allowing `allowed`, then landlock_restrict_self. *step is 1
 * (create_ruleset), 2 (open root), 3 (add_rule) or 4 (restrict_self) when
 * a step fails. */
int hbk_landlock_add_layer(const char *root, uint64_t handled, uint64_t allowed, int *step);

/* Steps of the user-namespace functions, for *step. */
enum {
    HBK_STEP_FORK = 1,
    HBK_STEP_SETUID = 2,
    HBK_STEP_NEST_UNSHARE = 3,
    HBK_STEP_NEST_MAP = 4,
    HBK_STEP_TIMED_UNSHARE = 5,
    HBK_STEP_PIPE = 6,
    HBK_STEP_CHILD_DIED = 7,
};

/* In a fresh forked child: enter `depth` nested user namespaces (each
 * mapping its own uid and gid), then fork `count` children, each timing one
 * unshare(CLONE_NEWUSER). Writes the ticks to `ticks`; returns how many
 * were measured (count), or -errno with *step set. */
int hbk_userns_creation(int depth, int count, int use_tsc, uint64_t *ticks, int *step);

/* A forked child that takes uid and gid `uid` (when uid >= 0), enters
 * `depth` nested user namespaces and waits. Returns its pid, or -errno
 * with *step set. End it with hbk_end_child. */
int hbk_spawn_nested_task(int depth, int uid, int *step);
void hbk_end_child(int pid);

/* The LSMs the kernel reports through lsm_list_modules(2) (6.8 and
 * later): up to `capacity` ids; returns how many, or -errno. */
int hbk_lsm_list_modules(uint64_t *ids, int capacity);
/* BPF_PROG_LOAD of a two-instruction BPF_PROG_TYPE_LSM program without
 * an attach target: -EINVAL where LSM programs may be loaded, -EPERM where
 * they may not. */
int hbk_bpf_prog_load_probe(void);

#ifdef __cplusplus
}
#endif

#endif
