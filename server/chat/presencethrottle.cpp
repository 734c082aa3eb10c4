#include "presencethrottle.h"

#include <QTimerEvent>

namespace {

QString keyOf(const PresenceEvent& event)
{
    return event.room + QLatin1Char('\n') + event.userId;
}

} // namespace

PresenceThrottle::PresenceThrottle(int intervalMs, Publish publish, QObject* parent)
    : QObject(parent)
    , m_intervalMs(intervalMs)
    , m_publish(std::move(publish))
{
    m_clock.start();
}

void PresenceThrottle::joined(const PresenceEvent& event, quint64 joinerId)
{
    if (m_intervalMs <= 0)
        return m_publish(event, joinerId);
    const QString key = keyOf(event);
    const auto it = m_recent.find(key);
    if (it == m_recent.end()) {
        m_recent.insert(key, Recent{m_clock.elapsed(), false, {}, 0});
        arm(key);
        m_publish(event, joinerId);
        return;
    }
    // Joined again within the interval: announced when it ends, if still a member then.
    it->pending = true;
    it->event = event;
    it->joinerId = joinerId;
}

void PresenceThrottle::left(const PresenceEvent& event)
{
    const auto it = m_recent.find(keyOf(event));
    if (it != m_recent.end() && it->pending) {
        it->pending = false; // its join was never announced: neither is the leave
        return;
    }
    m_publish(event, 0);
}

void PresenceThrottle::arm(const QString& key)
{
    m_due.append(Due{m_clock.elapsed() + m_intervalMs, key});
    if (!m_timer.isActive())
        m_timer.start(m_intervalMs, Qt::PreciseTimer, this);
}

void PresenceThrottle::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_timer.timerId())
        return QObject::timerEvent(event);
    const qint64 now = m_clock.elapsed();
    // expire() may arm again: that end lies m_intervalMs ahead, behind the due ones.
    while (!m_due.isEmpty() && m_due.first().atMs <= now)
        expire(m_due.takeFirst().key);
    if (m_due.isEmpty()) {
        m_timer.stop();
        m_due = QList<Due>(); // nothing tracked: give the queue's memory back
        return;
    }
    m_timer.start(int(m_due.first().atMs - now), Qt::PreciseTimer, this);
}

void PresenceThrottle::expire(const QString& key)
{
    const auto it = m_recent.find(key);
    if (it == m_recent.end())
        return;
    if (!it->pending) {
        m_recent.erase(it);
        return;
    }
    PresenceEvent event = it->event;
    event.ts = QDateTime::currentDateTimeUtc();
    const quint64 joinerId = it->joinerId;
    *it = Recent{m_clock.elapsed(), false, {}, 0};
    arm(key);
    m_publish(event, joinerId);
}
