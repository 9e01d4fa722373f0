/*
 * The system calls `hookbench kernel` times, and the Landlock and
 * user-namespace set-up around them (see include/CKernelProbes.h). Code
 * that runs in a forked child of the (possibly multi-threaded) Swift
 * process calls only async-signal-safe functions: raw syscalls, open,
 * write, close, _exit; numbers are formatted by hand, not by snprintf.
 */
#define _GNU_SOURCE
#include "CKernelProbes.h"
#include "CHarness.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if __has_include(<linux/landlock.h>)
#include <linux/landlock.h>
#endif
#if __has_include(<linux/bpf.h>)
#include <linux/bpf.h>
#define HBK_HAVE_BPF_H 1
#endif

/* Syscall numbers glibc may not know (x86-64 values; the same on every
 * architecture using the generic table). */
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif
#ifndef __NR_lsm_list_modules
#define __NR_lsm_list_modules 461
#endif

#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#endif
#ifndef LANDLOCK_RULE_PATH_BENEATH
#define LANDLOCK_RULE_PATH_BENEATH 1
#endif
/* The UAPI structs, under our own names so they never clash with the
 * header's (their layout is fixed by the ABI). */
struct hbk_ruleset_attr {
    uint64_t handled_access_fs;
};
struct hbk_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

static inline int negative_errno(long result) { return result < 0 ? -errno : 0; }

int hbk_empty(const hbk_context *context) {
    (void)context;
    return 0;
}

int hbk_null_syscall(const hbk_context *context) {
    (void)context;
    return negative_errno(syscall(SYS_getppid));
}

