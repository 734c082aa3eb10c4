#pragma once

#include "dedupindex.h"
#include "messagestore.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

/**
 * What a single-node MessageStore answers at once from memory: each room's lastSeq and the
 * time of its latest message, and the (user_id, client_id) keys of the last DedupWindowMs
 * with their messages (shared protocol, "send_message": a repeat returns the original).
 * Shared by MemoryMessageStore and SqliteMessageStore; each keeps its messages itself.
 */
class StoreIndex
{
public:
    StoreIndex();

    /// Records @p message as stored: its room's lastSeq and latest time, and its dedup key.
    void noteStored(const ChatMessage& message);
    /// Restores a room's counters read back from disk (no dedup key).
    void restoreRoom(const QString& room, qint64 lastSeq, const QDateTime& lastMessageAt);
    /// Restores the dedup key of @p message, read back from disk.
    void restoreClientId(const ChatMessage& message);

    /// Highest seq stored in @p room, 0 when none.
    qint64 lastSeq(const QString& room) const;
    /// MessageStore::findByClientId(): the original stored within the window before @p now.
    bool findByClientId(const QString& userId, const QString& clientId, const QDateTime& now,
                        ChatMessage* out) const;
    /// MessageStore::rooms(): every room with at least one stored message.
    QList<StoredRoom> rooms() const;
    /// Forgets the dedup keys of @p room's messages (admin purge); its seq stays.
    void forgetClientIds(const QString& room);

    /// Rooms with counters.
    int roomCount() const { return int(m_rooms.size()); }
    /// Remembered dedup keys.
    int clientIdCount() const { return m_dedup.size(); }

private:
    struct Counters
    {
        qint64 lastSeq = 0;
        QDateTime lastMessageAt;
    };

    QHash<QString, Counters> m_rooms;
    DedupIndex m_dedup{MessageStore::DedupWindowMs};
};
