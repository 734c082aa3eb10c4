#pragma once

#include "chaterror.h"
#include "member.h"
#include "sessioninfo.h"
#include "socketioclient.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

class JoinedRoomsModel;
class MessageListModel;
class RoomListModel;

/**
 * The chat session on top of a SocketIoClient: the anonymous identity, the joined rooms
 * with one MessageListModel each, the outbox of messages not yet acknowledged, and the
 * server's room list.
 *
 * Identity: the `session` token is sent back in CONNECT on every reconnection, so the
 * same user_id and handle resume. Recovery: after every (re)connection each joined room is
 * joined again with `since` = the last seq its model holds; the ack's history fills the
 * gap and the model drops what it already has. Outbox: a sent message is shown as pending
 * at once and sent with a random client_id; until acknowledged (by the ack or by its
 * broadcast) it is re-sent with the same client_id after each rejoin, which the server
 * deduplicates. Source of the rules: shared protocol, "Identity", "Rooms", "send_message".
 */
class ChatClient : public QObject
{
    Q_OBJECT

public:
    /**
     * @param connection the transport; not owned, must outlive this object. Its state
     *                   changes and events drive the session.
     */
    explicit ChatClient(SocketIoClient* connection, QObject* parent = nullptr);
    ~ChatClient() override;

    SocketIoClient* connection() const { return m_connection; }

    /// The current identity; empty before the first `session` event.
    SessionInfo session() const { return m_session; }

    /// True while connected and this connection's `session` has arrived.
    bool isReady() const { return m_ready; }

    /**
     * Sets the token to resume an earlier identity with (e.g. from ClientSettings); sent in
     * the next CONNECT. An empty token asks for a new identity.
     */
    void setResumeToken(const QString& token);

    /**
     * Joins room @p name (any case, surrounding spaces allowed). The room is listed in
     * joinedRooms() at once and joined on the server now or after connecting.
     * @return false, emitting roomJoinFailed() with the reason, when the name is invalid
     *         (rules: RoomName::canonicalize). Joining a joined room returns true.
     */
    bool joinRoom(const QString& name);

    /// Leaves the room (canonical name): removed locally at once, `leave_room` when connected.
    void leaveRoom(const QString& room);

    /**
     * Sends @p text to the joined room @p room. The message is added as pending to the
     * room's model at once and sent when the room is joined on the server.
     * @return false, emitting sendFailed(), when the room is not joined or the text is
     *         blank or longer than ChatText::MaxMessageCodePoints code points.
     */
    bool sendMessage(const QString& room, const QString& text);

    /// Asks the server for its rooms (`list_rooms`); the answer fills serverRooms().
    void refreshRooms();

    /// The server's rooms as last refreshed.
    RoomListModel* serverRooms() const { return m_serverRooms; }
    /// The rooms this client has joined, in the order joined.
    JoinedRoomsModel* joinedRooms() const { return m_joinedRooms; }
    /// Canonical names of the joined rooms, in the order joined.
    QStringList joinedRoomNames() const;
    /// The timeline of joined room @p room, or nullptr when it is not joined.
    MessageListModel* messages(const QString& room) const;
    /// Members of @p room as of the last join ack and presence events.
    QList<Member> members(const QString& room) const;

Q_SIGNALS:
    /// A `session` arrived: new identity, or the old one resumed (info.resumed).
    void sessionStarted(const SessionInfo& info);
    /// The server confirmed membership of @p room (first join or rejoin).
    void roomJoined(const QString& room);
    /// Joining @p name failed: invalid name (checked locally) or refused by the server.
    void roomJoinFailed(const QString& name, const QString& reason);
    /// @p room was left (locally; the server is told when connected).
    void roomLeft(const QString& room);
    /// A message could not be sent; @p reason is user-readable English from the server or us.
    void sendFailed(const QString& room, const QString& reason);
    /// The server sent `error` or refused a request.
    void serverErrorReceived(const ChatError& error);
    /// The server sent `notice` (e.g. code "shutting_down").
    void noticeReceived(const QString& code, const QString& message);

private:
    struct Room
    {
        MessageListModel* model = nullptr;
        QList<Member> members;
        bool joined = false;  // membership confirmed on this connection
        bool joining = false; // join_room in flight
    };

    void onConnectionStateChanged(SocketIoClient::State state);
    void onEventReceived(const QString& name, const QJsonValue& argument);

    void handleSession(const QJsonObject& payload);
    void handleMessage(const QJsonObject& payload);
    void handlePresence(const QString& name, const QJsonObject& payload);
    void handleNotice(const QJsonObject& payload);
    void sendJoin(const QString& room);
    void onJoinAck(const QString& room, bool acked, const QJsonValue& reply);
    void flushOutbox(const QString& room);
    void sendPending(const QString& room, const QString& clientId, const QString& text);
    void onSendAck(const QString& room, const QString& clientId, bool acked,
                   const QJsonValue& reply);

    SocketIoClient* m_connection;
    SessionInfo m_session;
    bool m_ready = false; // connected and `session` received: requests may be sent
    QHash<QString, Room> m_rooms;
    QSet<QString> m_inFlight; // client ids sent and not yet acknowledged on this connection
    RoomListModel* m_serverRooms;
    JoinedRoomsModel* m_joinedRooms;
};
