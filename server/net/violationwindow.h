#pragma once

#include <QElapsedTimer>
#include <QList>

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
    /// m_clock times of recent violations, ms. A QList, not a std::deque: an empty one holds
    /// no heap memory (a deque allocates ~0.6 KiB at construction, per connection).
    QList<qint64> m_times;
};
