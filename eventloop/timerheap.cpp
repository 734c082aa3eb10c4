#include "timerheap.h"

#include <QCoreApplication>
#include <QObject>
#include <QTimerEvent>

#include <algorithm>
#include <cstdlib>
#include <time.h>

namespace {

constexpr qint64 NsPerMs = 1000 * 1000;
constexpr qint64 NsPerSecond = 1000 * NsPerMs;

// Coarse timers up to this interval are precise (5% of it is under 1 ms) ...
constexpr qint64 PreciseUpToMs = 20;
// ... and from this one on very coarse (5% of it is over a second).
constexpr qint64 VeryCoarseFromMs = 20000;

// Boundaries a coarse deadline is moved to, most preferred first: the coarsest one within
// 5% of the ideal deadline wins, so timers of similar intervals wake the loop together.
constexpr qint64 CoarseGranularitiesMs[] = {1000, 500, 250, 100, 50, 25, 10, 5, 2};

qint64 ceilToSecond(qint64 ns)
{
    return (ns + NsPerSecond - 1) / NsPerSecond * NsPerSecond;
}

qint64 coarseDeadline(qint64 idealNs, qint64 intervalMs, qint64 notBeforeNs)
{
    const qint64 slackNs = intervalMs * NsPerMs / 20;
    for (qint64 granularityMs : CoarseGranularitiesMs) {
        const qint64 g = granularityMs * NsPerMs;
        const qint64 nearest = (idealNs + g / 2) / g * g;
        if (std::abs(nearest - idealNs) <= slackNs && nearest >= notBeforeNs)
            return nearest;
    }
    return idealNs;
}

Qt::TimerType effectiveType(qint64 intervalMs, Qt::TimerType type)
{
    if (type != Qt::CoarseTimer)
        return type;
    if (intervalMs <= PreciseUpToMs)
        return Qt::PreciseTimer;
    if (intervalMs >= VeryCoarseFromMs)
        return Qt::VeryCoarseTimer;
    return Qt::CoarseTimer;
}

// Very coarse intervals are whole seconds, rounded to the nearest (0 stays 0).
qint64 veryCoarseIntervalMs(qint64 intervalMs)
{
    return (intervalMs + 500) / 1000 * 1000;
}

} // namespace

struct TimerHeap::Timer
{
    int id = 0;
    qint64 intervalMs = 0; ///< as armed: very coarse ones rounded to seconds
    Qt::TimerType type = Qt::CoarseTimer;
    Qt::TimerType requestedType = Qt::CoarseTimer;
    QObject* object = nullptr;
    qint64 deadlineNs = 0;
    quint64 sequence = 0;
    quint64 pass = 0; ///< the activateDueTimers() pass that last fired it
    size_t heapIndex = 0;
    bool* destroyedFlag = nullptr; ///< set while its QTimerEvent is being delivered
};

TimerHeap::TimerHeap() = default;
TimerHeap::~TimerHeap() = default;

qint64 TimerHeap::steadyNowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * NsPerSecond + ts.tv_nsec;
}

qint64 TimerHeap::firstDeadlineNs(qint64 nowNs, qint64 intervalMs, Qt::TimerType type)
{
    switch (effectiveType(intervalMs, type)) {
    case Qt::PreciseTimer:
        return nowNs + intervalMs * NsPerMs;
    case Qt::CoarseTimer:
        return coarseDeadline(nowNs + intervalMs * NsPerMs, intervalMs, nowNs);
    case Qt::VeryCoarseTimer: {
        const qint64 interval = veryCoarseIntervalMs(intervalMs);
        return interval == 0 ? nowNs : ceilToSecond(nowNs + interval * NsPerMs);
    }
    }
    return nowNs + intervalMs * NsPerMs;
}

qint64 TimerHeap::nextDeadlineNs(const Timer& timer, qint64 nowNs)
{
    // Repeating timers keep their phase (no drift) unless they fell behind, as Qt's do.
    qint64 ideal = timer.deadlineNs + timer.intervalMs * NsPerMs;
    if (ideal < nowNs)
        ideal = nowNs + timer.intervalMs * NsPerMs;
    switch (timer.type) {
    case Qt::PreciseTimer:
        return ideal;
    case Qt::CoarseTimer:
        return coarseDeadline(ideal, timer.intervalMs, nowNs);
    case Qt::VeryCoarseTimer:
        return timer.intervalMs == 0 ? ideal : ceilToSecond(ideal);
    }
    return ideal;
}

void TimerHeap::registerTimer(int timerId, qint64 intervalMs, Qt::TimerType type, QObject* object)
{
    auto timer = std::make_unique<Timer>();
    timer->id = timerId;
    timer->requestedType = type;
    timer->type = effectiveType(intervalMs, type);
    timer->intervalMs =
        timer->type == Qt::VeryCoarseTimer ? veryCoarseIntervalMs(intervalMs) : intervalMs;
    timer->object = object;
    timer->deadlineNs = firstDeadlineNs(steadyNowNs(), intervalMs, type);
    timer->sequence = ++m_sequence;
    // A timer armed during activateDueTimers() waits for the next pass.
    timer->pass = m_pass;

    Timer* raw = timer.get();
    if (auto old = m_byId.find(timerId); old != m_byId.end())
        destroy(old->second.get()); // a stale registration: ids are unique, so replace it
    m_byId.emplace(timerId, std::move(timer));
    m_byObject.emplace(object, raw);
    m_heap.push_back(raw);
    raw->heapIndex = m_heap.size() - 1;
    siftUp(raw->heapIndex);
}

