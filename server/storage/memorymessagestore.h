#pragma once

#include "messagestore.h"
#include "storeindex.h"

#include <QHash>

#include <deque>

/**
 * MessageStore in memory (`--storage memory`): appends and reads complete synchronously; each room
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
    void messagesAfter(const QString& room, qint64 since, HistoryCallback done) override;
    void messagesBefore(const QString& room, qint64 before, int limit,
                        HistoryCallback done) override;
    /// messagesAfter(), answered synchronously.
    HistorySlice sliceAfter(const QString& room, qint64 since) const;
    /// messagesBefore(), answered synchronously.
    HistorySlice sliceBefore(const QString& room, qint64 before, int limit) const;
    QList<StoredRoom> rooms() const override;
    void purgeRoom(const QString& room) override;
    void flush(std::function<void()> done) override;

private:
    const int m_historyLimit;
    /// Each room's retained messages: consecutive seqs, oldest first.
    QHash<QString, std::deque<ChatMessage>> m_rooms;
    StoreIndex m_index;
};
