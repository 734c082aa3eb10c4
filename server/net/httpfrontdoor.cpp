#include "httpfrontdoor.h"

#include "connectionadmission.h"
#include "httpconnection.h"
#include "netlogging.h"
#include "websockethandshake.h"

#include <QJsonObject>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <unistd.h>

namespace {

const char* const DeadlineTimerName = "handshakeDeadline";
// The Route::endpoint of a socket on the QWebSocket path, until its upgrade completes.
const char* const EndpointProperty = "chatEndpoint";
// Its client address (RequestGate::clientOf()), as text.
const char* const ClientProperty = "chatClientAddress";
// At most one "server full" warning per this interval, ms.

} // namespace

HttpFrontDoor::HttpFrontDoor(int handshakeTimeoutMs, int maxHeadBytes, Router router,
                             QObject* parent)
    : QTcpServer(parent)
    , m_handshakeTimeoutMs(handshakeTimeoutMs)
    , m_maxHeadBytes(maxHeadBytes)
    , m_gate(std::move(router))
    , m_webSockets(new QWebSocketServer(QStringLiteral("chat-server"),
                                        QWebSocketServer::NonSecureMode, this))
    , m_reader(std::make_unique<HandshakeReader>(
          handshakeTimeoutMs, maxHeadBytes,
          [this](HandshakeReader::Head&& head) { onHead(std::move(head)); }))
{
    // We take each connection as soon as it is ready, so the queue never fills; Qt's
    // default of 30 would refuse handshakes that complete in the same event-loop turn.
    m_webSockets->setMaxPendingConnections(1 << 20);
    // Qt's default accept backlog of 50 overflows when hundreds of clients connect at once
    // (a reconnect storm, the bench's idle scenario): dropped SYNs are retried only after
    // 1 s. The kernel caps this at net.core.somaxconn.
    setListenBacklogSize(4096);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &HttpFrontDoor::onWebSocketReady);
}

void HttpFrontDoor::setTlsConfiguration(const QSslConfiguration& configuration)
{
    m_tls = configuration;
}

HttpFrontDoor::~HttpFrontDoor()
{
    // Sockets still in handshake are our children and die with us; make them quiet first.
    // (m_reader closes the descriptors it still reads from.)
    for (QTcpSocket* socket : m_pending + m_upgrading) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
    }
}

void HttpFrontDoor::incomingConnection(qintptr socketDescriptor)
{
    if (m_maxPendingHandshakes > 0 &&
        pendingHandshakes() + m_upgrading.size() >= m_maxPendingHandshakes) {
        qCDebug(lcNet) << "too many connections in their handshake; dropping a new one";
        m_gate.countRefusal("handshake_backlog");
        ::close(int(socketDescriptor));
        return;
    }
    if (nativeUpgrades()) {
        m_reader->add(int(socketDescriptor)); // onHead() follows, maybe at once
        return;
    }
    QSslSocket* tlsSocket = m_tls ? new QSslSocket(this) : nullptr;
    QTcpSocket* socket = tlsSocket ? tlsSocket : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcNet) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
        return;
    }
    // Small frames must not wait for delayed ACKs (../shared/facts.md: p99 7 ms -> 0.7 ms).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_pending.append(socket);
    watch(socket, m_handshakeTimeoutMs);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    if (tlsSocket) {
        // Routing starts once decrypted bytes arrive; a failed TLS handshake closes the
        // socket (disconnected(), see watch()) or runs into the deadline.
        connect(tlsSocket, &QSslSocket::sslErrors, this, [](const QList<QSslError>& errors) {
            qCDebug(lcNet) << "TLS errors in handshake:" << errors;
        });
        tlsSocket->setSslConfiguration(*m_tls);
        tlsSocket->startServerEncryption();
        return;
    }
    if (socket->bytesAvailable() > 0)
        onReadyRead(socket);
}

void HttpFrontDoor::watch(QTcpSocket* socket, qint64 deadlineMs)
{
    auto* deadline = new QTimer(socket);
    deadline->setObjectName(QLatin1String(DeadlineTimerName));
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, socket] {
        qCDebug(lcNet) << "handshake deadline passed; aborting" << socket->peerAddress();
        forget(socket);
        socket->abort();
        socket->deleteLater();
    });
    deadline->start(int(deadlineMs));
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        forget(socket);
        socket->deleteLater();
    });
}

