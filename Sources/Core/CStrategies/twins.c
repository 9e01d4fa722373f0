#include "CStrategies.h"

#define HB_TWIN(name) hb_##name
#include "twins_impl.h"

