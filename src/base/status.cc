#include "base/status.h"
// Status is header-only; this unit keeps the stage library non-empty.
