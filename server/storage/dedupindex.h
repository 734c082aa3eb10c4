#pragma once

#include "chatmessage.h"

#include <QHash>
#include <QString>

#include <deque>

/**
 * The (user_id, client_id) keys of recently stored messages with the messages themselves,
 * for exactly-once sends (shared protocol, "send_message": a repeat within 10 minutes
 * returns the original). Entries older than the window are dropped as new ones arrive.
 * Memory grows with the number of messages sent with a client_id within the window.
 */
class DedupIndex
{
public:
    /// @param windowMs how long a key is remembered, ms.
    explicit DedupIndex(qint64 windowMs);

    /**
     * Remembers @p message (its userId and clientId form the key) as stored at
     * @p storedAtMs (Unix ms). Messages without a client id are ignored. Call in
     * non-decreasing storedAtMs order for pruning to be exact.
     */
    void insert(const ChatMessage& message, qint64 storedAtMs);

    /**
     * The message stored with (@p userId, @p clientId) at most windowMs before @p nowMs.
     * @return false when there is none or @p clientId is empty.
     */
    bool find(const QString& userId, const QString& clientId, qint64 nowMs, ChatMessage* out) const;

    /// Forgets every message of @p room (admin purge). Linear in the number of entries.
    void removeRoom(const QString& room);

    /// Number of remembered keys.
    int size() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        qint64 storedAtMs = 0;
        ChatMessage message;
    };

    static QString key(const QString& userId, const QString& clientId);
    void prune(qint64 nowMs);

    const qint64 m_windowMs;
    QHash<QString, Entry> m_entries;
    std::deque<std::pair<qint64, QString>> m_order; ///< (storedAtMs, key), oldest first
};
