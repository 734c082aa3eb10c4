#pragma once

#include "messagestore.h"

#include <QObject>

#include <deque>

class RedisLink;
class RedisRoomFeed;
struct RedisReply;

/**
 * MessageStore of a cluster node: history, seq and client_id dedup live in Redis, shared by
 * every node (issue 16). One Lua script per append runs atomically in Redis: it answers a
 * (user_id, client_id) stored within DedupWindowMs with the original; otherwise it takes
 * the room's next seq (HINCRBY chat:seq), appends the message to the room's stream
 * (XADD, MAXLEN = history limit), records the dedup key (SET PX DedupWindowMs) and
 * publishes the message on the room's channel. A message is acknowledged only once Redis
 * answered the script (it holds the message then) and this node's RedisRoomFeed has
 * handed it to the local fan-out, so the sender's room sees it before the ack, as on one
 * node. When Redis is unreachable append() answers at once with seq 0 (server_busy).
 *
 * lastSeq() and rooms() answer at once from the feed (what this node has delivered), which
 * is what the MessageStore consistency contract asks of them; findByClientId() answers
 * false (the dedup is the script's, cluster-wide, and append() reports the duplicate).
 * History reads run XRANGE / XREVRANGE on the room's stream, capped at lastSeq(); one
 * that Redis does not answer (lost meanwhile) is answered empty and truncated.
 */
class RedisMessageStore : public QObject, public MessageStore
{
    Q_OBJECT

public:
    /// @p link (commands) and @p feed must outlive the store.
    RedisMessageStore(RedisLink* link, RedisRoomFeed* feed, int historyLimit,
                      QObject* parent = nullptr);
    ~RedisMessageStore() override;

    void append(const MessageDraft& draft, AppendCallback done) override;
    bool findByClientId(const QString& userId, const QString& clientId, const QDateTime& now,
                        ChatMessage* out) const override;
    qint64 lastSeq(const QString& room) const override;
    void messagesAfter(const QString& room, qint64 since, HistoryCallback done) override;
    void messagesBefore(const QString& room, qint64 before, int limit,
                        HistoryCallback done) override;
    QList<StoredRoom> rooms() const override;
    void purgeRoom(const QString& room) override;
    /// At once: what Redis acknowledged is as durable as its persistence settings make it.
    void flush(std::function<void()> done) override;
    /// Both links up and the feed synced (RedisRoomFeed::isSynced()): Redis is reachable.
    bool isAvailable() const override;

    /// Appends waiting for their script's answer or their delivery (for tests, metrics).
    int pendingAppends() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        ChatMessage stored; ///< seq 0 until answered; stays 0 when it failed
        bool answered = false;
        bool duplicate = false;
        AppendCallback done;
    };

    void onScript(Pending* pending, const RedisReply& reply);
    /// Calls back, in append order, the appends that are answered and delivered.
    void pump();

    RedisLink* m_link;
    RedisRoomFeed* m_feed;
    const int m_historyLimit;
    std::deque<Pending> m_pending;
    bool m_pumping = false;
};
