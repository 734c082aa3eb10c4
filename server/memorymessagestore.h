#pragma once

#include "messagestore.h"

#include <QHash>

#include <deque>

/**
 * MessageStore in memory (`--storage memory`): appends complete synchronously; each room
 * keeps its last @p historyLimit messages; nothing survives a restart.
 */
class MemoryMessageStore : public MessageStore
{
public:
    /// @param historyLimit messages kept per room (>= 1); older ones are dropped.
    explicit MemoryMessageStore(int historyLimit);

    void append(const MessageDraft& draft, AppendCallback done) override;
    bool findByClientId(const QString& userId, const QString& clientId, const QDateTime& now,
                        ChatMessage* out) const override;
    qint64 lastSeq(const QString& room) const override;
    HistorySlice messagesAfter(const QString& room, qint64 since) const override;
    HistorySlice messagesBefore(const QString& room, qint64 before, int limit) const override;
    QList<StoredRoom> rooms() const override;
    void purgeRoom(const QString& room) override;
    void flush(std::function<void()> done) override;

private:
    struct RoomLog
    {
        qint64 lastSeq = 0;
        std::deque<ChatMessage> messages; ///< consecutive seqs, oldest first
    };
    struct DedupEntry
    {
        qint64 storedAtMs = 0;
        ChatMessage message;
    };

    static QString dedupKey(const QString& userId, const QString& clientId);
    void pruneDedup(qint64 nowMs);

    const int m_historyLimit;
    QHash<QString, RoomLog> m_rooms;
    QHash<QString, DedupEntry> m_dedup;
    std::deque<std::pair<qint64, QString>> m_dedupOrder; ///< (storedAtMs, key), oldest first
};
