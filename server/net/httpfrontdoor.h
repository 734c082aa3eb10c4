#pragma once

#include "handshakereader.h"
#include "httprequest.h"
#include "httpresponse.h"
#include "httproute.h"
#include "nativeupgrade.h"
#include "requestgate.h"

#include <QHostAddress>
#include <QList>
#include <QSslConfiguration>
#include <QTcpServer>

#include <functional>
#include <memory>
#include <optional>

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
 * The checks before the router and before an upgrade are RequestGate's (403 for a refused
 * peer or Origin, CORS and the preflight, 400 or 426 for a bad handshake, 429 and 503 for
 * the caps; docs/security.md); more than setMaxPendingHandshakes()
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
    using Route = HttpRoute;

    /// Decides what a complete, well-formed request head is (called once per request).
    using Router = RequestGate::Router;

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
    using PeerFilter = RequestGate::PeerFilter;
    /// Installs @p refuse, consulted once per request head (e.g. the admin bans).
    void setPeerFilter(PeerFilter refuse) { m_gate.setPeerFilter(std::move(refuse)); }
    /**
     * Serve TLS only, with @p configuration (local certificate chain and private key set).
     * Call before listen().
     */
    void setTlsConfiguration(const QSslConfiguration& configuration);
    /// Origins whose browser pages may open a WebSocket (others get 403); default: any.
    void setOriginPolicy(const OriginPolicy& policy) { m_gate.setOriginPolicy(policy); }
    /// Connection caps checked before each upgrade; not owned, may be null (no caps).
    void setAdmission(ConnectionAdmission* admission) { m_gate.setAdmission(admission); }
    /**
     * Called once per connection refused by the limits above, with the reason:
     * "origin", "per_ip_cap", "connection_cap" or "handshake_backlog" (for the metrics).
     */
    void setRefusalCounter(std::function<void(const QByteArray& reason)> count)
    {
        m_gate.setRefusalCounter(std::move(count));
    }
    /// Reverse proxies whose X-Forwarded-For / X-Real-IP name the client (default: none).
    void setTrustedProxies(const TrustedProxies& proxies) { m_gate.setTrustedProxies(proxies); }
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

    using Upgrade = NativeUpgrade;
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
    static constexpr int AddressLimitRetryAfterSecs = RequestGate::AddressLimitRetryAfterSecs;
    static constexpr int TotalLimitRetryAfterSecs = RequestGate::TotalLimitRetryAfterSecs;

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
    using UpgradeRoute = RequestGate::UpgradeRoute;
    using ExchangeRoute = RequestGate::ExchangeRoute;
    using Decision = RequestGate::Decision;

    /// Plain connections are read by m_reader and upgraded by m_upgradeHandler.
    bool nativeUpgrades() const { return m_upgradeHandler && !m_tls; }
    void watch(QTcpSocket* socket, qint64 deadlineMs);
    void onReadyRead(QTcpSocket* socket);
    void onHead(HandshakeReader::Head&& head);
    /// RequestGate::decide() with this front door's handshake check (native upgrades).
    Decision answer(HttpRequest::Parse parsed, const HttpRequest& request, const QHostAddress& peer)
    {
        return m_gate.decide(parsed, request, peer, nativeUpgrades());
    }
    void upgradeNatively(HandshakeReader::Head&& head, UpgradeRoute route);
    /// Makes @p socket a keep-alive HttpConnection that reads its request(s) from now on.
    void keepAlive(QTcpSocket* socket, const QByteArray& alreadyRead);
    void onKeepAliveRequest(HttpConnection* connection, HttpRequest&& request);
    void respond(QTcpSocket* socket, const HttpResponse& response);
    void onWebSocketReady();
    void forget(QTcpSocket* socket);

    const int m_handshakeTimeoutMs;
    const int m_maxHeadBytes;
    RequestGate m_gate;
    UpgradeHandler m_upgradeHandler;
    QWebSocketServer* m_webSockets = nullptr;
    std::unique_ptr<HandshakeReader> m_reader; ///< plain heads, read from descriptors
    QList<QTcpSocket*> m_pending;              ///< waiting for a request head (peeking)
    QList<QTcpSocket*> m_upgrading;            ///< handed to m_webSockets, handshake not done
    std::optional<QSslConfiguration> m_tls;
    int m_maxPendingHandshakes = 0;
    ExchangeHandler m_exchangeHandler;
    qint64 m_maxBodyBytes = 65536;
    int m_idleKeepAlive = 0; ///< keep-alive connections waiting for a request
};
