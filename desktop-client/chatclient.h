#pragma once

#include "chaterror.h"
#include "chatmessage.h"
#include "member.h"
#include "sessioninfo.h"
#include "socketioclient.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

class HistoryPager;
class JoinedRoomsModel;
class MessageListModel;
class RoomListModel;
class TypingNotifier;
class TypingTracker;

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
 * deduplicates. When the server answers a `since` join with `truncated`, a marker row
 * stands for the messages it no longer has. Older history is paged in on request
 * (fetchOlderMessages()). Typing: our own state is sent as `typing` events (repeated every
 * TypingNotifier::RefreshMs while typing, false when idle); others' are tracked with an
 * expiry (TypingTracker). Source of the rules: shared protocol, "Identity", "Rooms",
 * "send_message", "history", "typing".
 */
class ChatClient : public QObject
{
    Q_OBJECT

public:
    /// `list_rooms` is asked this often while connected (ms): it keeps the room list and
    /// the round-trip time in the status bar fresh.
    static constexpr int RoomsRefreshIntervalMs = 20000;

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
     * Asks the server for the HistoryPager::PageSize messages before the oldest one loaded in
     * @p room (`history` with before/limit); they are inserted at the top of its model.
     * @return false when nothing was asked: not joined, a fetch already running, or
     *         MessageListModel::canFetchOlder() false.
     */
    bool fetchOlderMessages(const QString& room);
    /**
     * After older pages pushed the newest messages out of the model's window, loads the
     * next newer page (`history` with before = newest loaded + 1 + page).
     * @return false when nothing was asked (the window is at the latest, not joined, busy).
     */
    bool fetchNewerMessages(const QString& room);
    /// True while a `history` request of @p room is in flight.
    bool isFetchingHistory(const QString& room) const;

    /// Sends a failed message of @p room again, with the same client_id.
    void retryMessage(const QString& room, const QString& clientId);
    /// Milliseconds until a rate-limited message of @p room goes out by itself; 0 when none.
    int msUntilSendRetry(const QString& room) const;

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
    struct Room
    {
        MessageListModel* model = nullptr;
        QList<Member> members;
        bool joined = false;  // membership confirmed on this connection
        bool joining = false; // join_room in flight
        qint64 since = -1;    // `since` of the join in flight, -1 when none
        qint64 retryAt = -1;  // m_clock ms when a rate-limited outbox goes out
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
    void handleTyping(const QJsonObject& payload);
    void sendTyping(const QString& room, bool typing);
    void applyJoinHistory(const QString& room, const QJsonObject& reply);

    SocketIoClient* m_connection;
    SessionInfo m_session;
    bool m_ready = false; // connected and `session` received: requests may be sent
    QHash<QString, Room> m_rooms;
    QSet<QString> m_inFlight; // client ids sent and not yet acknowledged on this connection
    RoomListModel* m_serverRooms;
    JoinedRoomsModel* m_joinedRooms;
    TypingTracker* m_typing;
    TypingNotifier* m_typingNotifier;
    HistoryPager* m_history;
    QElapsedTimer m_clock;
    QTimer m_roomsRefresh; // list_rooms every RoomsRefreshIntervalMs while ready
};
