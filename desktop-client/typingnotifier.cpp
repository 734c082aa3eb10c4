#include "typingnotifier.h"

TypingNotifier::TypingNotifier(QObject* parent)
    : QObject(parent)
{
    m_clock.start();
    m_idleCheck.setInterval(250);
    connect(&m_idleCheck, &QTimer::timeout, this, &TypingNotifier::onIdleCheck);
}

void TypingNotifier::edited(const QString& room)
{
    const qint64 now = m_clock.elapsed();
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end()) {
        m_rooms.insert(room, State{now, now});
        m_idleCheck.start();
        Q_EMIT typingChanged(room, true);
        return;
    }
    it->lastEdit = now;
    if (now - it->sentAt >= m_refreshMs) {
        it->sentAt = now;
        Q_EMIT typingChanged(room, true);
    }
}

void TypingNotifier::stopped(const QString& room)
{
    if (!m_rooms.remove(room))
        return;
    if (m_rooms.isEmpty())
        m_idleCheck.stop();
    Q_EMIT typingChanged(room, false);
}

void TypingNotifier::reset()
{
    m_rooms.clear();
    m_idleCheck.stop();
}

void TypingNotifier::setIntervals(int refreshMs, int idleMs)
{
    m_refreshMs = refreshMs;
    m_idleMs = idleMs;
}

void TypingNotifier::onIdleCheck()
{
    const qint64 now = m_clock.elapsed();
    QStringList idle;
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        if (now - it->lastEdit >= m_idleMs)
            idle.append(it.key());
    }
    for (const QString& room : std::as_const(idle))
        stopped(room);
}
