#include "socketioclient.h"

#include "clientlogging.h"
#include "enginehandshake.h"
#include "enginepacket.h"
#include "serverendpoint.h"
#include "socketpacket.h"

#include <QJsonArray>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QWebSocket>

SocketIoClient::SocketIoClient(QObject* parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &SocketIoClient::onDeadlineExpired);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SocketIoClient::onReconnectTimer);
}

SocketIoClient::~SocketIoClient()
{
    // Callbacks may refer to objects already destroyed: drop them without calling them.
    m_acks.dropAll();
    if (m_socket)
        disconnect(m_socket, nullptr, this, nullptr);
}

void SocketIoClient::setServerUrl(const QString& serverUrl)
{
    m_serverUrl = serverUrl;
}

void SocketIoClient::open()
{
    m_wantOpen = true;
    if (m_state == State::Connecting || m_state == State::Connected)
        return;
    m_reconnectTimer.stop();
    startAttempt();
}

void SocketIoClient::close()
{
    m_wantOpen = false;
    m_reconnectTimer.stop();
    m_deadline.stop();
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        if (m_state == State::Connected) {
            SocketPacket disconnectPacket;
            disconnectPacket.type = SocketPacket::Type::Disconnect;
            sendFrame(EnginePacket::encodeMessage(disconnectPacket.encode()));
        }
        m_socket->close();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_backoff.reset();
    setState(State::Offline);
    m_acks.failAll();
}

void SocketIoClient::reconnectNow()
{
    if (!m_wantOpen)
        return;
    m_reconnectTimer.stop();
    startAttempt();
}

bool SocketIoClient::emitEvent(const QString& name, const QJsonObject& payload,
                               AckCallback callback)
{
    if (m_state != State::Connected || !m_socket)
        return false;
    SocketPacket packet = SocketPacket::event(name, payload);
    if (callback)
        packet.id = m_acks.track(std::move(callback));
    qCDebug(lcClientNet) << "emit" << name << "ack id" << packet.id;
    sendFrame(EnginePacket::encodeMessage(packet.encode()));
    return true;
}

int SocketIoClient::msUntilReconnect() const
{
    if (m_state != State::Reconnecting || !m_reconnectTimer.isActive())
        return 0;
    return std::max(0, m_reconnectTimer.remainingTime());
}

void SocketIoClient::startAttempt()
{
    dropSocket();
    const QUrl url = ServerEndpoint::fromAddress(m_serverUrl);
    if (!url.isValid()) {
        qCWarning(lcClientNet) << "invalid server address; staying offline";
        m_wantOpen = false;
        setState(State::Offline);
        Q_EMIT connectErrorReceived(tr("Invalid server address"));
        return;
    }
    m_engineSid.clear();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &SocketIoClient::onSocketConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &SocketIoClient::onSocketGone);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &SocketIoClient::onSocketGone);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            &SocketIoClient::onTextMessageReceived);
    connect(m_socket, &QWebSocket::sslErrors, this, &SocketIoClient::onSslErrors);
    setState(State::Connecting);
    qCInfo(lcClientNet) << "connecting, attempt" << m_backoff.attempts();
    qCDebug(lcClientNet) << "endpoint" << url;
    m_deadline.start(m_connectTimeoutMs);
    m_socket->open(url);
}

