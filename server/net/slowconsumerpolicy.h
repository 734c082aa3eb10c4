#pragma once

#include "connectionlimits.h"

#include <QtGlobal>

/**
 * The slow-consumer rule (docs/security.md, "Slow consumers"), one per connection, for
 * every transport. Writes never block, so a peer that reads slower than its rooms talk would
 * otherwise make the server buffer without bound.
 *
 * The transport calls observe() with its unsent bytes after writing what the kernel takes
 * (so a fast reader's buffer, briefly holding one turn's broadcasts, is not mistaken for a
 * slow one), and again at nextLookAtMs() while observe() says Watch. Over the limit, the
 * first look starts a grace period; at its end, under the limit means all is well; still
 * over it but smaller than at the previous look (the peer drains, e.g. a large join reply on
 * a slow link) starts another; still over it and not smaller means Drop.
 *
 * Pure state (16 bytes), no timers: the caller decides how to look again.
 */
class SlowConsumerPolicy
{
public:
    enum class Verdict {
        Fine,  ///< under the limit (or no limit): nothing to watch
        Watch, ///< over the limit within a grace period: look again at nextLookAtMs()
        Drop,  ///< over the limit and not draining for a whole grace period
    };

    /**
     * One look at the connection.
     * @param unsentBytes bytes queued and not yet taken by the kernel.
     * @param nowMs       a monotonic clock, ms.
     * @param limits      maxUnsentBytes (0: never Drop) and slowConsumerGraceMs.
     */
    Verdict observe(qint64 unsentBytes, qint64 nowMs, const ConnectionLimits& limits);

    /// Whether a grace period is running.
    bool watching() const { return m_lookBytes >= 0; }
    /// When the running grace period ends, ms on the caller's clock.
    qint64 nextLookAtMs(const ConnectionLimits& limits) const
    {
        return m_lookAtMs + limits.slowConsumerGraceMs;
    }

private:
    qint64 m_lookBytes = -1; ///< unsent bytes when the grace period started; -1: none
    qint64 m_lookAtMs = 0;
};
