#include "epolleventdispatcher.h"

#include "eventlooplogging.h"
#include "threadsanitizer.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace {

// epoll_event.data of the wake-up descriptor; sockets carry (generation << 32) | fd.
constexpr quint64 WakeUpTag = ~quint64(0);
// Events taken per epoll_wait; more stay ready (level-triggered) for the next turn.
constexpr int MaxEventsPerWait = 256;

// What each notifier type listens for, and what activates it (as poll() reports them to
// QEventDispatcherUNIX: hang-ups and errors activate every notifier of the descriptor).
constexpr quint32 ListenFor[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI};
constexpr quint32 ActivatedBy[3] = {EPOLLIN | EPOLLHUP | EPOLLERR, EPOLLOUT | EPOLLHUP | EPOLLERR,
                                    EPOLLPRI | EPOLLHUP | EPOLLERR};

quint64 tagFor(int fd, quint32 generation)
{
    return (quint64(generation) << 32) | quint32(fd);
}

timespec toTimespec(qint64 ns)
{
    return timespec{time_t(ns / 1000000000), long(ns % 1000000000)};
}

} // namespace

quint32 EpollEventDispatcher::Watch::wantedEvents() const
{
    quint32 events = 0;
    for (int type = 0; type < 3; ++type) {
        if (notifiers[type])
            events |= ListenFor[type];
    }
    return events;
}

EpollEventDispatcher::EpollEventDispatcher(QObject* parent)
    : QAbstractEventDispatcher(parent)
{
    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    if (m_epollFd < 0)
        qFatal("EpollEventDispatcher: epoll_create1 failed: %s", std::strerror(errno));
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_wakeFd < 0)
        qFatal("EpollEventDispatcher: eventfd failed: %s", std::strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = WakeUpTag;
    if (epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &event) < 0)
        qFatal("EpollEventDispatcher: cannot watch the wake-up descriptor: %s",
               std::strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epollFd);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false, std::memory_order_relaxed);
    Q_EMIT awake();
    // Qt's posted-event queue is guarded by a QMutex inside (uninstrumented) Qt, which
    // ThreadSanitizer cannot see: what another thread wrote before posting (wakeUp())
    // happens before the events are sent here. (The tsan preset, issue 18.)
    ThreadSanitizer::acquire(this);
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait =
        (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.load(std::memory_order_relaxed);
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupted.load(std::memory_order_relaxed))
        return false;

    // Posted events that arrive from now on wake the wait below through wakeUp().
    qint64 timeoutNs = -1;
    if (!canWait || (includeNotifiers && !m_unpollable.empty()))
        timeoutNs = 0;
    else if (includeTimers)
        timeoutNs = m_timers.nanosecondsUntilNextTimer(TimerHeap::steadyNowNs());

    int handled = includeNotifiers ? waitAndDispatch(timeoutNs) : waitForWakeUpOnly(timeoutNs);
    if (includeTimers)
        handled += m_timers.activateDueTimers();
    return handled > 0;
}

EpollEventDispatcher::Watch* EpollEventDispatcher::watchFor(int fd)
{
    if (fd < 0)
        return nullptr;
    if (size_t(fd) >= m_watches.size())
        m_watches.resize(std::max<size_t>(size_t(fd) + 1, m_watches.size() * 2));
    return &m_watches[size_t(fd)];
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier* notifier)
{
    Q_ASSERT(notifier);
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
#ifndef QT_NO_DEBUG
    if (notifier->thread() != thread() || thread() != QThread::currentThread()) {
        qCWarning(lcEventLoop, "socket notifiers cannot be enabled from another thread");
        return;
    }
#endif
    Watch* watch = watchFor(fd);
    if (!watch) {
        qCWarning(lcEventLoop, "cannot watch invalid descriptor %d", fd);
        return;
    }
    if (watch->notifiers[type] && watch->notifiers[type] != notifier)
        qCWarning(lcEventLoop, "multiple socket notifiers for descriptor %d and type %d", fd, type);
    watch->notifiers[type] = notifier;
    markDirty(fd, *watch);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier* notifier)
{
    Q_ASSERT(notifier);
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
#ifndef QT_NO_DEBUG
    if (notifier->thread() != thread() || thread() != QThread::currentThread()) {
        qCWarning(lcEventLoop, "socket notifiers cannot be disabled from another thread");
        return;
    }
#endif
    if (fd < 0 || size_t(fd) >= m_watches.size())
        return;
    Watch& watch = m_watches[size_t(fd)];
    if (watch.notifiers[type] != notifier) {
        if (watch.notifiers[type])
            qCWarning(lcEventLoop, "multiple socket notifiers for descriptor %d and type %d", fd,
                      type);
        return;
    }
    watch.notifiers[type] = nullptr;
    if (watch.isEmpty()) {
        // The socket is going away (it is usually closed right after): leave the set now,
        // so that a later descriptor with the same number starts clean, and make events
        // already reported for it stale.
        ++watch.generation;
        disarm(fd, watch);
    } else {
        markDirty(fd, watch);
    }
}

