#pragma once

#include "serverconfig.h"

#include <QObject>

#include <memory>

class AdminApi;
class AdminServer;
class BanList;
class BanStore;
class ChatService;
class ConnectionAdmission;
class DeliveryChannels;
class EventLoopLagProbe;
class Gateway;
class HttpApi;
class WebClientFiles;
class HttpFrontDoor;
class IdentityService;
class IoWorkerPool;
class MemoryTrimmer;
class MessageStore;
class PollingSessions;
class QHostAddress;
class QSslConfiguration;
class QTcpSocket;
class QWebSocket;
class RedisLink;
class RedisPresence;
class RedisRoomFeed;
class RoomFanout;
class ServerMetrics;

/**
 * The whole chat server behind one object, for `chat-server`'s main() and for tests that
 * run a server in-process:
 * @code
 *   ServerConfig config;          // contract defaults; dataDir empty = nothing persisted
 *   config.port = 0;              // any free port
 *   ChatServer server(config);
 *   QString error;
 *   if (!server.listen(&error)) ...
 *   QUrl url(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket")
 *                .arg(server.port()));
 * @endcode
 * Deleting the server closes every socket at once (clients see their connection drop) and
 * frees the port, so a new server can listen on it right away.
 */
class ChatServer : public QObject
{
    Q_OBJECT

public:
    explicit ChatServer(const ServerConfig& config, QObject* parent = nullptr);
    ~ChatServer() override;

    /**
     * Prepares the token secret (in config.dataDir, created with mode 0600 on first start),
     * opens the message store (Redis with config.clusterUrl, connecting in the background;
     * else SQLite in config.dataDir when config.storage is Sqlite and dataDir is set;
     * memory otherwise), and binds config.host:config.port, and
     * config.adminHost:config.adminPort when the admin API is on.
     * @param error one line on failure: bad host, port in use, data directory or database
     *              unusable (e.g. held by another chat-server).
     * loads the TLS certificate and key when configured, and binds config.host:config.port.
     * @param error one line on failure: bad host, port in use, data directory unusable,
     *              TLS files unusable.
     * @return false on failure; the server then does nothing.
     */
    bool listen(QString* error);

    /// The bound port (useful with config.port 0); 0 before listen() succeeded.
    quint16 port() const;
    /// The configuration the server was made with.
    const ServerConfig& config() const { return m_config; }
    /// The admin API's bound port; 0 when it is off or before listen() succeeded.
    quint16 adminPort() const;

    /**
     * Graceful shutdown: stops accepting, sends `notice` shutting_down to each client,
     * closes their WebSockets (never `41`), flushes the store, then emits finished().
     * Takes at most ServerConfig::shutdownDrainMs plus the store flush.
     */
    void shutdown();

Q_SIGNALS:
    /// shutdown() has completed.
    void finished();

private:
    /// How often the event-loop lag is sampled, ms.
    static constexpr int LagProbeIntervalMs = 250;

    bool listenAdmin(QString* error);
    /// --cluster: the Redis links, feed and store (the fan-out comes in buildCore()).
    bool openCluster(QString* error);
    /// The chat core, the gateway and the transports around them.
    void buildCore(const QByteArray& tokenSecret);
    bool listenFrontDoor(const QHostAddress& address, const QSslConfiguration& tls, QString* error);
    void onWebSocketAccepted(QWebSocket* socket, QTcpSocket* transport, int endpoint,
                             const QHostAddress& client);

    const ServerConfig m_config;
    std::unique_ptr<ServerMetrics> m_metrics;
    std::unique_ptr<BanList> m_bans;
    std::unique_ptr<BanStore> m_banStore; ///< keeps m_bans in the data directory
    std::unique_ptr<ConnectionAdmission> m_admission;
    std::unique_ptr<MemoryTrimmer> m_trimmer;
    /// With --cluster: the command and subscriber links to Redis and the room feed; they
    /// outlive the store and the fan-out that use them.
    std::unique_ptr<RedisLink> m_redis;
    std::unique_ptr<RedisLink> m_redisSubscriber;
    std::unique_ptr<RedisRoomFeed> m_feed;
    std::unique_ptr<RedisPresence> m_presence;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<IoWorkerPool> m_ioPool;       ///< outlives the fan-out and the connections
    std::unique_ptr<DeliveryChannels> m_channels; ///< outlives the fan-out and the peers
    std::unique_ptr<RoomFanout> m_fanout;
    std::unique_ptr<IdentityService> m_identity;
    std::unique_ptr<ChatService> m_service;
    std::unique_ptr<Gateway> m_gateway;
    std::unique_ptr<HttpApi> m_httpApi;
    std::unique_ptr<WebClientFiles> m_webFiles; ///< null with --web-client off
    std::unique_ptr<PollingSessions> m_polling; ///< Engine.IO sessions opened over polling
    std::unique_ptr<HttpFrontDoor> m_frontDoor;
    std::unique_ptr<AdminApi> m_adminApi;
    std::unique_ptr<AdminServer> m_adminServer;
    std::unique_ptr<EventLoopLagProbe> m_lagProbe;
    bool m_shuttingDown = false;
};
