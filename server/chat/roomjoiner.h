#pragma once

#include "wireformat.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

class ChatPeer;
class MessageStore;
class RoomFanout;
struct HistorySlice;

/**
 * The history half of join_room (shared protocol, "Rooms": `since`, `history`, `last_seq`):
 * answers a join with its history and subscribes the connection to the room's live
 * messages in the same turn, with no gap and no overlap between the two.
 *
 * The connection is not subscribed while the history is read (a store on disk answers
 * later), so the messages stored meanwhile are not delivered to it live; when the slice
 * comes, reads on from HistorySlice::lastSeq while the store has newer ones (the
 * MessageStore consistency contract), then subscribes and answers in one turn.
 *
 * A connection may join a room again before the previous join is answered: every join is
 * answered, but only the latest one subscribes. Membership, presence and the join_room
 * checks stay with the service; this class only reads, subscribes and calls back.
 */
class RoomJoiner : public QObject
{
    Q_OBJECT

public:
    /// Called once per join with the complete history, right after the subscription (if any).
    using Answer = std::function<void(const HistorySlice& history)>;

    /// @p store and @p fanout must outlive the joiner.
    RoomJoiner(MessageStore* store, RoomFanout* fanout, QObject* parent = nullptr);
    ~RoomJoiner() override;

    /**
     * Starts connection @p connectionId's join of @p room; the caller has unsubscribed
     * @p peer from @p room if it was subscribed. The subscription is in @p format.
     * @param since  join_room's `since`, -1 when absent: the messages after it while it is
     *               at most the room's lastSeq(), else the newest
     *               ProtocolEvents::DefaultHistory messages.
     * @param answer called once with the history (possibly within this call), unless
     *               removeConnection() comes first.
     */
    void join(quint64 connectionId, ChatPeer* peer, const QString& room, qint64 since,
              WireFormat format, Answer answer);

    /// The connection left @p room: a join still reading is answered but does not subscribe.
    void cancel(quint64 connectionId, const QString& room);
    /// cancel() for every room of the connection (its Socket.IO session ended).
    void cancelAll(quint64 connectionId);
    /// The connection is gone: joins still reading end without subscription or answer.
    void removeConnection(quint64 connectionId);

private:
    struct Join
    {
        quint64 connectionId = 0;
        QString room;
        quint64 generation = 0;
        WireFormat format = WireFormat::SocketIo;
        Answer answer;
    };
    struct Joining
    {
        ChatPeer* peer = nullptr;
        /// Joins waiting for their history: room and generation of the latest one. Usually
        /// zero or one entry, so a list: a QHash allocates ~1.3 KiB on its first insert.
        QList<std::pair<QString, quint64>> latest;
        /// The generation of @p room's latest waiting join, 0 if none.
        quint64 latestFor(const QString& room) const;
        /// Forgets @p room's waiting join; true if there was one. Frees the list when empty.
        bool forget(const QString& room);
    };

    /// Answers @p join once @p slice reaches the room's lastSeq() (reads on until it does).
    void finish(const Join& join, const HistorySlice& slice);

    MessageStore* m_store;
    RoomFanout* m_fanout;
    /// Connections that have joined since they connected, by id.
    QHash<quint64, Joining> m_connections;
    quint64 m_nextGeneration = 1;
};
