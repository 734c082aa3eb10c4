#include "socketiosession.h"

#include "chaterror.h"
#include "engineiosession.h"
#include "enginepacket.h"
#include "randomid.h"
#include "socketioencoder.h"
#include "socketiologging.h"
#include "socketpacket.h"

#include <QObject>

namespace {
// WebSocket close code 1008 (RFC 6455 §7.4.1): a message violates the server's policy.
constexpr quint16 PolicyViolation = 1008;
} // namespace

SocketIoSession::SocketIoSession(ClientConnection* transport,
                                 const EngineIoSession::Settings& engineSettings,
                                 const Settings& settings, Listener* listener, QObject* context)
    : m_engine(transport, engineSettings, this, context)
    , m_settings(settings)
    , m_listener(listener)
    , m_context(context)
    , m_violations(settings.violationLimit, settings.violationWindowMs)
{}

SocketIoSession::~SocketIoSession() = default;

void SocketIoSession::start()
{
    m_engine.start();
    m_connectDeadline.start(m_settings.connectTimeoutMs, m_context);
}

bool SocketIoSession::timerEvent(int timerId)
{
    if (timerId != m_connectDeadline.timerId())
        return m_engine.timerEvent(timerId);
    m_connectDeadline.stop();
    qCInfo(lcSocketIo) << "session" << m_engine.id() << "sent no CONNECT; closing";
    close(PolicyViolation, QStringLiteral("connect timeout"));
    return true;
}

void SocketIoSession::send(const QByteArray& frame, ClientConnection::Urgency urgency)
{
    m_engine.send(frame, urgency);
}

void SocketIoSession::emitEvent(const QString& name, const QJsonValue& argument)
{
    send(SocketIoEncoder::event(name, argument), ClientConnection::Urgency::Reply);
}

void SocketIoSession::sendAck(qint64 ackId, const QJsonValue& argument)
{
    if (ackId >= 0)
        send(SocketIoEncoder::ack(ackId, argument), ClientConnection::Urgency::Reply);
}

void SocketIoSession::sendAckJson(qint64 ackId, const QByteArray& argumentJson)
{
    if (ackId >= 0)
        send(SocketIoEncoder::ackJson(ackId, argumentJson), ClientConnection::Urgency::Reply);
}

void SocketIoSession::replyError(const ChatError& error, qint64 ackId)
{
    send(SocketIoEncoder::error(error, ackId), ClientConnection::Urgency::Reply);
    if (error.code != ChatError::Code::InvalidPayload)
        return;
    m_listener->invalidPayloadReplied();
    if (m_violations.record()) {
        qCInfo(lcSocketIo) << "session" << m_engine.id() << "keeps violating the protocol";
        close(PolicyViolation, QStringLiteral("too many protocol errors"));
    }
}

void SocketIoSession::disconnectSocket()
{
    if (!m_socketConnected)
        return;
    send(EnginePacket::encodeMessage(QByteArrayLiteral("1")), ClientConnection::Urgency::Reply);
    m_socketConnected = false;
    m_socketId.clear();
}

void SocketIoSession::close(quint16 code, const QString& reason)
{
    m_connectDeadline.stop();
    m_engine.close(code, reason);
}

void SocketIoSession::engineProtocolError(const QString& reason)
{
    protocolError(reason);
}

void SocketIoSession::engineClosed()
{
    m_connectDeadline.stop();
    m_listener->socketClosed();
}

void SocketIoSession::engineMessage(const QByteArray& payload)
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
            send(EnginePacket::encodeMessage(refusal.encode()), ClientConnection::Urgency::Reply);
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
        send(EnginePacket::encodeMessage(reply.encode()), ClientConnection::Urgency::Reply);
        m_listener->socketConnected(packet.data.toObject());
        return;
    }
    case SocketPacket::Type::Disconnect:
        if (m_socketConnected) {
            m_socketConnected = false;
            m_socketId.clear();
            m_listener->socketDisconnected();
        }
        return;
    case SocketPacket::Type::Event:
        if (!m_socketConnected) {
            protocolError(QStringLiteral("EVENT before CONNECT"), eventAckId);
            return;
        }
        m_listener->socketEvent(packet.eventName(), packet.eventArgument(), eventAckId);
        return;
    case SocketPacket::Type::Ack:
    case SocketPacket::Type::ConnectError:
    case SocketPacket::Type::BinaryEvent:
    case SocketPacket::Type::BinaryAck:
        protocolError(QStringLiteral("unexpected Socket.IO packet type"));
        return;
    }
}

void SocketIoSession::protocolError(const QString& reason, qint64 ackId)
{
    if (!m_engine.isOpen())
        return;
    qCDebug(lcSocketIo) << "session" << m_engine.id() << "protocol error:" << reason;
    replyError(ChatError{ChatError::Code::InvalidPayload, reason, -1}, ackId);
}
