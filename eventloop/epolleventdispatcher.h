#pragma once

#include "timerheap.h"

#include <QAbstractEventDispatcher>

#include <atomic>
#include <vector>

struct epoll_event;

/**
 * A Linux event dispatcher built on epoll, for threads that watch thousands of sockets.
 *
 * Qt 6.4's own dispatchers (glib's and the UNIX one) poll() every registered socket on
 * every wake-up, so a server with many mostly idle connections spends most of its CPU
 * there (../shared/facts.md, "Event loop cost"). Here a turn costs O(active sockets):
 * - socket notifiers live in one epoll set (level-triggered, like poll());
 * - notifier changes are applied lazily, in one batch just before epoll_wait: QAbstractSocket
 *   turns its write notifier on for every buffered write and off after each flush, so most
 *   changes cancel out within a turn and cost no epoll_ctl call;
 * - timers sit in a TimerHeap and bound the wait (epoll_pwait2, nanosecond timeout);
 * - wakeUp() (from any thread) writes an eventfd that is part of the set;
 * - posted events are sent at the start of each processEvents() through
 *   QCoreApplication::sendPostedEvents(), as QEventDispatcherUNIX does.
 *
 * Install it for the main thread before the application object exists:
 * @code
 *   QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
 *   QCoreApplication app(argc, argv);
 * @endcode
 * A descriptor epoll refuses (a regular file) is treated as always ready, as poll() does.
 * All functions but wakeUp() and interrupt() must be called on the dispatcher's thread.
 */
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    /// Creates the epoll set and the wake-up eventfd; aborts (qFatal) if the kernel refuses.
    explicit EpollEventDispatcher(QObject* parent = nullptr);
    ~EpollEventDispatcher() override;

    /**
     * One turn: sends posted events, waits (with QEventLoop::WaitForMoreEvents, until a
     * socket, timer, wake-up or interrupt) and delivers what became ready.
     * ExcludeSocketNotifiers leaves socket events pending (they are level-triggered) and
     * waits on the wake-up descriptor and the timers only; ExcludeUserInputEvents changes
     * nothing (there is no user input here); X11ExcludeTimers skips timers.
     * @return true when something was delivered (not counting zero-interval timers).
     */
    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    /// Watches notifier->socket() for notifier->type(); takes effect before the next wait.
    void registerSocketNotifier(QSocketNotifier* notifier) override;
    /// Stops watching; the notifier is not activated again, even by a wait already done.
    void unregisterSocketNotifier(QSocketNotifier* notifier) override;

    /// See TimerHeap for the semantics of @p timerType; @p interval is in ms.
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject* object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject* object) override;
    QList<TimerInfo> registeredTimers(QObject* object) const override;
    /// Milliseconds until @p timerId fires, 0 when overdue, -1 when unknown.
    int remainingTime(int timerId) override;

    /// Makes a blocked processEvents() return soon. Thread-safe; cheap when repeated.
    void wakeUp() override;
    /// Makes the current (or next blocking) processEvents() return. Thread-safe.
    void interrupt() override;

    /// Number of epoll_ctl calls made so far (diagnostics and tests of the batching).
    quint64 epollControlCalls() const { return m_epollControlCalls; }
    /// Number of descriptors currently in the epoll set, wake-up descriptor excluded.
    int watchedDescriptorCount() const { return m_watchedCount; }

private:
    /// Everything watched on one descriptor; m_watches is indexed by descriptor.
    struct Watch
    {
        QSocketNotifier* notifiers[3] = {nullptr, nullptr, nullptr}; ///< by QSocketNotifier::Type
        quint32 generation = 0;      ///< bumped when the last notifier goes: stale events
        quint32 armedGeneration = 0; ///< the generation the epoll entry carries
        quint32 armedEvents = 0;     ///< epoll events in the kernel's set (0: not in it)
        quint64 lastDispatchTurn = 0;
        bool dirty = false;      ///< queued in m_dirty
        bool unpollable = false; ///< epoll refused it (EPERM): always ready

        bool isEmpty() const { return !notifiers[0] && !notifiers[1] && !notifiers[2]; }
        quint32 wantedEvents() const;
    };

    Watch* watchFor(int fd);
    void markDirty(int fd, Watch& watch);
    void applyPendingChanges();
    bool control(int op, int fd, quint32 events, quint32 generation);
    void disarm(int fd, Watch& watch);
    int waitAndDispatch(qint64 timeoutNs);
    int waitForWakeUpOnly(qint64 timeoutNs);
    int dispatch(int fd, quint32 generation, quint32 events, quint64 turn);
    int dispatchUnpollable();
    void drainWakeUp();

    int m_epollFd = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakeUpPending{false};
    std::atomic<bool> m_interrupted{false};
    std::vector<Watch> m_watches;
    std::vector<int> m_dirty;      ///< descriptors whose notifiers changed since the last wait
    std::vector<int> m_unpollable; ///< descriptors with Watch::unpollable set
    int m_watchedCount = 0;
    quint64 m_turn = 0; ///< waits done so far
    quint64 m_epollControlCalls = 0;
    bool m_havePwait2 = true; ///< epoll_pwait2 (Linux 5.11) is available
    TimerHeap m_timers;
};