void HttpFrontDoor::onReadyRead(QTcpSocket* socket)
{
    // peek, never read: QWebSocketServer::handleConnection reads the head itself.
    const QByteArray bytes = socket->peek(m_maxHeadBytes + 1);
    HttpRequest request;
    qsizetype headBytes = 0;
    const HttpRequest::Parse parsed =
        HttpRequest::parseHead(bytes, m_maxHeadBytes, &request, &headBytes);
    if (parsed == HttpRequest::Parse::Incomplete)
        return;
    const QHostAddress peer = m_gate.clientOf(parsed, request, socket->peerAddress());
    const Decision decision = answer(parsed, request, peer);
    if (const auto* response = std::get_if<HttpResponse>(&decision)) {
        respond(socket, *response);
        return;
    }
    if (std::holds_alternative<ExchangeRoute>(decision)) {
        // Nothing was read (peeked only): the HttpConnection reads the request again.
        disconnect(socket, nullptr, this, nullptr);
        forget(socket);
        delete socket->findChild<QTimer*>(QLatin1String(DeadlineTimerName));
        keepAlive(socket, {});
        return;
    }
    const UpgradeRoute upgrade = std::get<UpgradeRoute>(decision);
    socket->setProperty(EndpointProperty, upgrade.endpoint);
    socket->setProperty(ClientProperty, peer.toString());
    // Released when the TCP socket is destroyed, whoever owns it by then.
    if (m_gate.admission() && upgrade.admitted)
        m_gate.admission()->holdUntilDestroyed(socket, peer);
    // The deadline keeps running until the upgrade completes (handleConnection arms none).
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    m_pending.removeOne(socket);
    m_upgrading.append(socket);
    m_webSockets->handleConnection(socket);
}

void HttpFrontDoor::onHead(HandshakeReader::Head&& head)
{
    head.peer = m_gate.clientOf(head.result, head.request, head.peer);
    const Decision decision = answer(head.result, head.request, head.peer);
    if (const auto* upgrade = std::get_if<UpgradeRoute>(&decision)) {
        upgradeNatively(std::move(head), *upgrade);
        return;
    }
    // Anything but an upgrade is rare: a QTcpSocket writes the answer (it may be larger than
    // the socket buffer) and closes in order, within what is left of the deadline.
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(head.fd)) {
        qCWarning(lcNet) << "cannot adopt accepted socket:" << socket->errorString();
        ::close(head.fd);
        delete socket;
        return;
    }
    if (std::holds_alternative<ExchangeRoute>(decision)) {
        keepAlive(socket, head.bytes);
        return;
    }
    watch(socket, std::max<qint64>(0, m_handshakeTimeoutMs - head.ageMs));
    respond(socket, std::get<HttpResponse>(decision));
}

void HttpFrontDoor::keepAlive(QTcpSocket* socket, const QByteArray& alreadyRead)
{
    auto* connection = new HttpConnection(
        socket, m_maxHeadBytes, m_maxBodyBytes, m_handshakeTimeoutMs,
        [this](HttpConnection* from, HttpRequest&& request) {
            onKeepAliveRequest(from, std::move(request));
        },
        this);
    ++m_idleKeepAlive;
    connect(connection, &HttpConnection::busyChanged, this,
            [this](bool busy) { m_idleKeepAlive += busy ? -1 : 1; });
    connect(connection, &HttpConnection::closed, this, [this, connection] {
        if (!connection->isBusy())
            --m_idleKeepAlive;
    });
    connection->start(alreadyRead);
}