int hbk_open_close(const hbk_context *context) {
    int fd = openat(AT_FDCWD, context->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    close(fd);
    return 0;
}

int hbk_stat(const hbk_context *context) {
    struct stat status;
    return negative_errno(fstatat(AT_FDCWD, context->path, &status, 0));
}

int hbk_read(const hbk_context *context) {
    return negative_errno(pread(context->fd, context->buffer, 1, 0));
}

int hbk_kill(const hbk_context *context) {
    return negative_errno(kill(context->pid, 0));
}

uint64_t hbk_time_batch(hbk_operation operation, const hbk_context *context, uint32_t calls, int use_tsc,
                        int *first_error) {
    int error = 0;
    uint64_t begin = use_tsc ? hb_tsc_start() : hb_monotonic_raw_ns();
    for (uint32_t index = 0; index < calls; index++) {
        int result = operation(context);
        if (result != 0 && error == 0) error = result;
    }
    uint64_t end = use_tsc ? hb_tsc_stop() : hb_monotonic_raw_ns();
    *first_error = error;
    return end - begin;
}

/* ---- Landlock ---- */

int hbk_landlock_abi_version(void) {
    long version = syscall(__NR_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return version < 0 ? -errno : (int)version;
}

int hbk_set_no_new_privs(void) {
    return negative_errno(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
}

int hbk_landlock_add_layer(const char *root, uint64_t handled, uint64_t allowed, int *step) {
    struct hbk_ruleset_attr ruleset = {.handled_access_fs = handled};
    *step = 1;
    long ruleset_fd = syscall(__NR_landlock_create_ruleset, &ruleset, sizeof ruleset, 0);
    if (ruleset_fd < 0) return -errno;
    *step = 2;
    int root_fd = open(root, O_PATH | O_CLOEXEC);
    if (root_fd < 0) {
        int error = -errno;
        close((int)ruleset_fd);
        return error;
    }
    struct hbk_path_beneath_attr rule = {.allowed_access = allowed, .parent_fd = root_fd};
    *step = 3;
    int result = 0;
    if (syscall(__NR_landlock_add_rule, (int)ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) != 0) {
        result = -errno;
    } else {
        *step = 4;
        if (syscall(__NR_landlock_restrict_self, (int)ruleset_fd, 0) != 0) result = -errno;
    }
    close(root_fd);
    close((int)ruleset_fd);
    if (result == 0) *step = 0;
    return result;
}

/* ---- user namespaces (forked children only: async-signal-safe) ---- */

/* "0 <outer> 1\n" into buffer; returns its length. */
static int format_map(char *buffer, unsigned outer) {
    char digits[16];
    int count = 0;
    do {
        digits[count++] = (char)('0' + outer % 10);
        outer /= 10;
    } while (outer > 0);
    int length = 0;
    buffer[length++] = '0';
    buffer[length++] = ' ';
    while (count > 0) buffer[length++] = digits[--count];
    buffer[length++] = ' ';
    buffer[length++] = '1';
    buffer[length++] = '\n';
    return length;
}

static int write_file(const char *path, const char *text, int length) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    ssize_t written = write(fd, text, (size_t)length);
    int error = written < 0 ? -errno : (written == length ? 0 : -EIO);
    close(fd);
    return error;
}

/* One more user namespace, mapping the caller's uid and gid to 0 inside
 * (so the next level may be created: a namespace whose creator's ids are
 * unmapped cannot have children). */
static int enter_user_namespace(int *step) {
    unsigned uid = (unsigned)getuid(), gid = (unsigned)getgid();
    *step = HBK_STEP_NEST_UNSHARE;
    if (unshare(CLONE_NEWUSER) != 0) return -errno;
    *step = HBK_STEP_NEST_MAP;
    char map[32];
    int error = write_file("/proc/self/uid_map", map, format_map(map, uid));
    if (error == 0) error = write_file("/proc/self/setgroups", "deny", 4);
    if (error == 0) error = write_file("/proc/self/gid_map", map, format_map(map, gid));
    if (error == 0) *step = 0;
    return error;
}

struct creation_record {
    int step;
    int error;
    int measured;
    uint64_t ticks[];
};

int hbk_userns_creation(int depth, int count, int use_tsc, uint64_t *ticks, int *step) {
    size_t size = sizeof(struct creation_record) + sizeof(uint64_t) * (size_t)count;
    struct creation_record *record = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (record == MAP_FAILED) {
        *step = HBK_STEP_FORK;
        return -errno;
    }
    memset(record, 0, size);
    pid_t nested = fork();
    if (nested < 0) {
        int error = -errno;
        munmap(record, size);
        *step = HBK_STEP_FORK;
        return error;
    }
    if (nested == 0) {
        for (int level = 0; level < depth; level++) {
            int error = enter_user_namespace(&record->step);
            if (error != 0) {
                record->error = error;
                _exit(1);
            }
        }
        for (int index = 0; index < count; index++) {
            pid_t child = fork();
            if (child < 0) {
                record->step = HBK_STEP_FORK;
                record->error = -errno;
                _exit(1);
            }
            if (child == 0) {
                /* Touch the timer and the result slot first, so no page
                 * fault of this fresh copy lands in the window. */
                volatile uint64_t warm = use_tsc ? hb_tsc_start() : hb_monotonic_raw_ns();
                record->ticks[index] = warm & 0;
                uint64_t begin = use_tsc ? hb_tsc_start() : hb_monotonic_raw_ns();
                long result = unshare(CLONE_NEWUSER);
                uint64_t end = use_tsc ? hb_tsc_stop() : hb_monotonic_raw_ns();
                if (result != 0) {
                    record->step = HBK_STEP_TIMED_UNSHARE;
                    record->error = -errno;
                    _exit(1);
                }
                record->ticks[index] = end - begin;
                _exit(0);
            }
            int status = 0;
            while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
            if (record->error != 0) _exit(1);
            record->measured = index + 1;
        }
        _exit(0);
    }
    int status = 0;
    while (waitpid(nested, &status, 0) < 0 && errno == EINTR) {}
    int result;
    if (record->error != 0) {
        *step = record->step;
        result = record->error;
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || record->measured != count) {
        *step = HBK_STEP_CHILD_DIED;
        result = -ECHILD;
    } else {
        memcpy(ticks, record->ticks, sizeof(uint64_t) * (size_t)count);
        *step = 0;
        result = count;
    }
    munmap(record, size);
    return result;
}

int hbk_spawn_nested_task(int depth, int uid, int *step) {
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) != 0) {
        *step = HBK_STEP_PIPE;
        return -errno;
    }
    pid_t child = fork();
    if (child < 0) {
        int error = -errno;
        close(ready[0]);
        close(ready[1]);
        *step = HBK_STEP_FORK;
        return error;
    }
    if (child == 0) {
        close(ready[0]);
        int report[2] = {0, 0};
        if (uid >= 0) {
            if (setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) != 0 || setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0) {
                report[0] = HBK_STEP_SETUID;
                report[1] = -errno;
            } else {
                /* A changed uid makes the task undumpable, which leaves
                 * /proc/self/uid_map owned by root and unwritable. */
                prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
            }
        }
        for (int level = 0; level < depth && report[1] == 0; level++) {
            report[1] = enter_user_namespace(&report[0]);
        }
        if (write(ready[1], report, sizeof report) != (ssize_t)sizeof report) _exit(1);
        if (report[1] != 0) _exit(1);
        for (;;) pause();
    }
    close(ready[1]);
    int report[2] = {0, 0};
    ssize_t got;
    do { got = read(ready[0], report, sizeof report); } while (got < 0 && errno == EINTR);
    close(ready[0]);
    if (got != (ssize_t)sizeof report || report[1] != 0) {
        hbk_end_child(child);
        *step = got == (ssize_t)sizeof report ? report[0] : HBK_STEP_CHILD_DIED;
        return got == (ssize_t)sizeof report ? report[1] : -ECHILD;
    }
    *step = 0;
    return child;
}

void hbk_end_child(int pid) {
    kill(pid, SIGKILL);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
}

/* ---- what is loaded ---- */

int hbk_lsm_list_modules(uint64_t *ids, int capacity) {
    uint32_t size = (uint32_t)(sizeof(uint64_t) * (size_t)capacity);
    long count = syscall(__NR_lsm_list_modules, ids, &size, 0);
    return count < 0 ? -errno : (int)count;
}

int hbk_bpf_prog_load_probe(void) {
#ifdef HBK_HAVE_BPF_H
    struct bpf_insn program[2];
    memset(program, 0, sizeof program);
    program[0].code = BPF_ALU64 | BPF_MOV | BPF_K; /* r0 = 0 */
    program[1].code = BPF_JMP | BPF_EXIT;
    static const char license[] = "GPL";
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.prog_type = BPF_PROG_TYPE_LSM;
    attr.expected_attach_type = BPF_LSM_MAC;
    attr.insns = (uint64_t)(uintptr_t)program;
    attr.insn_cnt = 2;
    attr.license = (uint64_t)(uintptr_t)license;
    /* No attach_btf_id: a kernel that lets the caller load LSM programs
     * stops at EINVAL; one that forbids them says EPERM first. */
    long fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof attr);
    if (fd < 0) return -errno;
    close((int)fd);
    return 0;
#else
    return -ENOSYS;
#endif
}