void EpollEventDispatcher::markDirty(int fd, Watch& watch)
{
    if (watch.dirty)
        return;
    watch.dirty = true;
    m_dirty.push_back(fd);
}

bool EpollEventDispatcher::control(int op, int fd, quint32 events, quint32 generation)
{
    epoll_event event{};
    event.events = events;
    event.data.u64 = tagFor(fd, generation);
    ++m_epollControlCalls;
    return epoll_ctl(m_epollFd, op, fd, &event) == 0;
}

void EpollEventDispatcher::disarm(int fd, Watch& watch)
{
    if (watch.armedEvents) {
        // Fails harmlessly (EBADF/ENOENT) when the descriptor was closed already: closing
        // removes it from the set.
        control(EPOLL_CTL_DEL, fd, 0, 0);
        watch.armedEvents = 0;
        --m_watchedCount;
    }
    if (watch.unpollable) {
        watch.unpollable = false;
        m_unpollable.erase(std::find(m_unpollable.begin(), m_unpollable.end(), fd));
    }
}

void EpollEventDispatcher::applyPendingChanges()
{
    for (int fd : m_dirty) {
        Watch& watch = m_watches[size_t(fd)];
        watch.dirty = false;
        const quint32 wanted = watch.wantedEvents();
        if (wanted == 0) {
            disarm(fd, watch);
            continue;
        }
        if (watch.unpollable)
            continue;
        if (wanted == watch.armedEvents && watch.generation == watch.armedGeneration)
            continue; // e.g. the write notifier went off and on again within the turn
        bool ok;
        if (watch.armedEvents) {
            ok = control(EPOLL_CTL_MOD, fd, wanted, watch.generation);
            if (!ok && errno == ENOENT) // closed and reopened under the same number
                ok = control(EPOLL_CTL_ADD, fd, wanted, watch.generation);
        } else {
            ok = control(EPOLL_CTL_ADD, fd, wanted, watch.generation);
            if (!ok && errno == EEXIST)
                ok = control(EPOLL_CTL_MOD, fd, wanted, watch.generation);
            if (ok)
                ++m_watchedCount;
        }
        if (ok) {
            watch.armedEvents = wanted;
            watch.armedGeneration = watch.generation;
        } else if (errno == EPERM) {
            // Regular files and directories: poll() reports them always ready; do the same.
            if (watch.armedEvents) {
                watch.armedEvents = 0;
                --m_watchedCount;
            }
            watch.unpollable = true;
            m_unpollable.push_back(fd);
        } else {
            qCWarning(lcEventLoop, "cannot watch descriptor %d: %s", fd, std::strerror(errno));
        }
    }
    m_dirty.clear();
}

