#pragma once

#include "handshakereader.h"
#include "httprequest.h"
#include "httpresponse.h"
#include "originpolicy.h"
#include "trustedproxies.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QSslConfiguration>
#include <QTcpServer>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

class ConnectionAdmission;
class HttpConnection;
class HttpExchange;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

/**
 * The one listening port: accepts TCP connections, waits for a complete HTTP request head
 * within a deadline, asks the router what the request is, then either answers it or hands
 * a WebSocket upgrade on to the endpoint the router named. Knows HTTP and WebSocket
 * handshakes, nothing of the protocols spoken afterwards.
 *
 * Two paths, one set of checks (answer()): plain connections, when an upgrade handler is
 * set, are read straight from their descriptors by a HandshakeReader (no QTcpSocket until
 * there is an answer to write) and upgrades go to the handler as descriptors. TLS
 * connections, and plain ones without an upgrade handler, get a QSslSocket or QTcpSocket
 * that is peeked (never read) and upgrades go to a non-listening QWebSocketServer.
 *
 * A request the router routes as an exchange (Engine.IO polling) turns its connection into
 * a keep-alive HttpConnection: the request, with its body, goes to the exchange handler as
 * an HttpExchange answered when the handler likes, and every later request on that
 * connection is routed the same way (answers keep the connection open; an upgrade request
 * there gets 400: WebSockets start on a fresh connection).
 *
 * Malformed heads get 400, heads over the maximum 431. Abuse limits, checked before the
 * router (docs/security.md): a refused peer (setPeerFilter(), e.g. a ban) gets 403, and so
 * does a browser Origin refused by setOriginPolicy(), on every route; an allowed Origin
 * gets the CORS headers on every answer, and `OPTIONS` the preflight answer 204
 * (OriginPolicy::preflight()). Before an upgrade, or an exchange that opens a session: an
 * invalid WebSocket handshake 400 or 426, the connection caps of setAdmission() 503 (total)
 * or 429 (per address), both with a Retry-After header; more than setMaxPendingHandshakes()
 * connections still in their handshake (idle keep-alive connections included) makes new
 * ones be dropped at once. With
 * setTlsConfiguration() every connection starts with a TLS handshake (wss:// and https://
 * on the same port), and the routing works on the decrypted bytes.
 *
 * The client address that the peer filter, the caps and everything downstream see is the
 * TCP peer, or for a peer in setTrustedProxies() the address its forwarding headers name
 * (TrustedProxies::clientAddress()), resolved once per request.
 */
class HttpFrontDoor : public QTcpServer
{
    Q_OBJECT

public:
    /// What to do with one request, as the router decides.
    struct Route
    {
        enum class Kind {
            Respond,  ///< answer with response (and close, unless on a keep-alive connection)
            Upgrade,  ///< a WebSocket upgrade to endpoint (after the checks above)
            Exchange, ///< the exchange handler answers, maybe later (keep-alive)
        };
        Kind kind = Kind::Respond;
        HttpResponse response; ///< Respond: the answer
        int endpoint = 0;      ///< Upgrade, Exchange: the router's name for it, handed back
        /// Upgrade, Exchange: a new connection for the caps (setAdmission()); false for one
        /// that continues a session already counted (an Engine.IO polling request, upgrade).
        bool admit = true;

        static Route respond(HttpResponse response) { return {Kind::Respond, std::move(response)}; }
        static Route upgrade(int endpoint, bool admit = true)
        {
            return {Kind::Upgrade, {}, endpoint, admit};
        }
        static Route exchange(int endpoint, bool admit)
        {
            return {Kind::Exchange, {}, endpoint, admit};
        }
    };
    /// Decides what a complete, well-formed request head is (called once per request).
    using Router = std::function<Route(const HttpRequest&)>;

