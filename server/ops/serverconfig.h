#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

/**
 * Every setting of the chat server, with the contract's defaults (shared protocol, "Server
 * command line the conformance suite relies on"). Tests construct one directly and change
 * what they need; `chat-server` fills one with ConfigLoader::parse() from, in order of
 * precedence, its command line, the environment (`CHAT_*`), the config file and the
 * defaults. The settings themselves are described in configoption.cpp (ConfigOption::all()).
 */
struct ServerConfig
{
    enum class Storage { Memory, Sqlite };
    enum class LogFormat { Text, Json };

    // --- Command-line settings -------------------------------------------------------------
    QString host = QStringLiteral("127.0.0.1"); ///< address to bind (--host)
    quint16 port = 8000;                        ///< TCP port, 0 = any free port (--port)
    /// Directory for the token secret and the SQLite file; empty = nothing persisted (an
    /// ephemeral secret per process and memory storage whatever `storage` says, as
    /// in-process tests use). parse() defaults it to defaultDataDir().
    QString dataDir;
    Storage storage = Storage::Sqlite; ///< --storage memory|sqlite
    int presenceGraceMs = 15000;       ///< how long a dropped user stays a member, ms
    double messageRate = 2.0;          ///< send_message tokens per second; 0 = unlimited
    int messageBurst = 10;             ///< token bucket capacity; 0 = unlimited
    double requestRate = 20.0;         ///< join/leave/list/history/typing per second; 0 = unlimited
    int requestBurst = 100;            ///< their token bucket's capacity; 0 = unlimited
    int maxPayloadBytes = 65536;       ///< largest WebSocket frame/message, bytes
    int historyLimit = 10000;          ///< stored messages kept per room
    qint64 tokenTtlSeconds = 604800;   ///< resume token lifetime, s (7 days)
    int pingIntervalMs = 25000;        ///< Engine.IO pingInterval, ms
    int pingTimeoutMs = 20000;         ///< Engine.IO pingTimeout, ms
    LogFormat logFormat = LogFormat::Text; ///< --log-format text|json (see LogFormatter)
    QtMsgType logLevel = QtInfoMsg;        ///< --log-level: least severe level logged
    /// Admin API address (--admin-listen HOST:PORT); empty = no admin API. Port 0 = any.
    QString adminHost;
    quint16 adminPort = 0;
    /// Bearer token of the admin API; required (16+ characters) when adminHost is set.
    /// A secret: never logged, hidden by --print-config.
    QString adminToken;
    /// Redis of a cluster of nodes (--cluster redis://HOST:PORT/DB, checked by
    /// ConfigLoader::parse());
    /// empty = a single node (history in `storage`, fan-out within the process).
    QString clusterUrl;
    /// File whose content the token signing key is derived from (--token-secret-file), the
    /// same on every node of a cluster; empty = `<dataDir>/token-secret.key`.
    QString tokenSecretFile;
    /// The config file that was read ("" when none): for messages only.
    QString configFile;

    // --- Limits (handshake-timeout-ms and connect-timeout-ms are settings too) -------------
    int handshakeTimeoutMs = 10000; ///< time for the TLS, HTTP and WebSocket handshakes, ms
    int maxRequestHeadBytes = 8192; ///< larger request heads get HTTP 431
    int threads = 0;                ///< WebSocket I/O threads (IoWorkerPool); 0 = one per CPU core
    bool webClient = true;          ///< serve the web client at `/` (resources/web)
    int connectTimeoutMs = 45000;   ///< Socket.IO CONNECT deadline after the open, ms
    int maxRoomsPerConnection = 50; ///< over it: too_many_rooms
    double typingCost = 0.2;        ///< tokens a `typing` event costs
    int violationLimit = 20;        ///< protocol violations tolerated per window
    int violationWindowMs = 60000;  ///< the window of violationLimit, ms
    int shutdownSpreadMs = 5000;    ///< notice retry_after_ms spread across clients, ms
    int shutdownDrainMs = 2000;     ///< longest wait for sockets to flush on shutdown, ms

    // --- Abuse limits and TLS (docs/security.md) -------------------------------------------
    /// Live WebSockets and polling sessions per client address (IPv6: /64), loopback
    /// included; 0 = no cap.
    int maxConnectionsPerIp = 64;
    int maxConnections = 10000; ///< live WebSockets in all; 0 = no cap
    /// Reverse proxies (addresses, CIDR blocks) whose X-Forwarded-For / X-Real-IP name the
    /// client (TrustedProxies); empty = none, the headers are ignored.
    QStringList trustedProxies;
    int maxRooms = 10000;                ///< rooms that may exist at once; over it: server_busy
    qint64 maxSendBufferBytes = 1 << 20; ///< unsent bytes before a connection is dropped
    int slowConsumerGraceMs = 1000;      ///< how long the send buffer may stay over it, ms
    int typingTimeoutMs = 6000;          ///< a `typing:true` expires after this, ms
    QString tlsCertFile;                 ///< PEM certificate chain; empty = plain ws://
    QString tlsKeyFile;                  ///< PEM private key of tlsCertFile
    QStringList allowedOrigins;          ///< browser Origins allowed to connect; empty = any

    /// The per-user data directory (QStandardPaths::AppDataLocation of "chat-server").
    static QString defaultDataDir();

    /// /etc/chat-server/chat-server.conf: read when present and no --config is given.
    static QString defaultConfigFile();
};
