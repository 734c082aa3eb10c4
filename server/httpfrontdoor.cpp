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

#include <cerrno>
#include <cstring>
#include <fcntl.h>

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
    for (QTcpSocket* socket : m_pending + m_upgrading) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
    }
}

void HttpFrontDoor::incomingConnection(qintptr socketDescriptor)
{
    QSslSocket* tlsSocket = m_tls ? new QSslSocket(this) : nullptr;
    QTcpSocket* socket = tlsSocket ? tlsSocket : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcServerNet) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
        return;
    }
    if (m_maxPendingHandshakes > 0 &&
        m_pending.size() + m_upgrading.size() >= m_maxPendingHandshakes) {
        qCDebug(lcServerNet) << "too many connections in their handshake; dropping a new one";
        countRefusal("handshake_backlog");
        socket->abort();
        socket->deleteLater();
        return;
    }
    // Small frames must not wait for delayed ACKs (../shared/facts.md: p99 7 ms -> 0.7 ms).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_pending.append(socket);

    auto* deadline = new QTimer(socket);
    deadline->setObjectName(QLatin1String(DeadlineTimerName));
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, socket] {
        qCDebug(lcServerNet) << "handshake deadline passed; aborting" << socket->peerAddress();
        forget(socket);
        socket->abort();
        socket->deleteLater();
    });
    deadline->start(m_handshakeTimeoutMs);

    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        forget(socket);
        socket->deleteLater();
    });
    if (tlsSocket) {
        // Routing starts once decrypted bytes arrive; a failed TLS handshake closes the
        // socket (disconnected() above) or runs into the deadline.
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

void HttpFrontDoor::onReadyRead(QTcpSocket* socket)
{
    // peek, never read: QWebSocketServer::handleConnection reads the head itself.
    const QByteArray bytes = socket->peek(m_maxHeadBytes + 1);
    HttpRequest request;
    qsizetype headBytes = 0;
    switch (HttpRequest::parseHead(bytes, m_maxHeadBytes, &request, &headBytes)) {
    case HttpRequest::Parse::Incomplete:
        return;
    case HttpRequest::Parse::TooLarge:
        respond(socket, HttpResponse::text(431, "request head too large\n"));
        return;
    case HttpRequest::Parse::Invalid:
        respond(socket, HttpResponse::text(400, "malformed request\n"));
        return;
    case HttpRequest::Parse::Complete:
        route(socket, request, headBytes);
        return;
    }
}

void HttpFrontDoor::route(QTcpSocket* socket, const HttpRequest& request, qsizetype headBytes)
{
    if (m_refusePeer && m_refusePeer(socket->peerAddress())) {
        respond(socket, HttpResponse::json(403, QJsonObject{{QStringLiteral("error"),
                                                             QStringLiteral("forbidden")}}));
        return;
    }
    if (request.path == QLatin1String("/socket.io/") ||
        request.path == QLatin1String("/socket.io")) {
        routeEngineIo(socket, request, headBytes);
        return;
    }
    if (request.method != "GET") {
        HttpResponse response = HttpResponse::text(405, "only GET is supported\n");
        response.extraHeaders.append(std::pair<QByteArray, QByteArray>("Allow", "GET"));
        respond(socket, response);
        return;
    }
    respond(socket, m_handler(request));
}

void HttpFrontDoor::routeEngineIo(QTcpSocket* socket, const HttpRequest& request,
                                  qsizetype headBytes)
{
    // The order of the checks follows the reference Engine.IO server's verify().
    if (request.queryValue(QStringLiteral("transport")) != QLatin1String("websocket")) {
        respond(socket, engineIoError(0, "Transport unknown"));
        return;
    }
    if (!request.queryValue(QStringLiteral("sid")).isEmpty()) {
        respond(socket, engineIoError(1, "Session ID unknown"));
        return;
    }
    if (request.method != "GET") {
        respond(socket, engineIoError(2, "Bad handshake method"));
        return;
    }
    if (request.queryValue(QStringLiteral("EIO")) != QLatin1String("4")) {
        respond(socket, engineIoError(5, "Unsupported protocol version"));
        return;
    }
    if (request.header("upgrade").toLower() != "websocket") {
        respond(socket, engineIoError(3, "Bad request"));
        return;
    }
    if (!originAllowed(request)) {
        // As the reference server answers a refused allowRequest().
        qCDebug(lcServerHttp) << "refused a WebSocket upgrade from origin"
                              << request.header("origin");
        countRefusal("origin");
        respond(socket, HttpResponse::json(403, QJsonObject{{QStringLiteral("code"), 4},
                                                            {QStringLiteral("message"),
                                                             QStringLiteral("Forbidden")}}));
        return;
    }
    if (m_upgradeHandler && !m_tls) {
        upgradeNatively(socket, request, headBytes);
        return;
    }
    if (!admit(socket))
        return;
    // The deadline keeps running until the upgrade completes (handleConnection arms none).
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    m_pending.removeOne(socket);
    m_upgrading.append(socket);
    m_webSockets->handleConnection(socket);
}

void HttpFrontDoor::upgradeNatively(QTcpSocket* socket, const HttpRequest& request,
                                    qsizetype headBytes)
{
    int status = 0;
    QByteArray reason;
    if (!WebSocketHandshake::validate(request, &status, &reason)) {
        qCDebug(lcServerHttp) << "bad WebSocket upgrade:" << reason;
        HttpResponse response = HttpResponse::text(status, reason + '\n');
        if (status == 426) // RFC 6455 §4.4: name the versions we speak
            response.extraHeaders.append(
                std::pair<QByteArray, QByteArray>("Sec-WebSocket-Version", "13"));
        respond(socket, response);
        return;
    }
    if (!admit(socket, false))
        return;
    const QHostAddress peer = socket->peerAddress();
    // The connection moves to a descriptor of its own; Qt's socket (and its notifiers,
    // which leave the event loop before it closes its descriptor) is then dropped.
    const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        qCWarning(lcServerNet) << "cannot take over an upgraded connection:"
                               << std::strerror(errno);
        if (m_admission)
            m_admission->release(peer);
        forget(socket);
        socket->abort();
        socket->deleteLater();
        return;
    }
    Upgrade upgrade;
    upgrade.fd = fd;
    upgrade.peer = peer;
    upgrade.response = WebSocketHandshake::response(request);
    upgrade.input = socket->readAll().mid(headBytes); // peeked so far, never consumed
    forget(socket);
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
    QObject* holder = m_upgradeHandler(upgrade);
    if (m_admission) {
        if (holder)
            m_admission->holdUntilDestroyed(holder, peer);
        else
            m_admission->release(peer);
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

bool HttpFrontDoor::admit(QTcpSocket* socket, bool holdWithSocket)
{
    if (!m_admission)
        return true;
    const QHostAddress address = socket->peerAddress();
    switch (m_admission->admit(address)) {
    case ConnectionAdmission::Verdict::Admitted:
        // Released when the TCP socket is destroyed, whoever owns it by then (or by the
        // holder that upgradeNatively() gets).
        if (holdWithSocket)
            m_admission->holdUntilDestroyed(socket, address);
        return true;
    case ConnectionAdmission::Verdict::AddressLimit:
        // Debug only: under attack this would flood the log (and addresses stay out of it).
        qCDebug(lcServerNet) << "per-address connection cap reached; refused" << address;
        countRefusal("per_ip_cap");
        respond(socket,
                refusal(429, "too_many_connections", "Too many connections from this address",
                        AddressLimitRetryAfterSecs));
        return false;
    case ConnectionAdmission::Verdict::TotalLimit:
        countRefusal("connection_cap");
        if (!m_lastFullWarning.isValid() || m_lastFullWarning.elapsed() > FullWarningIntervalMs) {
            qCWarning(lcServerNet).nospace() << "connection cap reached (" << m_admission->total()
                                             << " connections); refusing new ones with 503";
            m_lastFullWarning.start();
        }
        respond(socket, refusal(503, "server_busy", "The server is full; try again later",
                                TotalLimitRetryAfterSecs));
        return false;
    }
    return false;
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
