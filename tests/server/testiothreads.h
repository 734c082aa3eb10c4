#pragma once

#include "serverconfig.h"

#include <QtGlobal>

/**
 * The I/O thread count of the in-process test servers: `CHAT_TEST_THREADS` when set to a
 * positive number (the `tsan` test preset sets 4, so that ThreadSanitizer sees the I/O
 * threads at work, issue 18), otherwise what @p config says. A test that chose its own
 * count (config->threads != 0, e.g. tst_nativewebsocket's 1 and 2) keeps it.
 */
inline void applyTestIoThreads(ServerConfig* config)
{
    bool ok = false;
    const int threads = qEnvironmentVariableIntValue("CHAT_TEST_THREADS", &ok);
    if (ok && threads > 0 && config->threads == 0)
        config->threads = threads;
}