    /**
     * @param handshakeTimeoutMs time a client has to complete its request head and the
     *                           WebSocket handshake, in ms; then the socket is aborted.
     * @param maxHeadBytes       largest request head, in bytes.
     */
    HttpFrontDoor(int handshakeTimeoutMs, int maxHeadBytes, Router router,
                  QObject* parent = nullptr);
    ~HttpFrontDoor() override;

    /// Connections accepted whose request head is not complete yet, idle keep-alive ones too.
    int pendingHandshakes() const
    {
        return int(m_pending.size()) + m_reader->pendingCount() + m_idleKeepAlive;
    }

    /// Decides whether a peer is refused (true: HTTP 403 to any request, no upgrade).
    using PeerFilter = std::function<bool(const QHostAddress& peer)>;
    /// Installs @p refuse, consulted once per request head (e.g. the admin bans).
    void setPeerFilter(PeerFilter refuse) { m_refusePeer = std::move(refuse); }
    /**
     * Serve TLS only, with @p configuration (local certificate chain and private key set).
     * Call before listen().
     */
    void setTlsConfiguration(const QSslConfiguration& configuration);
    /// Origins whose browser pages may open a WebSocket (others get 403); default: any.
    void setOriginPolicy(const OriginPolicy& policy) { m_origins = policy; }
    /// Connection caps checked before each upgrade; not owned, may be null (no caps).
    void setAdmission(ConnectionAdmission* admission) { m_admission = admission; }
    /**
     * Called once per connection refused by the limits above, with the reason:
     * "origin", "per_ip_cap", "connection_cap" or "handshake_backlog" (for the metrics).
     */
    void setRefusalCounter(std::function<void(const QByteArray& reason)> count)
    {
        m_countRefusal = std::move(count);
    }
    /// Reverse proxies whose X-Forwarded-For / X-Real-IP name the client (default: none).
    void setTrustedProxies(const TrustedProxies& proxies) { m_proxies = proxies; }
    /// Connections allowed in their handshake at once (0 = no limit); more are dropped.
    void setMaxPendingHandshakes(int count) { m_maxPendingHandshakes = count; }
    /// Largest request body read on keep-alive connections, bytes (default 65536).
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }

    /**
     * Takes each Route::Kind::Exchange request (the exchange is a child of its connection:
     * hold it in a QPointer) with the route's endpoint. When the route admits, returns the
     * object that holds the admission until it is destroyed (null: released at once).
     * Without a handler, exchanges are answered 404.
     */
    using ExchangeHandler = std::function<QObject*(HttpExchange* exchange, int endpoint)>;
    void setExchangeHandler(ExchangeHandler handler) { m_exchangeHandler = std::move(handler); }

    /// A plain (non-TLS) WebSocket upgrade, accepted and detached from Qt's sockets.
    struct Upgrade
    {
        int fd = -1;         ///< the connection (non-blocking, TCP_NODELAY); handler owns it
        QHostAddress peer;   ///< the client's address (forwarded by a trusted proxy, or TCP)
        QByteArray response; ///< the HTTP 101 head to send first (RFC 6455 §4.2.2)
        QByteArray input;    ///< bytes read past the request head (usually none)
        int endpoint = 0;    ///< Route::endpoint of the request
        HttpRequest request; ///< the upgrade request (e.g. for its query)
    };
    /**
     * The handler takes over plain WebSocket upgrades: the front door checks the request
     * (WebSocketHandshake::validate(); 400 or 426 otherwise), the origin and the admission
     * caps, then hands the descriptor over instead of using QWebSocketServer. The handler returns
     * the object that holds the connection's admission until it is destroyed (null: released at
     * once; ignored when the route does not admit). TLS connections always take the QWebSocket
     * path (webSocketAccepted()).
     */
    using UpgradeHandler = std::function<QObject*(const Upgrade& upgrade)>;
    /// Call before listen(): it decides how connections are read.
    void setUpgradeHandler(UpgradeHandler handler) { m_upgradeHandler = std::move(handler); }
    /// Retry-After of a 429 answer, s.
    static constexpr int AddressLimitRetryAfterSecs = 10;
    /// Retry-After of a 503 answer, s.
    static constexpr int TotalLimitRetryAfterSecs = 30;

