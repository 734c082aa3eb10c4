#pragma once

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#include <sanitizer/tsan_interface.h>
#define CHAT_TSAN_ANNOTATE 1
#endif
#endif

/**
 * Happens-before edges for ThreadSanitizer (the tsan preset) where Qt orders two threads
 * with locks inside uninstrumented QtCore, which TSan cannot see. In other builds both are
 * empty inline functions. (Clang's TSan annotations: sanitizer/tsan_interface.h.)
 */
namespace ThreadSanitizer {

/// Everything this thread did so far happens before a later acquire(@p sync) elsewhere.
inline void release(void* sync)
{
#ifdef CHAT_TSAN_ANNOTATE
    __tsan_release(sync);
#else
    (void)sync;
#endif
}

/// What other threads did before their release(@p sync) happens before what follows.
inline void acquire(void* sync)
{
#ifdef CHAT_TSAN_ANNOTATE
    __tsan_acquire(sync);
#else
    (void)sync;
#endif
}

} // namespace ThreadSanitizer
