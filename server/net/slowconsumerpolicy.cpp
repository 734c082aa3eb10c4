#include "slowconsumerpolicy.h"

SlowConsumerPolicy::Verdict SlowConsumerPolicy::observe(qint64 unsentBytes, qint64 nowMs,
                                                        const ConnectionLimits& limits)
{
    if (limits.maxUnsentBytes <= 0 || unsentBytes <= limits.maxUnsentBytes) {
        m_lookBytes = -1;
        return Verdict::Fine;
    }
    if (m_lookBytes >= 0 && nowMs - m_lookAtMs < limits.slowConsumerGraceMs)
        return Verdict::Watch;
    if (m_lookBytes >= 0 && unsentBytes >= m_lookBytes)
        return Verdict::Drop;
    // A first look over the limit, or the end of a grace period in which the peer drained.
    m_lookBytes = unsentBytes;
    m_lookAtMs = nowMs;
    return Verdict::Watch;
}
