#include "httpfrontdoor.h"

#include "serverlogging.h"

#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

const char* const DeadlineTimerName = "handshakeDeadline";

HttpResponse engineIoError(int code, const char* message)
{
    return HttpResponse::json(
        400, QJsonObject{{QStringLiteral("code"), code},
                         {QStringLiteral("message"), QString::fromLatin1(message)}});
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
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcServerNet) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
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
        route(socket, request);
        return;
    }
}

void HttpFrontDoor::route(QTcpSocket* socket, const HttpRequest& request)
{
    if (m_refusePeer && m_refusePeer(socket->peerAddress())) {
        respond(socket, HttpResponse::json(403, QJsonObject{{QStringLiteral("error"),
                                                             QStringLiteral("forbidden")}}));
        return;
    }
    if (request.path == QLatin1String("/socket.io/") ||
        request.path == QLatin1String("/socket.io")) {
        routeEngineIo(socket, request);
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

void HttpFrontDoor::routeEngineIo(QTcpSocket* socket, const HttpRequest& request)
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
    // The deadline keeps running until the upgrade completes (handleConnection arms none).
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    m_pending.removeOne(socket);
    m_upgrading.append(socket);
    m_webSockets->handleConnection(socket);
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

void HttpFrontDoor::forget(QTcpSocket* socket)
{
    m_pending.removeOne(socket);
    m_upgrading.removeOne(socket);
}
