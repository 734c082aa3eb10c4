#pragma once

#include <QElapsedTimer>

#include <deque>

/**
 * Counts one connection's protocol violations (invalid payloads) in a sliding window, so
 * that an honest mistake keeps the connection and only repeated abuse ends it
 * (docs/security.md, "Malformed input"). Every protocol dialect uses one per connection.
 */
class ViolationWindow
{
public:
    /**
     * @param limit    violations tolerated within @p windowMs; one more is abuse.
     * @param windowMs length of the sliding window, ms.
     */
    ViolationWindow(int limit, int windowMs);

    /// Records a violation now. @return true when more than the limit fell in the window.
    bool record();
    /**
     * record() at @p nowMs on the window's own clock (ms since construction; never earlier
     * than a previous call's), for tests that step time.
     */
    bool recordAt(qint64 nowMs);

private:
    const int m_limit;
    const int m_windowMs;
    QElapsedTimer m_clock;
    std::deque<qint64> m_times; ///< m_clock times of recent violations, ms
};
