#pragma once

#include "chaterror.h"
#include "chatmessage.h"
#include "joinedroom.h"
#include "member.h"
#include "roomrejoiner.h"
#include "sessioninfo.h"
#include "socketioclient.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>

class ClientSession;
class HistoryPager;
class JoinedRoomsModel;
class MessageListModel;
class Outbox;
class RoomDirectory;
class RoomListModel;
class TypingRelay;

/**
 * The chat session as the widgets see it: a thin facade over ClientSession (connection
 * state, identity, notices), RoomRejoiner (joins, rejoined with `since` = the last seq held
 * after every reconnection, so the ack's history fills the gap), Outbox (sent messages
 * shown as pending and re-sent with the same client_id until acknowledged), RoomDirectory
 * (`list_rooms`), HistoryPager (older pages), TypingRelay, and one JoinedRoom (timeline
 * model and members) per joined room. Live `message` and presence events go to the room's
 * timeline. Source of the rules: shared protocol, "Identity", "Rooms", "send_message",
 * "history", "typing".
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
    /// The connection state machine and identity (ClientSession::setResumeToken()).
    ClientSession* clientSession() const { return m_session; }
    /// The messages sent and not yet acknowledged (Outbox::msUntilRetry() for a room).
    Outbox* outbox() const { return m_outbox; }

    /// The current identity; empty before the first `session` event.
    SessionInfo session() const;

    /// True while connected and this connection's `session` has arrived.
    bool isReady() const;

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
     * Sends @p text to the joined room @p room. The message is queued in the outbox, added
     * as pending to the room's model at once and sent when the room is joined on the server.
     * @return false, emitting sendFailed(), when the room is not joined or the text is
     *         refused by Outbox::refusal() (blank, too long, invalid characters).
     */
    bool sendMessage(const QString& room, const QString& text);

    /// Asks the server for its rooms (`list_rooms`); the answer fills serverRooms(). They
    /// are also asked every RoomDirectory::RefreshIntervalMs while ready.
    void refreshRooms();

    /// The server's rooms as last refreshed.
    RoomListModel* serverRooms() const;
    /// The rooms this client has joined, in the order joined.
    JoinedRoomsModel* joinedRooms() const { return m_joinedRooms; }
    /// Canonical names of the joined rooms, in the order joined.
    QStringList joinedRoomNames() const;
    /// The timeline of joined room @p room, or nullptr when it is not joined.
    MessageListModel* messages(const QString& room) const;
    /// Members of @p room as of the last join ack and presence events.
    QList<Member> members(const QString& room) const;

    /**
     * Our typing state in @p room. Call with true on every edit of the input: `typing:true`
     * goes out at once and then at most every TypingNotifier::RefreshMs; false (or
     * TypingNotifier::IdleMs without a call) sends `typing:false` once. Ignored unless the
     * room is joined.
     */
    void setTyping(const QString& room, bool typing);
    /// Other users typing in @p room, in the order they started (expire on their own).
    QList<Member> typingMembers(const QString& room) const;

    /**
     * Pages older messages of @p room in at the top of its model, or (fetchNewerMessages,
     * after older pages pushed the newest out of the window) newer ones back in; see
     * HistoryPager::fetch().
     * @return false when nothing was asked: not joined, a fetch already running, or nothing
     *         more in that direction.
     */
    bool fetchOlderMessages(const QString& room);
    bool fetchNewerMessages(const QString& room);
    /// True while a `history` request of @p room is in flight.
    bool isFetchingHistory(const QString& room) const;

    /// Sends a failed message of @p room again, with the same client_id.
    void retryMessage(const QString& room, const QString& clientId);

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
    /// A new message arrived live (`message` event) in a joined room, ours included.
    void messageReceived(const ChatMessage& message);
    /// The member list of @p room changed (join ack or presence event).
    void membersChanged(const QString& room);
    /// The list of others typing in @p room changed.
    void typingChanged(const QString& room);
    /// The server rate-limited a send in @p room; the outbox goes out by itself in
    /// @p retryAfterMs milliseconds.
    void sendDelayed(const QString& room, int retryAfterMs);
    /// A `history` page for @p room was inserted (@p count messages; @p older: at the top).
    void historyFetched(const QString& room, int count, bool older);

private:
    void onSessionStarted(const SessionInfo& info);
    void onConnectionLost();
    void onEventReceived(const QString& name, const QJsonValue& argument);
    void onJoined(const RoomRejoiner::JoinResult& result);
    void onJoinRefused(const QString& room, const ChatError& error);

    void handleMessage(const QJsonObject& payload);
    void handlePresence(const QString& name, const QJsonObject& payload);
    void sendJoin(const QString& room);
    void flushOutbox(const QString& room);
    bool isJoined(const QString& room) const;
    bool dropRoom(const QString& room); // false when not joined

    SocketIoClient* m_connection;
    ClientSession* m_session;
    RoomRejoiner* m_rejoiner;
    Outbox* m_outbox;
    QHash<QString, JoinedRoom> m_rooms;
    RoomDirectory* m_directory;
    JoinedRoomsModel* m_joinedRooms;
    TypingRelay* m_typing;
    HistoryPager* m_history;
};
