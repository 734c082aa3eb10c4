#include "httpconnection.h"

#include "netlogging.h"

#include <QTcpSocket>
#include <QTimer>

namespace {

/// Content-Length as a non-negative number; -1 when absent, -2 when malformed or given
/// twice (RFC 9112 §6.3: a request smuggling vector, answered 400).
qint64 contentLength(const HttpRequest& request)
{
    QByteArray value;
    for (const auto& [name, field] : request.headers) {
        if (name != "content-length")
            continue;
        if (!value.isNull())
            return -2;
        value = field;
    }
    if (value.isNull())
        return -1;
    bool ok = false;
    const qint64 length = value.toLongLong(&ok);
    if (!ok || length < 0 || value.startsWith('+') || value.startsWith('-'))
        return -2;
    return length;
}

bool wantsClose(const HttpRequest& request)
{
    const QByteArray connection = request.header("connection").toLower();
    if (request.http10)
        return !connection.contains("keep-alive");
    return connection.contains("close");
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket* socket, int maxHeadBytes, qint64 maxBodyBytes,
                               int idleTimeoutMs, RequestHandler handler, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_maxHeadBytes(maxHeadBytes)
    , m_maxBodyBytes(maxBodyBytes)
    , m_idleTimeoutMs(idleTimeoutMs)
    , m_handler(std::move(handler))
    , m_peer(socket->peerAddress())
    , m_idle(new QTimer(this))
{
    m_socket->setParent(this);
    m_idle->setSingleShot(true);
    connect(m_idle, &QTimer::timeout, this, [this] {
        qCDebug(lcHttp) << "keep-alive connection idle; closing";
        m_socket->abort();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_closed)
            return;
        m_closed = true;
        m_idle->stop();
        Q_EMIT closed();
        deleteLater();
    });
}

HttpConnection::~HttpConnection()
{
    disconnect(m_socket, nullptr, this, nullptr);
}

void HttpConnection::start(const QByteArray& alreadyRead)
{
    m_buffer = alreadyRead;
    armIdleTimer();
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_socket->abort();
        if (!m_closed) {
            m_closed = true;
            Q_EMIT closed();
            deleteLater();
        }
        return;
    }
    onReadyRead();
}

void HttpConnection::respond(const HttpResponse& response)
{
    if (!m_busy || m_closed)
        return;
    m_busy = false;
    Q_EMIT busyChanged(false);
    m_socket->write(response.encode(!m_closeAfterAnswer));
    if (m_closeAfterAnswer) {
        m_socket->disconnectFromHost(); // flushes, then closes; disconnected() follows
        return;
    }
    armIdleTimer();
    // A pipelined request may be waiting; read it on the next turn so that respond() never
    // calls the handler from inside the handler.
    QMetaObject::invokeMethod(this, &HttpConnection::readRequests, Qt::QueuedConnection);
}

void HttpConnection::abort()
{
    m_socket->abort();
}

void HttpConnection::onReadyRead()
{
    if (m_closeAfterAnswer) { // the rest of the stream is not ours to read
        m_socket->readAll();
        return;
    }
    m_buffer += m_socket->readAll();
    readRequests();
}

void HttpConnection::readRequests()
{
    if (m_busy || m_closed || m_closeAfterAnswer || m_buffer.isEmpty())
        return;
    HttpRequest request;
    qsizetype headBytes = 0;
    switch (HttpRequest::parseHead(m_buffer, m_maxHeadBytes, &request, &headBytes)) {
    case HttpRequest::Parse::Incomplete:
        return;
    case HttpRequest::Parse::TooLarge:
        fail(HttpResponse::text(431, "request head too large\n"));
        return;
    case HttpRequest::Parse::Invalid:
        fail(HttpResponse::text(400, "malformed request\n"));
        return;
    case HttpRequest::Parse::Complete:
        break;
    }
    if (!request.header("transfer-encoding").isNull()) {
        fail(HttpResponse::text(411, "send the body with a Content-Length\n"));
        return;
    }
    const qint64 length = contentLength(request);
    if (length == -2) {
        fail(HttpResponse::text(400, "malformed Content-Length\n"));
        return;
    }
    m_closeAfterAnswer = wantsClose(request);
    if (length > m_maxBodyBytes) {
        request.bodyTooLarge = true;
        m_closeAfterAnswer = true;
        m_buffer.clear();
    } else if (length > 0) {
        if (m_buffer.size() - headBytes < length)
            return; // wait for the rest of the body (within the idle deadline)
        request.body = m_buffer.mid(headBytes, length);
        m_buffer.remove(0, headBytes + length);
    } else {
        m_buffer.remove(0, headBytes);
    }
    m_idle->stop();
    m_busy = true;
    Q_EMIT busyChanged(true);
    m_handler(this, std::move(request));
}

void HttpConnection::fail(const HttpResponse& response)
{
    qCDebug(lcHttp) << "HTTP" << response.status << "on a keep-alive connection";
    m_closeAfterAnswer = true;
    m_buffer.clear();
    m_socket->write(response.encode());
    m_socket->disconnectFromHost();
}

void HttpConnection::armIdleTimer()
{
    m_idle->start(m_idleTimeoutMs);
}

HttpExchange::HttpExchange(HttpConnection* connection, HttpRequest request,
                           QList<std::pair<QByteArray, QByteArray>> extraHeaders,
                           QHostAddress client)
    : QObject(connection)
    , m_connection(connection)
    , m_request(std::move(request))
    , m_extraHeaders(std::move(extraHeaders))
    , m_client(std::move(client))
{
    connect(connection, &HttpConnection::closed, this, [this] {
        if (!m_answered)
            Q_EMIT aborted();
        deleteLater();
    });
}

void HttpExchange::respond(HttpResponse response)
{
    if (m_answered)
        return;
    m_answered = true;
    response.extraHeaders.append(m_extraHeaders);
    if (m_connection)
        m_connection->respond(response);
    deleteLater();
}

void HttpExchange::abort()
{
    if (m_connection)
        m_connection->abort();
}
