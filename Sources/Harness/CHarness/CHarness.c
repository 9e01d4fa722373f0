// The harness primitives that must be real functions; every other
// helper is static inline in include/CHarness.h so callers can inline it.
#include "CHarness.h"

int32_t hb_empty_check(const void *context, const void *cred, int32_t hook, const void *object)
{
	(void)context; (void)cred; (void)hook; (void)object;
	return 0;
}

static volatile int64_t hb_zero;

int64_t hb_opaque_zero(void)
{
	return hb_zero;
}

static inline int32_t hb_checks(hb_check_function function, const void *context, const void *const *creds,
                                const void *const *objects, long count, int32_t hook, long checks, int dependent, int32_t zero)
{
	int32_t sum = 0;
	long index = 0;
	for (long i = 0; i < checks; i++) {
		int32_t result = function(context, creds[index], hook, objects[index]);
		sum += result;
		index += dependent ? 1 + (result & zero) : 1;
		if (index >= count)
			index = 0;
	}
	return sum;
}

__attribute__((noinline))
int32_t hb_simulated_window(hb_check_function function, const void *context, const void *const *creds,
                            const void *const *objects, long count, int32_t hook, long checks, int dependent, int32_t zero)
{
	return hb_checks(function, context, creds, objects, count, hook, checks, dependent, zero);
}

__attribute__((noinline))
int32_t hb_simulated_warmup(hb_check_function function, const void *context, const void *const *creds,
                            const void *const *objects, long count, int32_t hook, long checks, int dependent, int32_t zero)
{
	return hb_checks(function, context, creds, objects, count, hook, checks, dependent, zero);
}
