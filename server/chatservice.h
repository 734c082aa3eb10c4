#pragma once

#include "engineiosession.h"
#include "roomjoiner.h"
#include "roomregistry.h"
#include "serverconfig.h"
#include "sessioninfo.h"
#include "tokenbucket.h"
#include "typingexpiry.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <functional>
#include <map>
#include <memory>

class ClientConnection;
class IdentityService;
class QHostAddress;
class MessageStore;
class QTimer;
class RoomFanout;
class ServerMetrics;
struct ChatError;
struct HistorySlice;
struct PresenceEvent;

/**
 * The chat application: one EngineIoSession per connection, identities, rooms, presence,
 * messages and rate limits (shared protocol, "Identity", "Rooms", "Client -> server
 * events", "Server -> client events"). Transport-agnostic: it sees ClientConnections, and
 * reaches other connections only through the RoomFanout.
 */
class ChatService : public QObject
{
    Q_OBJECT

public:
    /**
     * All pointers must outlive the service.
     * @param config   limits and timings (presence grace, rate, heartbeat, ...).
     * @param store    message storage.
     * @param fanout   delivery of room broadcasts.
     * @param identity token verification and new identities.
     * @param metrics  counters to update.
     */
    ChatService(const ServerConfig& config, MessageStore* store, RoomFanout* fanout,
                IdentityService* identity, ServerMetrics* metrics, QObject* parent = nullptr);
    ~ChatService() override;

    /// Adopts a new connection (ownership is taken) and sends the Engine.IO open packet.
    void addConnection(ClientConnection* connection);

    /// Open connections.
    int connectionCount() const { return int(m_clients.size()); }
    /// The list_rooms answer `{"ok":true,"rooms":[...]}`, sorted by name (also GET /rooms).
    QJsonObject roomList() const;
    /// Rooms that exist: with members or stored history.
    int roomCount() const;

    /**
     * The open connections for the admin API, by id: `[{"id":1,"user_id":"u_...",
     * "handle":"...","address":"203.0.113.7","rooms":["lobby"],"connected_ms":1234}]`
     * (user_id and handle are "" before the Socket.IO CONNECT).
     */
    QJsonArray connectionList() const;

    /// Decides which connections kick() ends, from the user id ("" before CONNECT) and peer.
    using ConnectionFilter =
        std::function<bool(const QString& userId, const QHostAddress& address)>;
    /**
     * Ends every open connection @p filter selects (admin: disconnect a user, ban a range):
     * sends Socket.IO `41`, so that standard clients do not come back by themselves, then
     * closes the WebSocket with 1008 and @p reason (also the metrics' close reason).
     * Presence follows as for any drop.
     * @return how many connections were ended.
     */
    int kick(const ConnectionFilter& filter, const QString& reason);

    /**
     * Graceful shutdown (shared protocol, "Shutdown"): every client gets `notice`
     * shutting_down with a retry_after_ms spread over ServerConfig::shutdownSpreadMs, then
     * a WebSocket close 1001 (never `41`). drained() follows when all connections are gone,
     * or after ServerConfig::shutdownDrainMs with the rest aborted. New connections are
     * refused from now on.
     */
    void shutdown();
    /// Drops every connection at once (close frame 1001 where possible), no presence events.
    void closeAllNow();

Q_SIGNALS:
    /// After shutdown(): every connection is gone.
    void drained();

private:
    struct Client
    {
        quint64 id = 0;
        EngineIoSession* session = nullptr;
        bool identified = false;
        SessionInfo identity;
        // A list, not a QSet: at most maxRoomsPerConnection entries, and an empty or small
        // QSet costs over a KiB per connection (Qt 6 hash spans).
        QList<QString> rooms;
        TokenBucket bucket;
        qint64 connectedAtMs = 0; ///< m_clock time of addConnection()
    };

    void onSocketConnected(Client* client, const QJsonObject& auth);
    void onEvent(Client* client, const QString& name, const QJsonValue& argument, qint64 ackId);
    void onClosed(quint64 clientId);
    void onGraceExpired(const QString& room, const Member& user);

    /// Checks and membership here; the history and the subscription: RoomJoiner.
    void joinRoom(Client* client, const QJsonValue& payload, qint64 ackId);
    /// Acks a join with its members and @p slice (RoomJoiner::Answer), if still connected.
    void answerJoin(quint64 clientId, const QString& room, qint64 ackId, const HistorySlice& slice);
    void leaveRoom(Client* client, const QJsonValue& payload, qint64 ackId);
    void sendMessage(Client* client, const QJsonValue& payload, qint64 ackId);
    void listRooms(Client* client, const QJsonValue& payload, qint64 ackId);
    void history(Client* client, const QJsonValue& payload, qint64 ackId);
    void typing(Client* client, const QJsonValue& payload, qint64 ackId);

    /// Leaves every room as a drop does (presence grace), e.g. on `41` or disconnect.
    void dropFromRooms(Client* client);
    void publishPresence(const PresenceEvent& event, const ClientConnection* except);
    /// @p reason names the refused event in the metrics ("send_message", "typing").
    bool takeToken(Client* client, double cost, const char* reason, qint64 ackId);
    void publishTyping(const QString& room, const Member& user, bool typing,
                       const ClientConnection* except);
    /// Ends @p client's user's typing indicator in @p room (broadcasts `typing:false`).
    void stopTyping(Client* client, const QString& room);
    void reply(Client* client, const ChatError& error, qint64 ackId);
    void finishDrainIfDone();

    const ServerConfig m_config;
    MessageStore* m_store;
    RoomFanout* m_fanout;
    IdentityService* m_identity;
    ServerMetrics* m_metrics;
    RoomRegistry m_registry;
    TypingExpiry m_typing;
    RoomJoiner m_joiner;
    QElapsedTimer m_clock; ///< monotonic time for the token buckets
    std::map<quint64, std::unique_ptr<Client>> m_clients;
    quint64 m_nextClientId = 1;
    bool m_shuttingDown = false;
    bool m_drained = false;
    QTimer* m_drainDeadline = nullptr;
};
