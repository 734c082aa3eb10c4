#include "httpfrontdoor.h"

#include "connectionadmission.h"
#include "serverlogging.h"
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
// At most one "server full" warning per this interval, ms.
constexpr qint64 FullWarningIntervalMs = 10000;

HttpResponse engineIoError(int code, const char* message)
{
    return HttpResponse::json(
        400, QJsonObject{{QStringLiteral("code"), code},
                         {QStringLiteral("message"), QString::fromLatin1(message)}});
}

HttpResponse refusal(int status, const char* code, const char* message, int retryAfterSecs)
{
    HttpResponse response = HttpResponse::json(
        status, QJsonObject{{QStringLiteral("code"), QString::fromLatin1(code)},
                            {QStringLiteral("message"), QString::fromLatin1(message)}});
    if (retryAfterSecs > 0)
        response.extraHeaders.append({"Retry-After", QByteArray::number(retryAfterSecs)});
    return response;
}

QString normalizedOrigin(QString origin)
{
    origin = origin.trimmed().toLower();
    while (origin.endsWith(QLatin1Char('/')))
        origin.chop(1);
    return origin;
}

} // namespace

HttpFrontDoor::HttpFrontDoor(int handshakeTimeoutMs, int maxHeadBytes, RequestHandler handler,
                             QObject* parent)
    : QTcpServer(parent)
    , m_handshakeTimeoutMs(handshakeTimeoutMs)
    , m_maxHeadBytes(maxHeadBytes)
    , m_handler(std::move(handler))
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

void HttpFrontDoor::setAllowedOrigins(const QStringList& origins)
{
    m_allowedOrigins.clear();
    for (const QString& origin : origins) {
        const QString normalized = normalizedOrigin(origin);
        if (normalized == QLatin1String("*")) {
            m_allowedOrigins.clear();
            return;
        }
        if (!normalized.isEmpty())
            m_allowedOrigins.append(normalized);
    }
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
        qCDebug(lcServerNet) << "too many connections in their handshake; dropping a new one";
        countRefusal("handshake_backlog");
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
        qCWarning(lcServerNet) << "cannot adopt accepted socket:" << socket->errorString();
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
            qCDebug(lcServerNet) << "TLS errors in handshake:" << errors;
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
        qCDebug(lcServerNet) << "handshake deadline passed; aborting" << socket->peerAddress();
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
    const QHostAddress peer = socket->peerAddress();
    if (const std::optional<HttpResponse> response = answer(parsed, request, peer)) {
        respond(socket, *response);
        return;
    }
    // Released when the TCP socket is destroyed, whoever owns it by then.
    if (m_admission)
        m_admission->holdUntilDestroyed(socket, peer);
    // The deadline keeps running until the upgrade completes (handleConnection arms none).
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    m_pending.removeOne(socket);
    m_upgrading.append(socket);
    m_webSockets->handleConnection(socket);
}

void HttpFrontDoor::onHead(HandshakeReader::Head&& head)
{
    const std::optional<HttpResponse> response = answer(head.result, head.request, head.peer);
    if (!response) {
        upgradeNatively(std::move(head));
        return;
    }
    // Anything but an upgrade is rare: a QTcpSocket writes the answer (it may be larger than
    // the socket buffer) and closes in order, within what is left of the deadline.
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(head.fd)) {
        qCWarning(lcServerNet) << "cannot adopt accepted socket:" << socket->errorString();
        ::close(head.fd);
        delete socket;
        return;
    }
    watch(socket, std::max<qint64>(0, m_handshakeTimeoutMs - head.ageMs));
    respond(socket, *response);
}

std::optional<HttpResponse> HttpFrontDoor::answer(HttpRequest::Parse parsed,
                                                  const HttpRequest& request,
                                                  const QHostAddress& peer)
{
    switch (parsed) {
    case HttpRequest::Parse::Complete:
        return route(request, peer);
    case HttpRequest::Parse::TooLarge:
        return HttpResponse::text(431, "request head too large\n");
    case HttpRequest::Parse::Invalid:
    case HttpRequest::Parse::Incomplete: // not passed: callers wait for more bytes
        break;
    }
    return HttpResponse::text(400, "malformed request\n");
}

std::optional<HttpResponse> HttpFrontDoor::route(const HttpRequest& request,
                                                 const QHostAddress& peer)
{
    if (m_refusePeer && m_refusePeer(peer))
        return HttpResponse::json(
            403, QJsonObject{{QStringLiteral("error"), QStringLiteral("forbidden")}});
    if (request.path == QLatin1String("/socket.io/") || request.path == QLatin1String("/socket.io"))
        return routeEngineIo(request, peer);
    if (request.method != "GET") {
        HttpResponse response = HttpResponse::text(405, "only GET is supported\n");
        response.extraHeaders.append(std::pair<QByteArray, QByteArray>("Allow", "GET"));
        return response;
    }
    return m_handler(request);
}

