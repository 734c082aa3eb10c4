#include "tokenbucket.h"

#include <algorithm>
#include <cmath>

TokenBucket::TokenBucket(double ratePerSecond, int burst, qint64 nowMs)
    : m_rate(ratePerSecond)
    , m_capacity(burst)
    , m_tokens(burst)
    , m_lastMs(nowMs)
{}

bool TokenBucket::tryTake(double cost, qint64 nowMs, qint64* retryAfterMs)
{
    if (m_rate <= 0 || m_capacity <= 0)
        return true;
    refill(nowMs);
    // A small epsilon keeps floating-point refills from refusing an exactly full token.
    if (m_tokens + 1e-9 >= cost) {
        m_tokens = std::max(0.0, m_tokens - cost);
        return true;
    }
    const double missing = std::min(cost, m_capacity) - m_tokens;
    *retryAfterMs = std::max<qint64>(1, qint64(std::ceil(missing * 1000.0 / m_rate - 1e-6)));
    return false;
}

double TokenBucket::available(qint64 nowMs) const
{
    if (m_rate <= 0 || m_capacity <= 0)
        return m_capacity;
    TokenBucket copy = *this;
    copy.refill(nowMs);
    return copy.m_tokens;
}

void TokenBucket::refill(qint64 nowMs)
{
    if (nowMs > m_lastMs) {
        m_tokens = std::min(m_capacity, m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
        m_lastMs = nowMs;
    }
}
