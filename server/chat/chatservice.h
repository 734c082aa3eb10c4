#pragma once

#include "chatsettings.h"
#include "messagerequests.h"
#include "participants.h"
#include "roomrequests.h"
#include "sessioninfo.h"
#include "typingrequests.h"

#include <QJsonArray>
#include <QObject>

#include <functional>

class ChatPeer;
class IdentityService;
class MessageStore;
class QHostAddress;
class QTimer;
class RoomFanout;
class ServerMetrics;

/**
 * The chat core, transport- and dialect-neutral: it sees ChatPeers (frames in a wire
 * format out, a few ways to end) and is called with typed requests. This class owns the
 * connections' lifecycle (attach, identify, end of session, close, kick, shutdown and
 * drain); the event families are handled by rooms(), messages() and typing().
 * Shared protocol, "Identity", "Rooms", "Client -> server events", "Server -> client
 * events", "Shutdown".
 */
class ChatService : public QObject
{
    Q_OBJECT

public:
    /**
     * All pointers must outlive the service.
     * @param settings limits and timings (presence grace, rate, rooms, shutdown, ...).
     * @param store    message storage.
     * @param fanout   delivery of room events.
     * @param identity token verification and new identities.
     * @param metrics  counters to update.
     */
    ChatService(const ChatSettings& settings, MessageStore* store, RoomFanout* fanout,
                IdentityService* identity, ServerMetrics* metrics, QObject* parent = nullptr);
    /// Drops every connection (closeAllNow()).
    ~ChatService() override;

    /**
     * Adopts @p peer (ownership is taken) as a new participant, not yet identified.
     * @return its id (>= 1), or 0 when the service is shutting down: the peer is then
     *         deleted (deleteLater), which drops its connection.
     */
    quint64 attach(ChatPeer* peer);
    /**
     * Starts participant @p id's chat session (a Socket.IO CONNECT, a /ws open): resumes
     * the identity of @p token when it is valid, else makes a new one.
     * @return the `session` to tell the client (a fresh token every time).
     */
    SessionInfo identify(quint64 id, const QString& token);
    /**
     * Participant @p id's connection is gone (its peer reports it once). Handled from the
     * event loop, so it is safe to call from deep inside a handler or a broadcast: the
     * participant stays valid until those have returned. Then its peer is deleted.
     */
    void peerClosed(quint64 id);
    /**
     * Participant @p id's session ended without the connection (Socket.IO `41`): it leaves
     * every room as a drop does and must identify again before any request.
     */
    void endSession(quint64 id);

    /// join_room, leave_room, list_rooms and presence.
    RoomRequests& rooms() { return m_rooms; }
    const RoomRequests& rooms() const { return m_rooms; }
    /// send_message and history.
    MessageRequests& messages() { return m_messages; }
    /// typing.
    TypingRequests& typing() { return m_typing; }

    /// Open connections.
    int connectionCount() const { return m_participants.size(); }
    /**
     * The open connections for the admin API, by id: `[{"id":1,"user_id":"u_...",
     * "handle":"...","address":"203.0.113.7","rooms":["lobby"],"connected_ms":1234}]`
     * (user_id and handle are "" before the session starts).
     */
    QJsonArray connectionList() const;

    /// Decides which connections kick() ends, from the user id ("" before identify) and peer.
    using ConnectionFilter =
        std::function<bool(const QString& userId, const QHostAddress& address)>;
    /**
     * Ends every open connection @p filter selects (admin: disconnect a user, ban a range)
     * with ChatPeer::kick() and @p reason (also the metrics' close reason). Presence follows
     * as for any drop.
     * @return how many connections were ended.
     */
    int kick(const ConnectionFilter& filter, const QString& reason);

    /**
     * Graceful shutdown (shared protocol, "Shutdown"): every peer is told with a
     * retry_after_ms spread over ChatSettings::shutdownSpreadMs (ChatPeer::shutDown()).
     * drained() follows when all connections are gone, or after shutdownDrainMs with the
     * rest dropped. New connections are refused from now on.
     */
    void shutdown();
    /// Drops every connection at once, without presence events.
    void closeAllNow();

Q_SIGNALS:
    /// After shutdown(): every connection is gone.
    void drained();

private:
    void onClosed(quint64 id);
    void finishDrainIfDone();

    const ChatSettings m_settings;
    IdentityService* m_identity;
    ServerMetrics* m_metrics;
    Participants m_participants;
    TypingRequests m_typing;
    RoomRequests m_rooms;
    MessageRequests m_messages;
    bool m_shuttingDown = false;
    bool m_drained = false;
    QTimer* m_drainDeadline = nullptr;
};