std::optional<HttpResponse> HttpFrontDoor::routeEngineIo(const HttpRequest& request,
                                                         const QHostAddress& peer)
{
    // The order of the checks follows the reference Engine.IO server's verify().
    if (request.queryValue(QStringLiteral("transport")) != QLatin1String("websocket"))
        return engineIoError(0, "Transport unknown");
    if (!request.queryValue(QStringLiteral("sid")).isEmpty())
        return engineIoError(1, "Session ID unknown");
    if (request.method != "GET")
        return engineIoError(2, "Bad handshake method");
    if (request.queryValue(QStringLiteral("EIO")) != QLatin1String("4"))
        return engineIoError(5, "Unsupported protocol version");
    if (request.header("upgrade").toLower() != "websocket")
        return engineIoError(3, "Bad request");
    if (!originAllowed(request)) {
        // As the reference server answers a refused allowRequest().
        qCDebug(lcServerHttp) << "refused a WebSocket upgrade from origin"
                              << request.header("origin");
        countRefusal("origin");
        return HttpResponse::json(
            403, QJsonObject{{QStringLiteral("code"), 4},
                             {QStringLiteral("message"), QStringLiteral("Forbidden")}});
    }
    if (nativeUpgrades()) {
        // QWebSocketServer checks the rest itself; without it, WebSocketHandshake does.
        int status = 0;
        QByteArray reason;
        if (!WebSocketHandshake::validate(request, &status, &reason)) {
            qCDebug(lcServerHttp) << "bad WebSocket upgrade:" << reason;
            HttpResponse response = HttpResponse::text(status, reason + '\n');
            if (status == 426) // RFC 6455 §4.4: name the versions we speak
                response.extraHeaders.append(
                    std::pair<QByteArray, QByteArray>("Sec-WebSocket-Version", "13"));
            return response;
        }
    }
    return admit(peer);
}

void HttpFrontDoor::upgradeNatively(HandshakeReader::Head&& head)
{
    if (!m_upgradeHandler) { // removed since the connection was accepted
        qCWarning(lcServerNet) << "no upgrade handler; closing an upgraded connection";
        if (m_admission)
            m_admission->release(head.peer);
        ::close(head.fd);
        return;
    }
    // The descriptor is in no event loop now (HandshakeReader dropped its notifier).
    Upgrade upgrade;
    upgrade.fd = head.fd;
    upgrade.peer = head.peer;
    upgrade.response = WebSocketHandshake::response(head.request);
    upgrade.input = head.bytes.mid(head.headBytes);
    QObject* holder = m_upgradeHandler(upgrade);
    if (m_admission) {
        if (holder)
            m_admission->holdUntilDestroyed(holder, head.peer);
        else
            m_admission->release(head.peer);
    }
}

void HttpFrontDoor::respond(QTcpSocket* socket, const HttpResponse& response)
{
    qCDebug(lcServerHttp) << "HTTP" << response.status;
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
        } else {
            qCWarning(lcServerNet) << "upgraded WebSocket without a known transport";
        }
        Q_EMIT webSocketAccepted(webSocket, transport);
    }
}

bool HttpFrontDoor::originAllowed(const HttpRequest& request) const
{
    const QByteArray origin = request.header("origin");
    if (m_allowedOrigins.isEmpty() || origin.isNull())
        return true;
    return m_allowedOrigins.contains(normalizedOrigin(QString::fromLatin1(origin)));
}

std::optional<HttpResponse> HttpFrontDoor::admit(const QHostAddress& peer)
{
    if (!m_admission)
        return std::nullopt;
    switch (m_admission->admit(peer)) {
    case ConnectionAdmission::Verdict::Admitted:
        return std::nullopt;
    case ConnectionAdmission::Verdict::AddressLimit:
        // Debug only: under attack this would flood the log (and addresses stay out of it).
        qCDebug(lcServerNet) << "per-address connection cap reached; refused" << peer;
        countRefusal("per_ip_cap");
        return refusal(429, "too_many_connections", "Too many connections from this address",
                       AddressLimitRetryAfterSecs);
    case ConnectionAdmission::Verdict::TotalLimit:
        countRefusal("connection_cap");
        if (!m_lastFullWarning.isValid() || m_lastFullWarning.elapsed() > FullWarningIntervalMs) {
            qCWarning(lcServerNet).nospace() << "connection cap reached (" << m_admission->total()
                                             << " connections); refusing new ones with 503";
            m_lastFullWarning.start();
        }
        return refusal(503, "server_busy", "The server is full; try again later",
                       TotalLimitRetryAfterSecs);
    }
    return refusal(503, "server_busy", "The server is full; try again later",
                   TotalLimitRetryAfterSecs);
}

void HttpFrontDoor::countRefusal(const QByteArray& reason) const
{
    if (m_countRefusal)
        m_countRefusal(reason);
}

void HttpFrontDoor::forget(QTcpSocket* socket)
{
    m_pending.removeOne(socket);
    m_upgrading.removeOne(socket);
}