void SocketIoClient::dropSocket()
{
    m_deadline.stop();
    if (!m_socket)
        return;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void SocketIoClient::onSocketConnected()
{
    if (!m_pinnedSha256.isEmpty() && m_socket->requestUrl().scheme() == QLatin1String("wss") &&
        !peerMatchesPin()) {
        qCWarning(lcClientNet) << "the server's TLS certificate does not match the pinned one";
        connectionLost("certificate mismatch");
        return;
    }
    qCDebug(lcClientNet) << "WebSocket open, waiting for the Engine.IO open packet";
}

void SocketIoClient::onSslErrors(const QList<QSslError>& errors)
{
    if (!m_pinnedSha256.isEmpty() && peerMatchesPin()) {
        qCInfo(lcClientNet) << "accepting the pinned TLS certificate";
        m_socket->ignoreSslErrors();
        return;
    }
    // Not ignored: the TLS handshake fails and the socket reports an error (onSocketGone).
    for (const QSslError& error : errors)
        qCWarning(lcClientNet) << "TLS certificate not trusted:" << error.errorString();
}

bool SocketIoClient::peerMatchesPin() const
{
    const QSslCertificate peer = m_socket->sslConfiguration().peerCertificate();
    return !peer.isNull() && peer.digest(QCryptographicHash::Sha256) == m_pinnedSha256;
}

void SocketIoClient::onSocketGone()
{
    connectionLost("WebSocket closed");
}

void SocketIoClient::onDeadlineExpired()
{
    connectionLost(m_engineSid.isEmpty() ? "handshake timed out" : "no ping from the server");
}

void SocketIoClient::onReconnectTimer()
{
    if (m_wantOpen)
        startAttempt();
}

void SocketIoClient::onTextMessageReceived(const QString& message)
{
    handleEnginePayload(message.toUtf8());
}

void SocketIoClient::handleEnginePayload(const QByteArray& frame)
{
    EnginePacket packet;
    QString error;
    if (!EnginePacket::decode(frame, &packet, &error)) {
        qCWarning(lcClientNet) << "ignoring malformed Engine.IO packet:" << error;
        return;
    }
    switch (packet.type) {
    case EnginePacket::Type::Open: {
        EngineHandshake handshake;
        if (!EngineHandshake::fromJson(packet.payload, &handshake, &error)) {
            qCWarning(lcClientNet) << "bad Engine.IO open packet:" << error;
            connectionLost("bad open packet");
            return;
        }
        m_engineSid = handshake.sid;
        m_heartbeatDeadlineMs = handshake.pingIntervalMs + handshake.pingTimeoutMs;
        m_deadline.start(m_heartbeatDeadlineMs);
        SocketPacket connectPacket;
        connectPacket.type = SocketPacket::Type::Connect;
        if (!m_authToken.isEmpty())
            connectPacket.data = QJsonObject{{QStringLiteral("token"), m_authToken}};
        sendFrame(EnginePacket::encodeMessage(connectPacket.encode()));
        return;
    }
    case EnginePacket::Type::Ping:
        // As the JS client: only a ping proves the server alive (shared facts).
        m_deadline.start(m_heartbeatDeadlineMs);
        sendFrame(EnginePacket{EnginePacket::Type::Pong, {}}.encode());
        return;
    case EnginePacket::Type::Close:
        connectionLost("Engine.IO close");
        return;
    case EnginePacket::Type::Message: {
        SocketPacket socketPacket;
        if (!SocketPacket::decode(packet.payload, &socketPacket, &error)) {
            qCWarning(lcClientNet) << "ignoring malformed Socket.IO packet:" << error;
            return;
        }
        handleSocketPacket(socketPacket);
        return;
    }
    case EnginePacket::Type::Pong:
    case EnginePacket::Type::Upgrade:
    case EnginePacket::Type::Noop:
        return;
    }
}

void SocketIoClient::handleSocketPacket(const SocketPacket& packet)
{
    if (packet.nsp != QLatin1String("/"))
        return; // only the default namespace is used
    switch (packet.type) {
    case SocketPacket::Type::Connect:
        qCInfo(lcClientNet) << "connected";
        m_backoff.reset();
        setState(State::Connected);
        return;
    case SocketPacket::Type::Disconnect:
        // Standard clients do not reconnect after a server DISCONNECT; neither do we.
        qCInfo(lcClientNet) << "server ended the session";
        m_wantOpen = false;
        dropSocket();
        setState(State::Offline);
        m_acks.failAll();
        return;
    case SocketPacket::Type::ConnectError: {
        const QString message = packet.data.toObject().value(QLatin1String("message")).toString();
        qCWarning(lcClientNet) << "CONNECT refused:" << message;
        m_wantOpen = false;
        dropSocket();
        setState(State::Offline);
        m_acks.failAll();
        Q_EMIT connectErrorReceived(message);
        return;
    }
    case SocketPacket::Type::Event:
        if (m_state == State::Connected)
            Q_EMIT eventReceived(packet.eventName(), packet.eventArgument());
        return;
    case SocketPacket::Type::Ack: {
        const AckCallback callback = m_acks.take(packet.id, &m_roundTripMs);
        if (!callback) {
            qCDebug(lcClientNet) << "ack for unknown id" << packet.id;
            return;
        }
        Q_EMIT roundTripMeasured(m_roundTripMs);
        const QJsonArray args = packet.data.toArray();
        callback(true, args.isEmpty() ? QJsonValue(QJsonValue::Undefined) : args.first());
        return;
    }
    case SocketPacket::Type::BinaryEvent:
    case SocketPacket::Type::BinaryAck:
        return;
    }
}

void SocketIoClient::connectionLost(const char* why)
{
    dropSocket();
    if (!m_wantOpen) {
        setState(State::Offline);
        m_acks.failAll();
        return;
    }
    int delay = m_backoff.nextDelayMs();
    if (m_deferredDelayMs >= 0) {
        delay = m_deferredDelayMs;
        m_deferredDelayMs = -1;
    }
    qCInfo(lcClientNet) << "connection lost:" << why << "- reconnecting in" << delay << "ms,"
                        << "attempt" << m_backoff.attempts();
    m_reconnectTimer.start(delay);
    setState(State::Reconnecting);
    m_acks.failAll();
}

void SocketIoClient::setState(State state)
{
    if (state == m_state && state != State::Reconnecting)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SocketIoClient::sendFrame(const QByteArray& frame)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(frame));
}
