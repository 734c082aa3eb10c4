#pragma once

#include <QtGlobal>

/// Process resource limits the server adjusts at start.
class ResourceLimits
{
public:
    /**
     * Raises the soft limit on open files (RLIMIT_NOFILE) to the hard limit, so that the
     * connection caps, not the default soft limit (often 1024), bound the connections.
     * @param soft receives the soft limit in effect afterwards (may be null).
     * @return false when getrlimit/setrlimit failed (the limit is then unchanged).
     */
    static bool raiseOpenFileLimit(qint64* soft = nullptr);
};
