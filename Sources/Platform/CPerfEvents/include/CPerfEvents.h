// Thin C layer between Swift and two interfaces Swift cannot call comfortably:
// libpfm4 (event name -> struct perf_event_attr) and the perf_event_open(2)
// syscall with its ioctls, which are variadic or macro-based in C.
//
// Every function returns plain status codes (libpfm codes or negated errno)
// instead of touching errno, so the Swift side never races on a thread-local
// that another call may have overwritten.
#ifndef CPERFEVENTS_H
#define CPERFEVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/perf_event.h>

#ifdef __cplusplus
extern "C" {
#endif

// Privilege levels to count, combined with bitwise or. Mapped onto libpfm's
// PFM_PLM3 (user) and PFM_PLM0 (kernel) and onto exclude_user/exclude_kernel.
#define HB_COUNT_USER 0x1u
#define HB_COUNT_KERNEL 0x2u

// libpfm status codes the Swift side tells apart. The values mirror pfmlib.h
// (which Swift does not import) and are checked against it at compile time.
#define HB_PFM_SUCCESS 0
#define HB_PFM_ERR_NOTSUPP -1
#define HB_PFM_ERR_INVAL -2
#define HB_PFM_ERR_NOINIT -3
#define HB_PFM_ERR_NOTFOUND -4
#define HB_PFM_ERR_FEATCOMB -5
#define HB_PFM_ERR_UMASK -6
#define HB_PFM_ERR_NOMEM -7
#define HB_PFM_ERR_ATTR -8
#define HB_PFM_ERR_ATTR_VAL -9
#define HB_PFM_ERR_ATTR_SET -10
#define HB_PFM_ERR_TOOMANY -11
#define HB_PFM_ERR_TOOSMALL -12

// Layout of a group read with HB_GROUP_READ_FORMAT, in 64-bit words:
//   nr, time_enabled, time_running, then nr pairs of (value, id).
#define HB_GROUP_READ_HEADER_WORDS 3
#define HB_GROUP_READ_WORDS_PER_EVENT 2
#define HB_GROUP_READ_FORMAT \
    (PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED | \
     PERF_FORMAT_TOTAL_TIME_RUNNING | PERF_FORMAT_ID)

// Initialises libpfm4 once per process; later calls return the first result.
int hb_pfm_initialize(void);

// Static English description of a libpfm status code.
const char *hb_pfm_strerror(int code);

// Encodes one libpfm4 event name (umasks and modifiers allowed, privilege
// modifiers excluded: pass them as privilege_mask) into *attr, which is
// zeroed first. On success the fully qualified name libpfm resolved is copied
// into fully_qualified_name (truncated to capacity, always NUL-terminated,
// may be NULL when capacity is 0). Returns a HB_PFM_* code.
int hb_encode_event(const char *name, unsigned int privilege_mask,
                    struct perf_event_attr *attr,
                    char *fully_qualified_name, size_t capacity);

// Turns an encoded attr into a pure counting member of a group: no sampling,
// not inherited, read_format = HB_GROUP_READ_FORMAT. Only the leader is
// disabled at open; the other members stay enabled and therefore count
// exactly when the leader does, which keeps the whole group off until
// hb_leader_enable.
void hb_configure_group_counting(struct perf_event_attr *attr, int is_leader);

// perf_event_open(2) with O_CLOEXEC. Returns the new fd or -errno.
int hb_perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu,
                       int group_fd);

// Zeroes the counts of the leader and every member (PERF_IOC_FLAG_GROUP).
// The enabled/running times are not reset. Returns 0 or -errno.
int hb_group_reset(int leader_fd);

// Switch the group on and off through its leader alone; the members follow
// because the kernel schedules a group only while its leader is enabled.
// PERF_IOC_FLAG_GROUP is deliberately not used here: it disables and
// re-enables every member one by one, and on Linux 6.1 a software clock
// member (perf::TASK-CLOCK, perf::CPU-CLOCK) re-enabled that way counts
// nothing in every window after the first. Each returns 0 or -errno.
int hb_leader_enable(int leader_fd);
int hb_leader_disable(int leader_fd);

// Kernel-assigned id of an event (PERF_EVENT_IOC_ID), used to match the
// values of a group read to the events. Returns 0 or -errno.
int hb_event_id(int fd, uint64_t *id);

// Reads the whole group through its leader into words (capacity in 64-bit
// words). Returns the number of words read or -errno.
long hb_read_group(int leader_fd, uint64_t *words, size_t capacity_words);

#ifdef __cplusplus
}
#endif

#endif
