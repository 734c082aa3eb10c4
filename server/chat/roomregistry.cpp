#include "roomregistry.h"

#include "chatlogging.h"
#include "jsontext.h"

#include <QTimer>

RoomRegistry::RoomRegistry(int presenceGraceMs, QObject* parent)
    : QObject(parent)
    , m_presenceGraceMs(presenceGraceMs)
{}

bool RoomRegistry::join(const QString& room, quint64 connectionId, const Member& user,
                        const QDateTime& now)
{
    Room& entry = m_rooms[room];
    const MemberKey key{room, user.userId};
    auto it = m_users.find(key);
    if (it == m_users.end()) {
        UserEntry userEntry;
        userEntry.member = user;
        userEntry.connections.append(connectionId);
        m_users.insert(key, userEntry);
        entry.order.append(user.userId);
        if (entry.membersJsonValid)
            JsonText::appendElement(&entry.membersJson, JsonText::compact(user.toJson()));
        entry.lastActivity = now;
        return true;
    }
    if (it->inGrace) {
        qCDebug(lcRooms) << "user back within the grace period in" << room;
        it->inGrace = false;
        ++it->graceGeneration;
    }
    if (!it->connections.contains(connectionId))
        it->connections.append(connectionId);
    return false;
}

bool RoomRegistry::leave(const QString& room, quint64 connectionId, const QString& userId,
                         const QDateTime& now)
{
    const auto it = m_users.find(MemberKey{room, userId});
    if (it == m_users.end() || !it->connections.removeOne(connectionId))
        return false;
    if (!it->connections.isEmpty())
        return false;
    removeUser(room, userId, now);
    return true;
}

void RoomRegistry::dropConnection(const QString& room, quint64 connectionId, const QString& userId)
{
    const auto it = m_users.find(MemberKey{room, userId});
    if (it == m_users.end() || !it->connections.removeOne(connectionId) ||
        !it->connections.isEmpty())
        return;
    it->inGrace = true;
    const quint64 generation = ++it->graceGeneration;
    // One single-shot per dropped (room, user); a rejoin bumps the generation instead of
    // cancelling, so the stale timeout finds nothing to do.
    QTimer::singleShot(m_presenceGraceMs, this, [this, room, userId, generation] {
        onGraceTimeout(room, userId, generation);
    });
}

bool RoomRegistry::hasConnection(const QString& room, quint64 connectionId) const
{
    const auto roomIt = m_rooms.constFind(room);
    if (roomIt == m_rooms.constEnd())
        return false;
    for (const QString& userId : roomIt->order) {
        const auto it = m_users.constFind(MemberKey{room, userId});
        if (it != m_users.constEnd() && it->connections.contains(connectionId))
            return true;
    }
    return false;
}

QByteArray RoomRegistry::membersJson(const QString& room) const
{
    const auto roomIt = m_rooms.constFind(room);
    if (roomIt == m_rooms.constEnd())
        return QByteArrayLiteral("[]");
    if (!roomIt->membersJsonValid) {
        QByteArray members = QByteArrayLiteral("[]");
        for (const QString& userId : roomIt->order)
            JsonText::appendElement(
                &members,
                JsonText::compact(m_users.value(MemberKey{room, userId}).member.toJson()));
        roomIt->membersJson = members;
        roomIt->membersJsonValid = true;
    }
    return roomIt->membersJson;
}

int RoomRegistry::memberCount(const QString& room) const
{
    const auto roomIt = m_rooms.constFind(room);
    return roomIt == m_rooms.constEnd() ? 0 : int(roomIt->order.size());
}

QList<Member> RoomRegistry::members(const QString& room) const
{
    QList<Member> out;
    const auto roomIt = m_rooms.constFind(room);
    if (roomIt == m_rooms.constEnd())
        return out;
    out.reserve(roomIt->order.size());
    for (const QString& userId : roomIt->order)
        out.append(m_users.value(MemberKey{room, userId}).member);
    return out;
}

QStringList RoomRegistry::rooms() const
{
    return m_rooms.keys();
}

QDateTime RoomRegistry::lastActivity(const QString& room) const
{
    const auto roomIt = m_rooms.constFind(room);
    return roomIt == m_rooms.constEnd() ? QDateTime() : roomIt->lastActivity;
}

void RoomRegistry::removeUser(const QString& room, const QString& userId, const QDateTime& now)
{
    const auto roomIt = m_rooms.find(room);
    m_users.remove(MemberKey{room, userId});
    roomIt->order.removeOne(userId);
    roomIt->membersJson = QByteArray();
    roomIt->membersJsonValid = false;
    roomIt->lastActivity = now;
    if (roomIt->order.isEmpty())
        m_rooms.erase(roomIt);
}

void RoomRegistry::onGraceTimeout(const QString& room, const QString& userId, quint64 generation)
{
    const auto it = m_users.constFind(MemberKey{room, userId});
    if (it == m_users.constEnd() || !it->inGrace || it->graceGeneration != generation)
        return;
    const Member member = it->member;
    removeUser(room, userId, QDateTime::currentDateTimeUtc());
    Q_EMIT graceExpired(room, member);
}
