#include "engineiosession.h"

#include "enginehandshake.h"
#include "engineiologging.h"
#include "enginepacket.h"
#include "pollingconnection.h"
#include "randomid.h"

#include <QObject>

namespace {

QByteArray packet(EnginePacket::Type type, QByteArrayView payload = {})
{
    QByteArray bytes;
    bytes.reserve(payload.size() + 1);
    bytes.append(char(type));
    bytes.append(payload);
    return bytes;
}

} // namespace

EngineIoSession::EngineIoSession(ClientConnection* transport, const Settings& settings,
                                 Listener* listener, QObject* context)
    : m_transport(transport)
    , m_settings(settings)
    , m_listener(listener)
    , m_context(context)
{
    // A session opened over polling keeps the sid its requests carry, and may upgrade.
    if (const auto* polling = qobject_cast<const PollingConnection*>(transport)) {
        m_id = polling->sid();
        m_offersWebSocket = true;
    } else {
        m_id = RandomId::generate(QString(), 20);
    }
    QObject::connect(m_transport, &ClientConnection::textReceived, context,
                     [this](const QByteArray& utf8) { onText(utf8); });
    QObject::connect(m_transport, &ClientConnection::binaryReceived, context, [this] {
        if (m_open)
            m_listener->engineProtocolError(QStringLiteral("binary frames are not supported"));
    });
    QObject::connect(m_transport, &ClientConnection::disconnected, context,
                     [this] { onDisconnected(); });
}

EngineIoSession::~EngineIoSession()
{
    QObject::disconnect(m_transport, nullptr, m_context, nullptr);
    delete m_transport;
}

void EngineIoSession::start()
{
    EngineHandshake open;
    open.sid = m_id;
    open.offersWebSocket = m_offersWebSocket;
    open.pingIntervalMs = m_settings.pingIntervalMs;
    open.pingTimeoutMs = m_settings.pingTimeoutMs;
    open.maxPayloadBytes = m_settings.maxPayloadBytes;
    send(packet(EnginePacket::Type::Open, open.toJson()), ClientConnection::Urgency::Reply);
    m_pingTimer.start(m_settings.pingIntervalMs, m_context);
}

QString EngineIoSession::closeReason() const
{
    return m_closeReason.isEmpty() ? m_transport->dropReason() : m_closeReason;
}

bool EngineIoSession::timerEvent(int timerId)
{
    if (timerId == m_pingTimer.timerId()) {
        send(packet(EnginePacket::Type::Ping));
        if (!m_pongDeadline.isActive())
            m_pongDeadline.start(m_settings.pingTimeoutMs, m_context);
        return true;
    }
    if (timerId == m_pongDeadline.timerId()) {
        m_pongDeadline.stop();
        qCInfo(lcEngineIo) << "session" << m_id << "missed its pong; closing";
        close(1000, QStringLiteral("ping timeout"));
        return true;
    }
    return false;
}

void EngineIoSession::send(const QByteArray& packet, ClientConnection::Urgency urgency)
{
    if (m_open)
        m_transport->sendText(packet, urgency);
}

void EngineIoSession::close(quint16 code, const QString& reason)
{
    if (!m_open)
        return;
    m_open = false;
    m_closeReason = reason;
    stopTimers();
    m_transport->close(code, reason);
}

void EngineIoSession::onText(const QByteArray& utf8)
{
    if (!m_open)
        return;
    EnginePacket decoded;
    QString error;
    if (!EnginePacket::decode(utf8, &decoded, &error)) {
        m_listener->engineProtocolError(error);
        return;
    }
    switch (decoded.type) {
    case EnginePacket::Type::Ping:
        send(packet(EnginePacket::Type::Pong, decoded.payload), ClientConnection::Urgency::Reply);
        return;
    case EnginePacket::Type::Pong:
        m_pongDeadline.stop();
        return;
    case EnginePacket::Type::Close:
        close(1000, QStringLiteral("client closed"));
        return;
    case EnginePacket::Type::Message:
        m_listener->engineMessage(decoded.payload);
        return;
    case EnginePacket::Type::Open:
    case EnginePacket::Type::Upgrade:
    case EnginePacket::Type::Noop:
        m_listener->engineProtocolError(QStringLiteral("unexpected Engine.IO packet type"));
        return;
    }
}

void EngineIoSession::onDisconnected()
{
    m_open = false;
    stopTimers();
    m_listener->engineClosed();
}

void EngineIoSession::stopTimers()
{
    m_pingTimer.stop();
    m_pongDeadline.stop();
}
