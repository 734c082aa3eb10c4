#include "adminserver.h"

#include "adminapi.h"
#include "httprequest.h"
#include "httpresponse.h"
#include "opslogging.h"

#include <QTcpSocket>
#include <QTimer>

namespace {

void respond(QTcpSocket* socket, const HttpResponse& response)
{
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    socket->write(response.encode());
    socket->disconnectFromHost(); // flushes first; disconnected() deletes the socket
}

} // namespace

AdminServer::AdminServer(AdminApi* api, QObject* parent)
    : QTcpServer(parent)
    , m_api(api)
{}

void AdminServer::incomingConnection(qintptr socketDescriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    auto* deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    deadline->start(RequestTimeoutMs);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

void AdminServer::onReadyRead(QTcpSocket* socket)
{
    // The whole request stays in the socket's buffer until it is complete.
    const QByteArray bytes = socket->peek(MaxHeadBytes + MaxBodyBytes + 1);
    HttpRequest request;
    qsizetype headBytes = 0;
    switch (HttpRequest::parseHead(bytes, MaxHeadBytes, &request, &headBytes)) {
    case HttpRequest::Parse::Incomplete:
        return;
    case HttpRequest::Parse::TooLarge:
        respond(socket, AdminApi::error(431, "invalid_request", QStringLiteral("head too large")));
        return;
    case HttpRequest::Parse::Invalid:
        respond(socket,
                AdminApi::error(400, "invalid_request", QStringLiteral("malformed request")));
        return;
    case HttpRequest::Parse::Complete:
        break;
    }
    qint64 bodyBytes = 0;
    const QByteArray lengthHeader = request.header("content-length");
    if (!lengthHeader.isNull()) {
        bool ok = false;
        bodyBytes = lengthHeader.trimmed().toLongLong(&ok);
        if (!ok || bodyBytes < 0) {
            respond(socket,
                    AdminApi::error(400, "invalid_request", QStringLiteral("bad Content-Length")));
            return;
        }
    } else if (!request.header("transfer-encoding").isNull()) {
        respond(socket, AdminApi::error(411, "invalid_request",
                                        QStringLiteral("send a Content-Length, not chunks")));
        return;
    }
    if (bodyBytes > MaxBodyBytes) {
        respond(socket, AdminApi::error(413, "invalid_request", QStringLiteral("body too large")));
        return;
    }
    if (bytes.size() < headBytes + bodyBytes)
        return; // wait for the rest of the body
    qCDebug(lcAdmin) << "request from" << socket->peerAddress();
    respond(socket, m_api->handle(request, bytes.mid(headBytes, bodyBytes)));
}
