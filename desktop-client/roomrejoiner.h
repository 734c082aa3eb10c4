#pragma once

#include "chaterror.h"
#include "chatmessage.h"
#include "member.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <utility>

class SocketIoClient;

/**
 * Joins rooms on the server and, after every (re)connection, joins the rooms of the
 * session again with `since` = the last seq the client holds, so the ack's `history` fills
 * exactly the gap (shared protocol, "Rooms": join_room with since; "history" for the
 * `truncated` flag). Reads the ack into a JoinResult: members, the history, how many
 * messages after `since` the server no longer has, and whether the server's seqs started
 * over (its last_seq is below ours: it lost the room's history, e.g. a restart with memory
 * storage).
 *
 * One join per room is in flight at a time. A room cancelled while its join is in flight
 * is left again (`leave_room`) when the server accepts the join anyway. A join refused
 * for now (`server_busy`, e.g. a cluster node without Redis, or `rate_limited`) is sent
 * again after the ack's `retry_after_ms` (1 s when absent, clamped to 250 ms - 60 s) and
 * counts as in flight meanwhile; only refusals for good reach refused().
 */
class RoomRejoiner : public QObject
{
    Q_OBJECT

public:
    /// What a successful `join_room` ack says, read for the client.
    struct JoinResult
    {
        QString room;
        QList<Member> members;      ///< malformed entries skipped
        QList<ChatMessage> history; ///< malformed entries skipped, seq order as sent
        qint64 since = -1;          ///< the `since` sent; -1 for a first join (no since)
        qint64 lastSeq = -1;        ///< the ack's last_seq; -1 when missing
        /// Messages after `since` the server no longer has (`truncated`), 0 when none.
        qint64 lostCount = 0;
        /// The server's last_seq is below `since`: its history of the room was reset.
        bool historyReset = false;
    };

    /// @param connection the transport; not owned, must outlive this object.
    explicit RoomRejoiner(SocketIoClient* connection, QObject* parent = nullptr);
    ~RoomRejoiner() override;

    /**
     * Sends `join_room` for @p room, with `since` = @p lastSeq when it is above 0.
     * @return false when nothing was sent: a join of the room is already in flight, or the
     *         connection is not connected.
     */
    bool join(const QString& room, qint64 lastSeq);

    /**
     * Joins every room of @p lastSeqByRoom (room, last seq held; in order), as join() does
     * for each. Call once the session of a new connection has started.
     * @return how many joins were sent.
     */
    int rejoinAll(const QList<std::pair<QString, qint64>>& lastSeqByRoom);

    /// True while a `join_room` of @p room is in flight.
    bool isJoining(const QString& room) const;

    /**
     * Forgets the join of @p room in flight (the user left): no joined() for it, and when
     * the server accepts it anyway, `leave_room` is sent.
     */
    void cancel(const QString& room);

    /// The connection dropped: nothing is in flight any more.
    void reset();

    /**
     * Reads a successful `join_room` ack (@p reply) for @p room joined with @p since (-1:
     * none). Pure; public for tests.
     */
    static JoinResult readAck(const QString& room, qint64 since, const QJsonObject& reply);

Q_SIGNALS:
    /// The server accepted the join of @p result.room.
    void joined(const RoomRejoiner::JoinResult& result);
    /// The server refused to join @p room with @p error, for good (not busy or rate limited).
    void refused(const QString& room, const ChatError& error);

private:
    void onAck(const QString& room, quint64 request, qint64 since, bool acked,
               const QJsonValue& reply);
    /// Sends join @p request of @p room again after @p error's retry_after_ms, unless it
    /// was cancelled, reset or superseded meanwhile.
    void retryLater(const QString& room, quint64 request, qint64 since, const ChatError& error);

    SocketIoClient* m_connection;
    QHash<QString, quint64> m_inFlight; // room -> id of its join request in flight
    quint64 m_nextRequest = 1;
};

Q_DECLARE_METATYPE(RoomRejoiner::JoinResult)
