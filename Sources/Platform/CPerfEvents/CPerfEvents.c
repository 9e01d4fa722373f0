// syscall(2) is a GNU/BSD extension, hidden under strict ISO C modes.
#define _GNU_SOURCE

// The kernel's own perf_event.h must come first: libpfm's copy of the
// perf_event ABI then steps aside, so libpfm fills the struct the kernel reads.
#include <linux/perf_event.h>
#include <perfmon/pfmlib_perf_event.h>

#include "CPerfEvents.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

_Static_assert(HB_PFM_SUCCESS == PFM_SUCCESS, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_NOTSUPP == PFM_ERR_NOTSUPP, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_INVAL == PFM_ERR_INVAL, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_NOINIT == PFM_ERR_NOINIT, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_NOTFOUND == PFM_ERR_NOTFOUND, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_FEATCOMB == PFM_ERR_FEATCOMB, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_UMASK == PFM_ERR_UMASK, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_NOMEM == PFM_ERR_NOMEM, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_ATTR == PFM_ERR_ATTR, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_ATTR_VAL == PFM_ERR_ATTR_VAL, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_ATTR_SET == PFM_ERR_ATTR_SET, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_TOOMANY == PFM_ERR_TOOMANY, "pfmlib.h changed");
_Static_assert(HB_PFM_ERR_TOOSMALL == PFM_ERR_TOOSMALL, "pfmlib.h changed");

static pthread_once_t pfm_once = PTHREAD_ONCE_INIT;
static int pfm_init_status = PFM_ERR_NOINIT;
// libpfm documents no thread-safety guarantee for encoding, and Swift callers
// (tests in particular) run concurrently, so encodings are serialised.
static pthread_mutex_t pfm_encode_lock = PTHREAD_MUTEX_INITIALIZER;

static void pfm_initialize_once(void) {
    pfm_init_status = pfm_initialize();
}

int hb_pfm_initialize(void) {
    pthread_once(&pfm_once, pfm_initialize_once);
    return pfm_init_status;
}

const char *hb_pfm_strerror(int code) {
    return pfm_strerror(code);
}

int hb_encode_event(const char *name, unsigned int privilege_mask,
                    struct perf_event_attr *attr,
                    char *fully_qualified_name, size_t capacity) {
    if (name == NULL || attr == NULL) {
        return PFM_ERR_INVAL;
    }
    int status = hb_pfm_initialize();
    if (status != PFM_SUCCESS) {
        return status;
    }

    int plm = 0;
    if (privilege_mask & HB_COUNT_USER) {
        plm |= PFM_PLM3;
    }
    if (privilege_mask & HB_COUNT_KERNEL) {
        plm |= PFM_PLM0;
    }

    memset(attr, 0, sizeof(*attr));
    char *fstr = NULL;
    pfm_perf_encode_arg_t arg;
    memset(&arg, 0, sizeof(arg));
    arg.attr = attr;
    arg.fstr = &fstr;
    arg.size = sizeof(arg);

    pthread_mutex_lock(&pfm_encode_lock);
    status = pfm_get_os_event_encoding(name, plm, PFM_OS_PERF_EVENT_EXT, &arg);
    pthread_mutex_unlock(&pfm_encode_lock);

    if (status == PFM_SUCCESS) {
        // libpfm ignores dfl_plm for events without privilege filtering; the
        // exclude bits make the requested levels hold for every event type.
        attr->exclude_user = (privilege_mask & HB_COUNT_USER) ? 0 : 1;
        attr->exclude_kernel = (privilege_mask & HB_COUNT_KERNEL) ? 0 : 1;
        // libpfm leaves size at 0 (the oldest ABI); state the one we built for.
        attr->size = sizeof(*attr);
        if (fully_qualified_name != NULL && capacity > 0) {
            const char *source = fstr != NULL ? fstr : name;
            size_t length = strlen(source);
            if (length >= capacity) {
                length = capacity - 1;
            }
            memcpy(fully_qualified_name, source, length);
            fully_qualified_name[length] = '\0';
        }
    }
    free(fstr);
    return status;
}

void hb_configure_group_counting(struct perf_event_attr *attr, int is_leader) {
    attr->size = sizeof(*attr);
    attr->disabled = is_leader ? 1 : 0;
    attr->inherit = 0;
    attr->pinned = 0;
    attr->freq = 0;
    attr->sample_period = 0;
    attr->sample_type = 0;
    attr->read_format = HB_GROUP_READ_FORMAT;
}

int hb_perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu,
                       int group_fd) {
    long fd = syscall(SYS_perf_event_open, attr, pid, cpu, group_fd,
                      PERF_FLAG_FD_CLOEXEC);
    return fd < 0 ? -errno : (int)fd;
}

int hb_group_reset(int leader_fd) {
    return ioctl(leader_fd, PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP) < 0 ? -errno : 0;
}

int hb_leader_enable(int leader_fd) {
    return ioctl(leader_fd, PERF_EVENT_IOC_ENABLE, 0) < 0 ? -errno : 0;
}

int hb_leader_disable(int leader_fd) {
    return ioctl(leader_fd, PERF_EVENT_IOC_DISABLE, 0) < 0 ? -errno : 0;
}

int hb_event_id(int fd, uint64_t *id) {
    return ioctl(fd, PERF_EVENT_IOC_ID, id) < 0 ? -errno : 0;
}

long hb_read_group(int leader_fd, uint64_t *words, size_t capacity_words) {
    ssize_t bytes;
    do {
        bytes = read(leader_fd, words, capacity_words * sizeof(uint64_t));
    } while (bytes < 0 && errno == EINTR);
    if (bytes < 0) {
        return -errno;
    }
    return (long)(bytes / (ssize_t)sizeof(uint64_t));
}
