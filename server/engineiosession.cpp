#include "engineiosession.h"

#include "chaterror.h"
#include "clientconnection.h"
#include "enginehandshake.h"
#include "enginepacket.h"
#include "frameencoder.h"
#include "randomid.h"
#include "serverlogging.h"
#include "socketpacket.h"

#include <QTimerEvent>

EngineIoSession::EngineIoSession(ClientConnection* connection, const Settings& settings,
                                 QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_settings(settings)
    , m_engineId(RandomId::generate(QString(), 20))
{
    m_connection->setParent(this);
    m_clock.start();
    connect(m_connection, &ClientConnection::textFrameReceived, this,
            &EngineIoSession::onTextFrame);
    connect(m_connection, &ClientConnection::binaryFrameReceived, this,
            &EngineIoSession::onBinaryFrame);
    connect(m_connection, &ClientConnection::disconnected, this, &EngineIoSession::onDisconnected);
}

void EngineIoSession::timerEvent(QTimerEvent* event)
{
    const int id = event->timerId();
    if (id == m_pingTimer.timerId()) {
        sendPing();
    } else if (id == m_pongDeadline.timerId()) {
        m_pongDeadline.stop();
        qCInfo(lcServerSession) << "session" << m_engineId << "missed its pong; closing";
        close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("ping timeout"));
    } else if (id == m_connectDeadline.timerId()) {
        m_connectDeadline.stop();
        qCInfo(lcServerSession) << "session" << m_engineId << "sent no CONNECT; closing";
        close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("connect timeout"));
    } else {
        QObject::timerEvent(event);
    }
}

EngineIoSession::~EngineIoSession()
{
    disconnect(m_connection, nullptr, this, nullptr);
}

void EngineIoSession::start()
{
    EngineHandshake open;
    open.sid = m_engineId;
    open.pingIntervalMs = m_settings.pingIntervalMs;
    open.pingTimeoutMs = m_settings.pingTimeoutMs;
    open.maxPayloadBytes = m_settings.maxPayloadBytes;
    sendFrame(FrameEncoder::engine(char(EnginePacket::Type::Open), open.toJson()));
    m_pingTimer.start(m_settings.pingIntervalMs, this);
    m_connectDeadline.start(m_settings.connectTimeoutMs, this);
}

void EngineIoSession::sendFrame(const QString& frame)
{
    if (m_open)
        m_connection->sendTextFrame(frame);
}

void EngineIoSession::emitEvent(const QString& name, const QJsonValue& argument)
{
    sendFrame(FrameEncoder::event(name, argument));
}

void EngineIoSession::sendAck(qint64 ackId, const QJsonValue& argument)
{
    if (ackId >= 0)
        sendFrame(FrameEncoder::ack(ackId, argument));
}

void EngineIoSession::replyError(const ChatError& error, qint64 ackId)
{
    sendFrame(FrameEncoder::error(error, ackId));
    if (error.code != ChatError::Code::InvalidPayload)
        return;
    Q_EMIT invalidPayloadReplied();
    const qint64 now = m_clock.elapsed();
    m_violations.push_back(now);
    while (!m_violations.empty() && now - m_violations.front() > m_settings.violationWindowMs)
        m_violations.pop_front();
    if (int(m_violations.size()) > m_settings.violationLimit) {
        qCInfo(lcServerSession) << "session" << m_engineId << "keeps violating the protocol";
        close(QWebSocketProtocol::CloseCodePolicyViolated,
              QStringLiteral("too many protocol errors"));
    }
}

void EngineIoSession::close(int code, const QString& reason)
{
    if (!m_open)
        return;
    m_open = false;
    m_closeReason = reason;
    m_pingTimer.stop();
    m_pongDeadline.stop();
    m_connectDeadline.stop();
    m_connection->close(QWebSocketProtocol::CloseCode(code), reason);
}