bool TimerHeap::unregisterTimer(int timerId)
{
    const auto it = m_byId.find(timerId);
    if (it == m_byId.end())
        return false;
    destroy(it->second.get());
    return true;
}

bool TimerHeap::unregisterTimers(QObject* object)
{
    auto [first, last] = m_byObject.equal_range(object);
    if (first == last)
        return false;
    std::vector<int> ids;
    for (auto it = first; it != last; ++it)
        ids.push_back(it->second->id);
    for (int id : ids)
        unregisterTimer(id);
    return true;
}

QList<QAbstractEventDispatcher::TimerInfo> TimerHeap::registeredTimers(QObject* object) const
{
    QList<QAbstractEventDispatcher::TimerInfo> timers;
    auto [first, last] = m_byObject.equal_range(object);
    for (auto it = first; it != last; ++it) {
        const Timer* timer = it->second;
        timers.append(QAbstractEventDispatcher::TimerInfo(timer->id, int(timer->intervalMs),
                                                          timer->requestedType));
    }
    return timers;
}

int TimerHeap::earliestTimerId() const
{
    return m_heap.empty() ? -1 : m_heap.front()->id;
}

qint64 TimerHeap::deadlineNs(int timerId) const
{
    const auto it = m_byId.find(timerId);
    return it == m_byId.end() ? -1 : it->second->deadlineNs;
}

int TimerHeap::remainingTimeMs(int timerId) const
{
    const qint64 deadline = deadlineNs(timerId);
    if (deadline < 0)
        return -1;
    const qint64 left = deadline - steadyNowNs();
    return left <= 0 ? 0 : int((left + NsPerMs - 1) / NsPerMs);
}

qint64 TimerHeap::nanosecondsUntilNextTimer(qint64 nowNs) const
{
    if (m_heap.empty())
        return -1;
    const Timer* next = m_heap.front();
    if (next->destroyedFlag) {
        // Rare: a nested event loop runs inside this timer's event. Look at the others.
        next = nullptr;
        for (const Timer* timer : m_heap) {
            if (!timer->destroyedFlag && (!next || less(timer, next)))
                next = timer;
        }
        if (!next)
            return -1;
    }
    return std::max<qint64>(0, next->deadlineNs - nowNs);
}

int TimerHeap::activateDueTimers()
{
    if (m_heap.empty())
        return 0;
    const qint64 now = steadyNowNs();
    const quint64 pass = ++m_pass;
    int activated = 0;
    while (!m_heap.empty()) {
        Timer* timer = m_heap.front();
        // Every timer fired (or armed) in this pass sorts after the ones still due: its new
        // deadline is >= now and its sequence number is the newest.
        if (timer->deadlineNs > now || timer->pass == pass)
            break;
        timer->pass = pass;
        timer->deadlineNs = nextDeadlineNs(*timer, now);
        timer->sequence = ++m_sequence;
        siftDown(0);
        if (timer->destroyedFlag)
            continue; // inside its own timerEvent(): no recursion
        if (timer->intervalMs > 0)
            ++activated;

        bool destroyed = false;
        timer->destroyedFlag = &destroyed;
        QTimerEvent event(timer->id);
        QCoreApplication::sendEvent(timer->object, &event);
        if (!destroyed)
            timer->destroyedFlag = nullptr;
    }
    return activated;
}

bool TimerHeap::less(const Timer* a, const Timer* b) const
{
    return a->deadlineNs < b->deadlineNs ||
           (a->deadlineNs == b->deadlineNs && a->sequence < b->sequence);
}

void TimerHeap::place(size_t index, Timer* timer)
{
    m_heap[index] = timer;
    timer->heapIndex = index;
}

void TimerHeap::siftUp(size_t index)
{
    Timer* timer = m_heap[index];
    while (index > 0) {
        const size_t parent = (index - 1) / 2;
        if (!less(timer, m_heap[parent]))
            break;
        place(index, m_heap[parent]);
        index = parent;
    }
    place(index, timer);
}

void TimerHeap::siftDown(size_t index)
{
    Timer* timer = m_heap[index];
    const size_t count = m_heap.size();
    for (;;) {
        size_t child = 2 * index + 1;
        if (child >= count)
            break;
        if (child + 1 < count && less(m_heap[child + 1], m_heap[child]))
            ++child;
        if (!less(m_heap[child], timer))
            break;
        place(index, m_heap[child]);
        index = child;
    }
    place(index, timer);
}

void TimerHeap::removeFromHeap(Timer* timer)
{
    const size_t index = timer->heapIndex;
    Timer* last = m_heap.back();
    m_heap.pop_back();
    if (last == timer)
        return;
    place(index, last);
    siftDown(index);
    siftUp(last->heapIndex);
}

void TimerHeap::destroy(Timer* timer)
{
    removeFromHeap(timer);
    auto [first, last] = m_byObject.equal_range(timer->object);
    for (auto it = first; it != last; ++it) {
        if (it->second == timer) {
            m_byObject.erase(it);
            break;
        }
    }
    if (timer->destroyedFlag)
        *timer->destroyedFlag = true;
    m_byId.erase(timer->id); // deletes it
}
