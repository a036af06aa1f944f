/* status.c — messages for ys_status. */
#include "core/status.h"

const char *ys_strerror(ys_status st)
{
    switch (st) {
    case YS_OK: return "ok";
    case YS_ERR_NOMEM: return "out of memory";
    case YS_ERR_IO: return "input/output error";
    case YS_ERR_ENCODING: return "unsupported text encoding";
    case YS_ERR_FORMAT: return "malformed input";
    case YS_ERR_USAGE: return "usage error";
    case YS_ERR_RANGE: return "number out of range";
    }
    return "unknown status";
}
