#pragma once

#include "chatreply.h"
#include "requestparser.h"

#include <QElapsedTimer>
#include <QObject>

class MessageStore;
class Participants;
class RoomFanout;
class ServerMetrics;

/**
 * The message event family (shared protocol, "send_message", "history"): storing a message
 * exactly once and broadcasting it to the room, and paging back through a room's history.
 */
class MessageRequests : public QObject
{
    Q_OBJECT

public:
    /// All pointers must outlive this object.
    MessageRequests(Participants* participants, MessageStore* store, RoomFanout* fanout,
                    ServerMetrics* metrics, QObject* parent = nullptr);

    /**
     * send_message from participant @p id: requires membership (not_in_room); a repeat of a
     * (user_id, client_id) stored within the dedup window is answered with the original at
     * once (retry: no broadcast, no rate token); otherwise takes a rate token
     * (rate_limited), stores the message and, once it is stored, broadcasts it to every
     * member (the sender included) and answers. A message the store could not write is
     * answered server_busy (retry_after_ms 1000): the retry with the same client_id is safe.
     */
    void send(quint64 id, const RequestParser::SendMessage& request, ChatReply<SendAnswer> reply);
    /// history: a page of @p request.limit messages before @p request.before (or the newest).
    void history(quint64 id, const RequestParser::History& request, ChatReply<HistoryAnswer> reply);

private:
    Participants* m_participants;
    MessageStore* m_store;
    RoomFanout* m_fanout;
    ServerMetrics* m_metrics;
    QElapsedTimer m_clock; ///< for the append -> commit histogram
};