Q_SIGNALS:
    /**
     * A WebSocket upgrade to @p endpoint (Route::endpoint) completed on the QWebSocket path.
     * The receiver owns both objects from now on: @p socket is the WebSocket, @p transport
     * the TCP socket under it (QWebSocket does not own a socket it was upgraded from).
     * @p client is the client's address (forwarded by a trusted proxy, or the TCP peer).
     */
    void webSocketAccepted(QWebSocket* socket, QTcpSocket* transport, int endpoint,
                           const QHostAddress& client);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    /// An upgrade that passed the checks; admitted: it holds an admission.
    struct UpgradeRoute
    {
        int endpoint = 0;
        bool admitted = false;
    };
    /// A request for the exchange handler (admission not yet taken).
    struct ExchangeRoute
    {
        int endpoint = 0;
        bool admit = false;
    };
    using Decision = std::variant<HttpResponse, UpgradeRoute, ExchangeRoute>;

    /// Plain connections are read by m_reader and upgraded by m_upgradeHandler.
    bool nativeUpgrades() const { return m_upgradeHandler && !m_tls; }
    void watch(QTcpSocket* socket, qint64 deadlineMs);
    void onReadyRead(QTcpSocket* socket);
    void onHead(HandshakeReader::Head&& head);
    /**
     * The checks shared by both paths, for a head parsed as @p parsed from client address
     * @p peer (clientOf()): the answer to send, or the endpoint of a WebSocket upgrade that
     * passed them all and was admitted (the caller then holds or releases the admission).
     */
    Decision answer(HttpRequest::Parse parsed, const HttpRequest& request,
                    const QHostAddress& peer);
    Decision checkUpgrade(const HttpRequest& request, const QHostAddress& peer, const Route& route);
    /// The client address of @p request from TCP peer @p peer (see setTrustedProxies()).
    QHostAddress clientOf(HttpRequest::Parse parsed, const HttpRequest& request,
                          const QHostAddress& peer) const;
    void upgradeNatively(HandshakeReader::Head&& head, UpgradeRoute route);
    /// Makes @p socket a keep-alive HttpConnection that reads its request(s) from now on.
    void keepAlive(QTcpSocket* socket, const QByteArray& alreadyRead);
    void onKeepAliveRequest(HttpConnection* connection, HttpRequest&& request);
    void respond(QTcpSocket* socket, const HttpResponse& response);
    void onWebSocketReady();
    void forget(QTcpSocket* socket);
    /// Counts a connection from @p peer (none returned) or returns the refusal to send.
    std::optional<HttpResponse> admit(const QHostAddress& peer);
    void countRefusal(const QByteArray& reason) const;

    const int m_handshakeTimeoutMs;
    const int m_maxHeadBytes;
    Router m_router;
    PeerFilter m_refusePeer;
    UpgradeHandler m_upgradeHandler;
    QWebSocketServer* m_webSockets = nullptr;
    std::unique_ptr<HandshakeReader> m_reader; ///< plain heads, read from descriptors
    QList<QTcpSocket*> m_pending;              ///< waiting for a request head (peeking)
    QList<QTcpSocket*> m_upgrading;            ///< handed to m_webSockets, handshake not done
    std::optional<QSslConfiguration> m_tls;
    OriginPolicy m_origins;
    TrustedProxies m_proxies;
    ConnectionAdmission* m_admission = nullptr;
    int m_maxPendingHandshakes = 0;
    std::function<void(const QByteArray&)> m_countRefusal;
    ExchangeHandler m_exchangeHandler;
    qint64 m_maxBodyBytes = 65536;
    int m_idleKeepAlive = 0; ///< keep-alive connections waiting for a request
    QElapsedTimer m_lastFullWarning;
};
