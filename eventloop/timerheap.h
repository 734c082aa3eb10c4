#pragma once

#include <QAbstractEventDispatcher>
#include <QList>

#include <memory>
#include <unordered_map>
#include <vector>

class QObject;

/**
 * The timers of one event dispatcher: a binary min-heap ordered by deadline, so that
 * registering, stopping and firing a timer cost O(log n) however many connections each
 * keep their own heartbeat timers (Qt 6.4's UNIX dispatcher keeps a sorted list: O(n)).
 *
 * Times are nanoseconds of CLOCK_MONOTONIC (steadyNowNs()); intervals are milliseconds as
 * QObject::startTimer() gives them. Timer types follow QTimer's documentation:
 * - Qt::PreciseTimer fires at its exact deadline (never early);
 * - Qt::CoarseTimer may fire up to 5% of its interval early or late, moved to a round
 *   millisecond boundary so that timers of many connections wake the loop together;
 *   intervals up to 20 ms are precise and from 20 s on very coarse;
 * - Qt::VeryCoarseTimer has its interval rounded to whole seconds and fires on a whole
 *   second of the monotonic clock.
 *
 * Timer ids are allocated by QAbstractEventDispatcher and released by QObject; this class
 * only stores them. Single-threaded: used only on the dispatcher's thread.
 */
class TimerHeap
{
public:
    TimerHeap();
    ~TimerHeap();
    TimerHeap(const TimerHeap&) = delete;
    TimerHeap& operator=(const TimerHeap&) = delete;

    /// The monotonic clock, nanoseconds.
    static qint64 steadyNowNs();

    /**
     * The first deadline of a timer started at @p nowNs with @p intervalMs (>= 0) of
     * @p type, in ns. Pure; exposed for tests.
     */
    static qint64 firstDeadlineNs(qint64 nowNs, qint64 intervalMs, Qt::TimerType type);

    /// Adds a timer; @p timerId must not be registered yet (ids are unique per process).
    void registerTimer(int timerId, qint64 intervalMs, Qt::TimerType type, QObject* object);
    /// Removes one timer. @return false when @p timerId is unknown.
    bool unregisterTimer(int timerId);
    /// Removes every timer of @p object. @return false when it had none.
    bool unregisterTimers(QObject* object);
    /// The timers of @p object, in no particular order; very coarse intervals rounded to
    /// whole seconds.
    QList<QAbstractEventDispatcher::TimerInfo> registeredTimers(QObject* object) const;
    /**
     * Milliseconds until @p timerId is due (rounded up), 0 when overdue, -1 when unknown.
     */
    int remainingTimeMs(int timerId) const;

    /**
     * Nanoseconds from @p nowNs until the earliest timer that may fire now (0 when one is
     * overdue), or -1 when there is none. A timer whose QTimerEvent is being delivered (a
     * nested event loop runs inside it) does not count: it cannot fire again until then.
     */
    qint64 nanosecondsUntilNextTimer(qint64 nowNs) const;

    /**
     * Sends a QTimerEvent to the owner of every timer due now, earliest first, each at most
     * once per call, and schedules its next deadline. Timers registered or re-armed during
     * the call wait for the next one. A timer never fires inside its own timerEvent().
     * @return the number of timers with a non-zero interval that fired (as Qt counts).
     */
    int activateDueTimers();

    /// Number of registered timers.
    int size() const { return int(m_heap.size()); }
    /// The id of the timer with the earliest deadline, -1 when there is none (diagnostics).
    int earliestTimerId() const;
    /// The deadline of @p timerId in ns of steadyNowNs(), -1 when unknown (diagnostics).
    qint64 deadlineNs(int timerId) const;

private:
    struct Timer;

    static qint64 nextDeadlineNs(const Timer& timer, qint64 nowNs);
    bool less(const Timer* a, const Timer* b) const;
    void place(size_t index, Timer* timer);
    void siftUp(size_t index);
    void siftDown(size_t index);
    void removeFromHeap(Timer* timer);
    void destroy(Timer* timer);

    std::vector<Timer*> m_heap;                             ///< min-heap by (deadline, seq)
    std::unordered_map<int, std::unique_ptr<Timer>> m_byId; ///< owns the timers
    std::unordered_multimap<const QObject*, Timer*> m_byObject;
    quint64 m_sequence = 0; ///< tie-break: equal deadlines fire in arming order
    quint64 m_pass = 0;     ///< activateDueTimers() calls so far
};
