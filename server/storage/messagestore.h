#pragma once

#include "chatmessage.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

/// A message as the service hands it to the store, before it has a seq and an id.
struct MessageDraft
{
    QString room; ///< canonical room name
    QString userId;
    QString handle;
    QString text;     ///< validated: 1-4000 code points, not blank
    QString clientId; ///< idempotency key, empty when none
    QDateTime ts;     ///< server receive time (UTC)
};

/// Messages of one room answered by a history query, ascending by seq.
struct HistorySlice
{
    QList<ChatMessage> messages;
    /// messagesAfter(): some requested messages are no longer stored; either query: the store
    /// could not be read (a cluster node that lost Redis meanwhile).
    bool truncated = false;
    bool hasMore = false; ///< messagesBefore(): older stored messages exist
    /// The room's lastSeq() when the query was made: the slice holds nothing newer.
    qint64 lastSeq = 0;
};

/// A room with stored history, for list_rooms.
struct StoredRoom
{
    QString room;
    qint64 lastSeq = 0;
    QDateTime lastMessageAt;
};

/**
 * Where messages live: assigns each room's gapless seq, keeps history (at most the
 * configured number per room), and remembers (user_id, client_id) keys for DedupWindowMs
 * (shared protocol, "send_message").
 *
 * Consistency contract, relied on by join_room's "no gap, no overlap":
 * - append() may complete later (a batching store commits once per event-loop turn), but
 *   callbacks run in append order, on the caller's thread.
 * - Reads only show completed appends. lastSeq(), findByClientId() and rooms() answer at
 *   once. messagesAfter() and messagesBefore() may answer later (a store on disk reads on
 *   its own thread), always on the caller's thread and possibly before they return; the
 *   slice covers messages up to HistorySlice::lastSeq, the room's lastSeq() when the query
 *   was made, and nothing newer. A connection that subscribes in a turn where lastSeq() ==
 *   slice.lastSeq (reading again from slice.lastSeq while it is not) receives every later
 *   message exactly once, as a broadcast from the completion callback.
 */
class MessageStore
{
public:
    /// How long a client_id is remembered, ms (shared protocol: 10 minutes).
    static constexpr qint64 DedupWindowMs = 10 * 60 * 1000;

    /// Called once per append with the stored message; @p duplicate is true when the
    /// (user_id, client_id) key was already stored and @p stored is that original. When the
    /// store could not write the message (disk full, I/O error), @p stored.seq is 0: the
    /// message was not stored and must not be acknowledged.
    using AppendCallback = std::function<void(const ChatMessage& stored, bool duplicate)>;
    /// Called once per history query with its answer.
    using HistoryCallback = std::function<void(const HistorySlice& slice)>;

    virtual ~MessageStore() = default;

    /**
     * Stores @p draft with seq = lastSeq(room) + 1 and a new id "m_...".
     * A draft whose (user_id, client_id) was stored within DedupWindowMs is not stored
     * again: @p done gets the original with duplicate = true.
     */
    virtual void append(const MessageDraft& draft, AppendCallback done) = 0;

    /**
     * The message stored with (@p userId, @p clientId) within DedupWindowMs before @p now.
     * @return false when there is none (or @p clientId is empty).
     */
    virtual bool findByClientId(const QString& userId, const QString& clientId,
                                const QDateTime& now, ChatMessage* out) const = 0;

    /// Highest seq stored in @p room, 0 when none.
    virtual qint64 lastSeq(const QString& room) const = 0;

    /**
     * Answers every stored message of @p room with @p since < seq <= lastSeq(); truncated
     * when some of them are no longer stored (retention, purge). See the class comment for
     * when @p done runs.
     */
    virtual void messagesAfter(const QString& room, qint64 since, HistoryCallback done) = 0;

    /**
     * Answers at most @p limit messages of @p room with seq < @p before and seq <= lastSeq()
     * (the newest of them), ascending; hasMore when older stored ones exist. See the class
     * comment for when @p done runs.
     */
    virtual void messagesBefore(const QString& room, qint64 before, int limit,
                                HistoryCallback done) = 0;

    /// Rooms with stored history.
    virtual QList<StoredRoom> rooms() const = 0;

    /**
     * Deletes every stored message of @p room (admin purge). The room's seq is kept, so
     * later messages continue after lastSeq() and a `since` below it reports truncated.
     */
    virtual void purgeRoom(const QString& room) = 0;

    /// Calls @p done once everything appended so far is durable (at once for memory).
    virtual void flush(std::function<void()> done) = 0;

    /**
     * False while the store can neither read nor write (a cluster node that lost Redis):
     * join_room then answers server_busy instead of an empty history. Answers at once.
     * @return true for the single-node stores, always.
     */
    virtual bool isAvailable() const { return true; }
};