int EpollEventDispatcher::waitAndDispatch(qint64 timeoutNs)
{
    applyPendingChanges();

    epoll_event events[MaxEventsPerWait];
    int count = -1;
    if (m_havePwait2) {
        const timespec timeout = toTimespec(std::max<qint64>(timeoutNs, 0));
        count = epoll_pwait2(m_epollFd, events, MaxEventsPerWait,
                             timeoutNs < 0 ? nullptr : &timeout, nullptr);
        if (count < 0 && errno == ENOSYS)
            m_havePwait2 = false;
    }
    if (!m_havePwait2) {
        // Millisecond timeouts, rounded up: a timer never fires early.
        const int timeoutMs = timeoutNs < 0 ? -1 : int((timeoutNs + 999999) / 1000000);
        count = epoll_wait(m_epollFd, events, MaxEventsPerWait, timeoutMs);
    }
    if (count < 0) {
        if (errno != EINTR)
            qCWarning(lcEventLoop, "epoll_wait failed: %s", std::strerror(errno));
        return 0;
    }

    const quint64 turn = ++m_turn;
    int handled = 0;
    for (int i = 0; i < count; ++i) {
        const quint64 tag = events[i].data.u64;
        if (tag == WakeUpTag) {
            drainWakeUp();
            ++handled;
            continue;
        }
        handled += dispatch(int(quint32(tag)), quint32(tag >> 32), events[i].events, turn);
    }
    return handled + dispatchUnpollable();
}

int EpollEventDispatcher::waitForWakeUpOnly(qint64 timeoutNs)
{
    pollfd wake{m_wakeFd, POLLIN, 0};
    const timespec timeout = toTimespec(std::max<qint64>(timeoutNs, 0));
    if (ppoll(&wake, 1, timeoutNs < 0 ? nullptr : &timeout, nullptr) <= 0)
        return 0;
    drainWakeUp();
    return 1;
}

int EpollEventDispatcher::dispatch(int fd, quint32 generation, quint32 events, quint64 turn)
{
    int activated = 0;
    for (int type = 0; type < 3; ++type) {
        if (!(events & ActivatedBy[type]))
            continue;
        // Look the watch up again each time: a handler may close the socket, reuse its
        // number, or grow m_watches.
        if (size_t(fd) >= m_watches.size())
            break;
        Watch& watch = m_watches[size_t(fd)];
        // Stale (another socket now) or already served by a nested event loop's wait.
        if (watch.generation != generation || watch.lastDispatchTurn > turn)
            break;
        watch.lastDispatchTurn = turn;
        QSocketNotifier* notifier = watch.notifiers[type];
        if (!notifier)
            continue; // switched off since: the change is applied before the next wait
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return activated;
}

int EpollEventDispatcher::dispatchUnpollable()
{
    if (m_unpollable.empty())
        return 0;
    int activated = 0;
    const quint64 turn = m_turn;
    const std::vector<int> ready = m_unpollable; // handlers may change the list
    for (int fd : ready)
        activated += dispatch(fd, m_watches[size_t(fd)].generation, EPOLLIN | EPOLLOUT, turn);
    return activated;
}

void EpollEventDispatcher::drainWakeUp()
{
    eventfd_t value;
    eventfd_read(m_wakeFd, &value);
    // After the read: a wakeUp() in between is not lost, because the posted events it
    // announces are sent at the start of the next processEvents().
    m_wakeUpPending.store(false, std::memory_order_release);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject* object)
{
#ifndef QT_NO_DEBUG
    if (timerId < 1 || interval < 0 || !object) {
        qCWarning(lcEventLoop, "registerTimer: invalid arguments");
        return;
    }
    if (object->thread() != thread() || thread() != QThread::currentThread()) {
        qCWarning(lcEventLoop, "timers cannot be started from another thread");
        return;
    }
#endif
    m_timers.registerTimer(timerId, interval, timerType, object);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    return m_timers.unregisterTimer(timerId);
}

bool EpollEventDispatcher::unregisterTimers(QObject* object)
{
    return m_timers.unregisterTimers(object);
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject* object) const
{
    return m_timers.registeredTimers(object);
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingTimeMs(timerId);
}

void EpollEventDispatcher::wakeUp()
{
    ThreadSanitizer::release(this); // QCoreApplication::postEvent() calls this after queueing
    if (m_wakeUpPending.exchange(true, std::memory_order_acq_rel))
        return; // one pending write is enough
    while (eventfd_write(m_wakeFd, 1) < 0 && errno == EINTR) {
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_relaxed);
    wakeUp();
}
