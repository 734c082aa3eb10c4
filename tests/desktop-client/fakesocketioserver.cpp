#include "fakesocketioserver.h"

#include "enginehandshake.h"
#include "enginepacket.h"
#include "socketpacket.h"

#include <QJsonArray>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

FakeSocketIoServer::FakeSocketIoServer(QObject* parent)
    : QObject(parent)
    , m_server(new QWebSocketServer(QStringLiteral("fake"), QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeSocketIoServer::onNewConnection);
}

FakeSocketIoServer::~FakeSocketIoServer()
{
    stop();
}

bool FakeSocketIoServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 FakeSocketIoServer::port() const
{
    return m_server->serverPort();
}

QString FakeSocketIoServer::url() const
{
    return QStringLiteral("ws://127.0.0.1:%1").arg(port());
}

void FakeSocketIoServer::stop()
{
    m_server->close();
    const QList<QWebSocket*> clients = std::exchange(m_clients, {});
    for (QWebSocket* client : clients) {
        disconnect(client, nullptr, this, nullptr);
        client->abort();
        client->deleteLater();
    }
}

QList<QJsonObject> FakeSocketIoServer::payloadsOf(const QString& name) const
{
    QList<QJsonObject> found;
    for (const ReceivedEvent& event : events) {
        if (event.name == name)
            found.append(event.payload);
    }
    return found;
}

void FakeSocketIoServer::emitToAll(const QString& name, const QJsonValue& payload)
{
    sendRawToAll(QString::fromUtf8(
        EnginePacket::encodeMessage(SocketPacket::event(name, payload).encode())));
}

void FakeSocketIoServer::sendRawToAll(const QString& frame)
{
    for (QWebSocket* client : std::as_const(m_clients))
        client->sendTextMessage(frame);
}

void FakeSocketIoServer::onNewConnection()
{
    while (QWebSocket* client = m_server->nextPendingConnection()) {
        client->setParent(this);
        m_clients.append(client);
        connect(client, &QWebSocket::textMessageReceived, this,
                [this, client](const QString& text) { onTextMessage(client, text); });
        connect(client, &QWebSocket::disconnected, this, [this, client] {
            m_clients.removeAll(client);
            client->deleteLater();
        });
        EngineHandshake handshake;
        handshake.sid = QStringLiteral("sid%1").arg(++m_sids);
        handshake.pingIntervalMs = pingIntervalMs;
        handshake.pingTimeoutMs = pingTimeoutMs;
        client->sendTextMessage(QLatin1Char('0') + QString::fromUtf8(handshake.toJson()));
        if (sendPings) {
            auto* timer = new QTimer(client);
            connect(timer, &QTimer::timeout, client,
                    [client] { client->sendTextMessage(QStringLiteral("2")); });
            timer->start(pingIntervalMs);
        }
    }
}

void FakeSocketIoServer::onTextMessage(QWebSocket* client, const QString& text)
{
    EnginePacket packet;
    QString error;
    if (!EnginePacket::decode(text.toUtf8(), &packet, &error))
        return;
    if (packet.type == EnginePacket::Type::Pong) {
        ++pongs;
        return;
    }
    if (packet.type != EnginePacket::Type::Message)
        return;
    SocketPacket sp;
    if (!SocketPacket::decode(packet.payload, &sp, &error))
        return;
    if (sp.type == SocketPacket::Type::Connect) {
        connects.append(sp.data.toObject());
        if (!answerConnect)
            return;
        SocketPacket reply;
        reply.type = SocketPacket::Type::Connect;
        reply.data = QJsonObject{{QStringLiteral("sid"), QStringLiteral("s%1").arg(m_sids)}};
        client->sendTextMessage(QString::fromUtf8(EnginePacket::encodeMessage(reply.encode())));
        const QString token = sp.data.toObject().value(QLatin1String("token")).toString();
        const QJsonObject session{
            {QStringLiteral("user_id"),
             QString(QStringLiteral("u_") + sessionHandle.toLower().remove(QLatin1Char(' ')))},
            {QStringLiteral("handle"), sessionHandle},
            {QStringLiteral("token"), QString(QStringLiteral("tok-") + sessionHandle)},
            {QStringLiteral("resumed"), !token.isEmpty()}};
        client->sendTextMessage(QString::fromUtf8(EnginePacket::encodeMessage(
            SocketPacket::event(QStringLiteral("session"), session).encode())));
        return;
    }
    if (sp.type != SocketPacket::Type::Event)
        return;
    const QString name = sp.eventName();
    const QJsonObject payload = sp.eventArgument().toObject();
    events.append(ReceivedEvent{name, payload, sp.id});
    Q_EMIT eventReceived(name, payload);
    if (!handler)
        return;
    const std::optional<QJsonValue> ack = handler(name, payload);
    if (ack && sp.id >= 0 && m_clients.contains(client)) {
        client->sendTextMessage(QString::fromUtf8(
            EnginePacket::encodeMessage(SocketPacket::ack(sp.id, *ack).encode())));
    }
}
