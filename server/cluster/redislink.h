#pragma once

#include "redisreply.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

class QHostInfo;
class RedisNotifier;
class ServerMetrics;
struct redisAsyncContext;
struct redisReply;

/**
 * One connection to Redis (hiredis' asynchronous API on the Qt event loop), made again on
 * its own after a loss, with exponential backoff from ReconnectMinMs to ReconnectMaxMs.
 * Every command is answered exactly once, in order: with Redis' reply, or with a Lost
 * reply when the connection is down or goes down before the answer (the command may or
 * may not have run). A link may instead be put in subscriber mode with psubscribe(): it
 * then passes every published message to its handler and subscribes again after each
 * reconnection. A command link that leaves a command unanswered for CommandTimeoutMs is
 * dropped and made again (a PING keeps it checked while idle). Counts into ServerMetrics: round
 * trips, reconnections, commands in flight. Lives on the main thread.
 *
 * A host name is resolved without blocking the event loop (QHostInfo::lookupHost, on Qt's
 * lookup thread) before every connection attempt after a loss, so a changed DNS record is
 * followed; the addresses it gives are tried in turn (IPv4 first). hiredis itself only
 * ever gets a numeric address, whose getaddrinfo() does not query DNS.
 */
class RedisLink : public QObject
{
    Q_OBJECT

public:
    /// Where Redis is: redis://HOST[:PORT][/DB].
    struct Address
    {
        QString host;
        quint16 port = 6379;
        int db = 0;
        /**
         * Reads @p url (the --cluster value).
         * @return false, with a one-line reason in @p error, unless it is redis://HOST...
         */
        static bool fromUrl(const QString& url, Address* out, QString* error);
    };

    /// Called once per command with its reply (or Lost).
    using Callback = std::function<void(const RedisReply& reply)>;
    /// Called per message of a psubscribe() pattern: channel and payload.
    using MessageHandler = std::function<void(const QByteArray& channel, const QByteArray& data)>;

    static constexpr int ReconnectMinMs = 100;    ///< first wait after a loss, ms
    static constexpr int ReconnectMaxMs = 2000;   ///< longest wait between attempts, ms
    static constexpr int ConnectTimeoutMs = 2000; ///< a connection attempt's deadline, ms
    /// A command unanswered this long means Redis (or the path to it) hangs: the link is
    /// dropped, its commands answered Lost (server_busy), and made again, ms.
    static constexpr int CommandTimeoutMs = 3000;
    /// How often the command link checks that, sending a PING when idle, ms.
    static constexpr int LivenessIntervalMs = 1000;

    /// @p metrics (may be null) must outlive the link; @p name is for logs ("commands").
    RedisLink(const Address& address, const QString& name, ServerMetrics* metrics,
              QObject* parent = nullptr);
    ~RedisLink() override;

    /// Connects, and keeps connecting whenever the connection is lost.
    void start();
    /// True while connected (and the database selected, and subscribed in subscriber mode).
    bool isConnected() const { return m_ready; }

    /**
     * Sends one command; @p args are its words (binary safe). @p done runs once with the
     * reply, later, or within this call with Lost when not connected.
     */
    void command(const QList<QByteArray>& args, Callback done);

    /**
     * Subscriber mode: PSUBSCRIBE @p pattern now and after every reconnection; isConnected()
     * only once Redis confirmed it. No command() is allowed on the link afterwards.
     */
    void psubscribe(const QByteArray& pattern, MessageHandler handler);

Q_SIGNALS:
    /// The link is usable (again): connected, database selected, subscribed.
    void connected();
    /// The link was lost (commands in flight got Lost); it reconnects on its own.
    void disconnected();

private:
    struct Pending;
    static void onConnect(const redisAsyncContext* context, int status);
    static void onDisconnect(const redisAsyncContext* context, int status);
    static void onReply(redisAsyncContext* context, void* reply, void* privdata);
    static void onMessage(redisAsyncContext* context, void* reply, void* privdata);

    /// Connects to the next address of the last lookup, or looks the host up first.
    void connectNow();
    /// The lookup's answer: connects to its first address, or counts a failed attempt.
    void onLookedUp(const QHostInfo& info);
    /// redisAsyncConnect() to @p address (numeric: hiredis does no DNS query for it).
    void connectTo(const QHostAddress& address);
    void lost(const char* why);
    /// Selects nothing more to do: SELECT done; subscribes in subscriber mode, else ready.
    void becomeReady();
    /// Usable now: counts, logs, emits connected().
    void markReady();
    void send(const QList<QByteArray>& args, void (*callback)(redisAsyncContext*, void*, void*),
              void* privdata);
    void setUp(bool up);
    /// Every LivenessIntervalMs: drops a hanging command link, or PINGs an idle one.
    void checkLiveness();
    /// Frees the connection now (pending commands get Lost), then reconnects.
    void drop(const char* why);

    const Address m_address;
    const QString m_name;
    ServerMetrics* m_metrics;
    redisAsyncContext* m_context = nullptr;
    RedisNotifier* m_notifier = nullptr;
    QTimer m_retry;
    QTimer m_connectDeadline;
    QTimer m_liveness;
    int m_lookupId = -1;             ///< QHostInfo lookup on its way, -1 if none
    QList<QHostAddress> m_addresses; ///< the last lookup's, to try in turn
    qsizetype m_nextAddress = 0;     ///< index in m_addresses of the next attempt
    std::deque<qint64> m_sentNs;     ///< send times of the commands in flight, oldest first
    bool m_dropping = false;         ///< inside drop(): hiredis' disconnect callback is ours
    QElapsedTimer m_clock;
    int m_backoffMs = ReconnectMinMs;
    bool m_ready = false;
    bool m_wasReady = false; ///< for the reconnection count
    bool m_countedUp = false;
    QByteArray m_pattern; ///< subscriber mode when not empty
    MessageHandler m_handler;
};