void EngineIoSession::onTextFrame(const QString& frame)
{
    if (!m_open)
        return;
    const QByteArray bytes = frame.toUtf8();
    EnginePacket packet;
    QString error;
    if (!EnginePacket::decode(bytes, &packet, &error)) {
        protocolError(error);
        return;
    }
    switch (packet.type) {
    case EnginePacket::Type::Ping:
        sendFrame(FrameEncoder::engine(char(EnginePacket::Type::Pong), packet.payload));
        return;
    case EnginePacket::Type::Pong:
        m_pongDeadline.stop();
        return;
    case EnginePacket::Type::Close:
        close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("client closed"));
        return;
    case EnginePacket::Type::Message:
        onSocketPacket(packet.payload);
        return;
    case EnginePacket::Type::Open:
    case EnginePacket::Type::Upgrade:
    case EnginePacket::Type::Noop:
        protocolError(QStringLiteral("unexpected Engine.IO packet type"));
        return;
    }
}

void EngineIoSession::onBinaryFrame()
{
    if (m_open)
        protocolError(QStringLiteral("binary frames are not supported"));
}

void EngineIoSession::onSocketPacket(const QByteArray& payload)
{
    SocketPacket packet;
    QString error;
    if (!SocketPacket::decode(payload, &packet, &error)) {
        protocolError(error, packet.type == SocketPacket::Type::Event ? packet.id : -1);
        return;
    }
    const qint64 eventAckId = packet.type == SocketPacket::Type::Event ? packet.id : -1;
    if (packet.nsp != QLatin1String("/")) {
        if (packet.type == SocketPacket::Type::Connect) {
            SocketPacket refusal;
            refusal.type = SocketPacket::Type::ConnectError;
            refusal.nsp = packet.nsp;
            refusal.data =
                QJsonObject{{QStringLiteral("message"), QStringLiteral("Invalid namespace")}};
            sendFrame(QString::fromUtf8(EnginePacket::encodeMessage(refusal.encode())));
        } else if (packet.type != SocketPacket::Type::Disconnect) {
            protocolError(QStringLiteral("unknown namespace"), eventAckId);
        }
        return;
    }
    switch (packet.type) {
    case SocketPacket::Type::Connect: {
        if (m_socketConnected) {
            protocolError(QStringLiteral("already connected"));
            return;
        }
        m_connectDeadline.stop();
        m_socketConnected = true;
        m_socketId = RandomId::generate(QString(), 20);
        SocketPacket reply;
        reply.type = SocketPacket::Type::Connect;
        reply.data = QJsonObject{{QStringLiteral("sid"), m_socketId}};
        sendFrame(QString::fromUtf8(EnginePacket::encodeMessage(reply.encode())));
        Q_EMIT socketConnected(packet.data.toObject());
        return;
    }
    case SocketPacket::Type::Disconnect:
        if (m_socketConnected) {
            m_socketConnected = false;
            m_socketId.clear();
            Q_EMIT socketDisconnected();
        }
        return;
    case SocketPacket::Type::Event:
        if (!m_socketConnected) {
            protocolError(QStringLiteral("EVENT before CONNECT"), eventAckId);
            return;
        }
        Q_EMIT eventReceived(packet.eventName(), packet.eventArgument(), eventAckId);
        return;
    case SocketPacket::Type::Ack:
    case SocketPacket::Type::ConnectError:
    case SocketPacket::Type::BinaryEvent:
    case SocketPacket::Type::BinaryAck:
        protocolError(QStringLiteral("unexpected Socket.IO packet type"));
        return;
    }
}

void EngineIoSession::onDisconnected()
{
    m_open = false;
    m_pingTimer.stop();
    m_pongDeadline.stop();
    m_connectDeadline.stop();
    Q_EMIT closed();
}

void EngineIoSession::sendPing()
{
    sendFrame(FrameEncoder::engine(char(EnginePacket::Type::Ping)));
    if (!m_pongDeadline.isActive())
        m_pongDeadline.start(m_settings.pingTimeoutMs, this);
}

void EngineIoSession::protocolError(const QString& reason, qint64 ackId)
{
    qCDebug(lcServerSession) << "session" << m_engineId << "protocol error:" << reason;
    replyError(ChatError{ChatError::Code::InvalidPayload, reason, -1}, ackId);
}
