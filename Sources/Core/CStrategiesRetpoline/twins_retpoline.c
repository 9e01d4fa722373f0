#include "../CStrategies/include/CStrategies.h"
#include "CStrategiesRetpoline.h"

#define HB_TWIN(name) hb_retpoline_##name
#include "../CStrategies/twins_impl.h"
