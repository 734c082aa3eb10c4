#include "typingtracker.h"

TypingTracker::TypingTracker(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TypingTracker::onExpiryTimer);
}

void TypingTracker::update(const QString& room, const Member& member, bool typing)
{
    if (!typing) {
        remove(room, member.userId);
        return;
    }
    QList<Typist>& typists = m_rooms[room];
    for (Typist& typist : typists) {
        if (typist.member.userId == member.userId) {
            typist.expiry.setRemainingTime(m_expiryMs);
            typist.member.handle = member.handle;
            scheduleExpiry();
            return;
        }
    }
    typists.append(Typist{member, QDeadlineTimer(m_expiryMs)});
    scheduleExpiry();
    Q_EMIT typingChanged(room);
}

void TypingTracker::remove(const QString& room, const QString& userId)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    const auto removed =
        it->removeIf([&userId](const Typist& typist) { return typist.member.userId == userId; });
    if (it->isEmpty())
        m_rooms.erase(it);
    if (removed > 0) {
        scheduleExpiry();
        Q_EMIT typingChanged(room);
    }
}

void TypingTracker::clear(const QString& room)
{
    const QStringList rooms = room.isEmpty() ? m_rooms.keys() : QStringList{room};
    for (const QString& name : rooms) {
        if (m_rooms.remove(name))
            Q_EMIT typingChanged(name);
    }
    scheduleExpiry();
}

QList<Member> TypingTracker::typing(const QString& room) const
{
    QList<Member> members;
    for (const Typist& typist : m_rooms.value(room))
        members.append(typist.member);
    return members;
}

void TypingTracker::onExpiryTimer()
{
    QStringList changed;
    for (auto it = m_rooms.begin(); it != m_rooms.end();) {
        if (it->removeIf([](const Typist& typist) { return typist.expiry.hasExpired(); }) > 0)
            changed.append(it.key());
        it = it->isEmpty() ? m_rooms.erase(it) : std::next(it);
    }
    scheduleExpiry();
    for (const QString& room : std::as_const(changed))
        Q_EMIT typingChanged(room);
}

void TypingTracker::scheduleExpiry()
{
    qint64 earliest = -1;
    for (const QList<Typist>& typists : std::as_const(m_rooms)) {
        for (const Typist& typist : typists) {
            const qint64 left = typist.expiry.remainingTime();
            if (earliest < 0 || left < earliest)
                earliest = left;
        }
    }
    if (earliest < 0)
        m_timer.stop();
    else
        m_timer.start(int(earliest) + 1);
}
