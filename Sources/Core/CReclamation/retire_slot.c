#include "CReclamation.h"

_Thread_local void *hb_thread_retire_slot;
