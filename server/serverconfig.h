#pragma once

#include <QString>
#include <QStringList>

/**
 * Every setting of the chat server, with the contract's defaults (shared protocol, "Server
 * command line the conformance suite relies on"). Tests construct one directly and change
 * what they need; `chat-server` fills one from its command line with parse().
 */
struct ServerConfig
{
    enum class Storage { Memory, Sqlite };

    /// Outcome of parse().
    enum class ParseResult {
        Ok,    ///< @p out is filled; run the server
        Help,  ///< --help or --version: print the message to stdout, exit 0
        Error, ///< bad command line: print the one-line message to stderr, exit 2
    };

    // --- Command-line settings -------------------------------------------------------------
    QString host = QStringLiteral("127.0.0.1"); ///< address to bind (--host)
    quint16 port = 8000;                        ///< TCP port, 0 = any free port (--port)
    /// Directory for the token secret (and, from issue 3, the SQLite file); empty = nothing
    /// persisted (an ephemeral secret per process). parse() defaults it to defaultDataDir().
    QString dataDir;
    Storage storage = Storage::Sqlite; ///< --storage memory|sqlite
    int presenceGraceMs = 15000;       ///< how long a dropped user stays a member, ms
    double messageRate = 2.0;          ///< send_message tokens per second; 0 = unlimited
    int messageBurst = 10;             ///< token bucket capacity; 0 = unlimited
    int maxPayloadBytes = 65536;       ///< largest WebSocket frame/message, bytes
    int historyLimit = 10000;          ///< stored messages kept per room
    qint64 tokenTtlSeconds = 604800;   ///< resume token lifetime, s (7 days)
    int pingIntervalMs = 25000;        ///< Engine.IO pingInterval, ms
    int pingTimeoutMs = 20000;         ///< Engine.IO pingTimeout, ms

    // --- Fixed limits (not on the command line yet; issue 5 exposes some) ------------------
    int handshakeTimeoutMs = 10000; ///< time to send a complete HTTP request head, ms
    int maxRequestHeadBytes = 8192; ///< larger request heads get HTTP 431
    int connectTimeoutMs = 45000;   ///< Socket.IO CONNECT deadline after the open, ms
    int maxRoomsPerConnection = 50; ///< over it: too_many_rooms
    double typingCost = 0.2;        ///< tokens a `typing` event costs
    int violationLimit = 20;        ///< protocol violations tolerated per window
    int violationWindowMs = 60000;  ///< the window of violationLimit, ms
    int shutdownSpreadMs = 5000;    ///< notice retry_after_ms spread across clients, ms
    int shutdownDrainMs = 2000;     ///< longest wait for sockets to flush on shutdown, ms

    /// The per-user data directory (QStandardPaths::AppDataLocation of "chat-server").
    static QString defaultDataDir();

    /**
     * Parses a command line (arguments[0] is the program name) with QCommandLineParser.
     * Flags: --host, --port, --data-dir, --storage, --presence-grace-ms, --message-rate,
     * --message-burst, --max-payload, --history-limit, --token-ttl, --ping-interval-ms,
     * --ping-timeout-ms, --help, --version.
     * @param out     receives the settings; fields not given keep the defaults above, and
     *                dataDir defaults to defaultDataDir().
     * @param message for Help the text to print; for Error one line naming the bad flag
     *                (unknown option, non-number, negative, out of range, unknown storage).
     */
    static ParseResult parse(const QStringList& arguments, ServerConfig* out, QString* message);
};
