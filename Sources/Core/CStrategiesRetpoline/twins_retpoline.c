#include "../CStrategies/include/CStrategies.h"
#include "CStrategiesRetpoline.h"

/* Only hlist has a retpolined twin (hlist-c-retpoline): its indirect call
 * per LSM is what retpolines make dearer. */
#define HB_TWINS_HLIST_ONLY
#define HB_TWIN(name) hb_retpoline_##name
#include "../CStrategies/twins_impl.h"