void HttpFrontDoor::onKeepAliveRequest(HttpConnection* connection, HttpRequest&& request)
{
    const QHostAddress peer =
        m_gate.clientOf(HttpRequest::Parse::Complete, request, connection->peerAddress());
    if (!request.header("upgrade").isNull()) {
        // Our WebSocket paths take a connection from its first byte; browsers open a new
        // connection for a WebSocket anyway.
        connection->respond(HttpResponse::text(400, "open a WebSocket on a new connection\n"));
        return;
    }
    const Decision decision = answer(HttpRequest::Parse::Complete, request, peer);
    if (const auto* response = std::get_if<HttpResponse>(&decision)) {
        connection->respond(*response);
        return;
    }
    const ExchangeRoute route = std::get<ExchangeRoute>(decision); // no upgrade, see above
    const OriginPolicy::Headers cors = m_gate.origins().corsHeaders(request.header("origin"));
    if (route.admit) {
        if (std::optional<HttpResponse> refusal = m_gate.admit(peer)) {
            refusal->extraHeaders.append(cors);
            connection->respond(*refusal);
            return;
        }
    }
    auto* exchange = new HttpExchange(connection, std::move(request), cors, peer);
    if (!m_exchangeHandler) {
        if (route.admit && m_gate.admission())
            m_gate.admission()->release(peer);
        exchange->respond(HttpResponse::text(404, "not found\n"));
        return;
    }
    QObject* holder = m_exchangeHandler(exchange, route.endpoint);
    if (route.admit && m_gate.admission()) {
        if (holder)
            m_gate.admission()->holdUntilDestroyed(holder, peer);
        else
            m_gate.admission()->release(peer);
    }
}

void HttpFrontDoor::upgradeNatively(HandshakeReader::Head&& head, UpgradeRoute route)
{
    if (!m_upgradeHandler) { // removed since the connection was accepted
        qCWarning(lcNet) << "no upgrade handler; closing an upgraded connection";
        if (route.admitted)
            m_gate.admission()->release(head.peer);
        ::close(head.fd);
        return;
    }
    // The descriptor is in no event loop now (HandshakeReader dropped its notifier).
    Upgrade upgrade;
    upgrade.fd = head.fd;
    upgrade.peer = head.peer;
    upgrade.response = WebSocketHandshake::response(head.request);
    upgrade.input = head.bytes.mid(head.headBytes);
    upgrade.endpoint = route.endpoint;
    upgrade.request = std::move(head.request);
    QObject* holder = m_upgradeHandler(upgrade);
    if (route.admitted) {
        if (holder)
            m_gate.admission()->holdUntilDestroyed(holder, head.peer);
        else
            m_gate.admission()->release(head.peer);
    }
}

void HttpFrontDoor::respond(QTcpSocket* socket, const HttpResponse& response)
{
    qCDebug(lcHttp) << "HTTP" << response.status;
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    forget(socket);
    socket->write(response.encode());
    socket->disconnectFromHost(); // flushes, then closes; disconnected() deletes it
}

void HttpFrontDoor::onWebSocketReady()
{
    while (m_webSockets->hasPendingConnections()) {
        QWebSocket* webSocket = m_webSockets->nextPendingConnection();
        QTcpSocket* transport = nullptr;
        int endpoint = 0;
        QHostAddress client = webSocket->peerAddress();
        for (QTcpSocket* candidate : std::as_const(m_upgrading)) {
            if (candidate->peerPort() == webSocket->peerPort() &&
                candidate->peerAddress() == webSocket->peerAddress()) {
                transport = candidate;
                break;
            }
        }
        if (transport) {
            forget(transport);
            disconnect(transport, nullptr, this, nullptr);
            // QWebSocketServer deletes a handled socket when it disconnects; from now on
            // the receiver of webSocketAccepted() owns it instead.
            disconnect(transport, nullptr, m_webSockets, nullptr);
            delete transport->findChild<QTimer*>(QLatin1String(DeadlineTimerName));
            endpoint = transport->property(EndpointProperty).toInt();
            client = QHostAddress(transport->property(ClientProperty).toString());
        } else {
            qCWarning(lcNet) << "upgraded WebSocket without a known transport";
        }
        Q_EMIT webSocketAccepted(webSocket, transport, endpoint, client);
    }
}

void HttpFrontDoor::forget(QTcpSocket* socket)
{
    m_pending.removeOne(socket);
    m_upgrading.removeOne(socket);
}
