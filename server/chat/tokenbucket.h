#pragma once

#include <QtGlobal>

/**
 * A token bucket: capacity @p burst, refilled at @p ratePerSecond, starting full
 * (shared protocol, "Rate limit"). Either parameter 0 means unlimited. Time is passed in
 * by the caller (monotonic milliseconds), so the bucket is a pure value and easy to test.
 */
class TokenBucket
{
public:
    TokenBucket() = default;
    /**
     * @param ratePerSecond tokens added per second (may be fractional); 0 = unlimited.
     * @param burst         capacity in tokens; 0 = unlimited.
     * @param nowMs         current monotonic time, ms.
     */
    TokenBucket(double ratePerSecond, int burst, qint64 nowMs);

    /**
     * Takes @p cost tokens if available.
     * @param nowMs        current monotonic time, ms (never earlier than a previous call's).
     * @param retryAfterMs on refusal, ms until @p cost tokens will be available (>= 1).
     * @return false when the bucket holds less than @p cost.
     */
    bool tryTake(double cost, qint64 nowMs, qint64* retryAfterMs);

    /// Tokens available at @p nowMs (capacity when unlimited).
    double available(qint64 nowMs) const;

private:
    void refill(qint64 nowMs);

    double m_rate = 0;
    double m_capacity = 0;
    double m_tokens = 0;
    qint64 m_lastMs = 0;
};
