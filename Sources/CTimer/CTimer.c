// SwiftPM builds a C target only when it has at least one source file.
// Every helper lives in include/CTimer.h as a static inline function so
// that callers can inline it; this file only makes the target buildable.
#include "CTimer.h"
