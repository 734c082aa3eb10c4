#include "resourcelimits.h"

#include <sys/resource.h>

bool ResourceLimits::raiseOpenFileLimit(qint64* soft)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return false;
    bool ok = true;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
        else
            ok = false;
    }
    if (soft)
        *soft = limit.rlim_cur == RLIM_INFINITY ? -1 : qint64(limit.rlim_cur);
    return ok;
}
