#include "storeindex.h"

StoreIndex::StoreIndex() = default;

void StoreIndex::noteStored(const ChatMessage& message)
{
    Counters& room = m_rooms[message.room];
    room.lastSeq = message.seq;
    room.lastMessageAt = message.ts;
    m_dedup.insert(message, message.ts.toMSecsSinceEpoch());
}

void StoreIndex::restoreRoom(const QString& room, qint64 lastSeq, const QDateTime& lastMessageAt)
{
    m_rooms.insert(room, Counters{lastSeq, lastMessageAt});
}

void StoreIndex::restoreClientId(const ChatMessage& message)
{
    m_dedup.insert(message, message.ts.toMSecsSinceEpoch());
}

qint64 StoreIndex::lastSeq(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.cend() ? 0 : it->lastSeq;
}

bool StoreIndex::findByClientId(const QString& userId, const QString& clientId,
                                const QDateTime& now, ChatMessage* out) const
{
    return m_dedup.find(userId, clientId, now.toMSecsSinceEpoch(), out);
}

QList<StoredRoom> StoreIndex::rooms() const
{
    QList<StoredRoom> result;
    result.reserve(m_rooms.size());
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        if (it->lastSeq > 0)
            result.append(StoredRoom{it.key(), it->lastSeq, it->lastMessageAt});
    }
    return result;
}

void StoreIndex::forgetClientIds(const QString& room)
{
    m_dedup.removeRoom(room);
}
