#include "testclient.h"

#include "enginepacket.h"
#include "socketpacket.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <QTimer>

namespace {
bool tlsOn = false;

QSslConfiguration unverified()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}
} // namespace

void TestClient::setTls(bool on)
{
    tlsOn = on;
}

bool TestClient::usesTls()
{
    return tlsOn;
}

TestClient::TestClient(QObject* parent)
    : QObject(parent)
{
    if (tlsOn)
        m_socket.setSslConfiguration(unverified());
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &TestClient::onText);
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        Q_EMIT progressed();
    });
}

QUrl TestClient::socketUrl(quint16 port)
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/socket.io/?EIO=4&transport=websocket")
                    .arg(tlsOn ? QStringLiteral("wss") : QStringLiteral("ws"))
                    .arg(port));
}

TestClient::HttpResult TestClient::httpRaw(quint16 port, const QByteArray& rawRequest)
{
    // Declared before the socket: its destructor may still signal the lambdas below.
    QByteArray received;
    bool done = false;
    QSslSocket socket;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { done = true; });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, [&] { done = true; });
    if (tlsOn) {
        socket.setSslConfiguration(unverified());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    } else {
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    socket.write(rawRequest);
    if (!done) {
        QEventLoop loop;
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    received += socket.readAll();

    HttpResult result;
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (!received.startsWith("HTTP/1.1 ") || headEnd < 0)
        return result;
    result.status = received.mid(9, 3).toInt();
    result.headers = received.left(headEnd);
    result.body = received.mid(headEnd + 4);
    return result;
}

TestClient::HttpResult TestClient::httpGet(quint16 port, const QByteArray& target)
{
    return httpRaw(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

bool TestClient::open(quint16 port)
{
    m_socket.open(socketUrl(port));
    return waitUntil([this] { return m_opened || m_closed; }, 5000) && m_opened;
}

bool TestClient::connectTo(quint16 port, const QJsonObject& auth)
{
    if (!open(port))
        return false;
    sendRaw(auth.isEmpty()
                ? QStringLiteral("40")
                : QStringLiteral("40") +
                      QString::fromUtf8(QJsonDocument(auth).toJson(QJsonDocument::Compact)));
    return waitUntil([this] { return m_hasSession || m_closed; }, 5000) && m_hasSession &&
           !m_socketId.isEmpty();
}

QJsonObject TestClient::request(const QString& name, const QJsonValue& payload)
{
    return waitForAck(send(name, payload));
}

qint64 TestClient::send(const QString& name, const QJsonValue& payload)
{
    SocketPacket packet = SocketPacket::event(name, payload);
    packet.id = m_nextAckId++;
    sendRaw(QString::fromUtf8(EnginePacket::encodeMessage(packet.encode())));
    return packet.id;
}

QJsonObject TestClient::waitForAck(qint64 ackId)
{
    waitUntil([this, ackId] { return m_acks.contains(ackId) || m_closed; }, 5000);
    return m_acks.value(ackId);
}

void TestClient::sendRaw(const QString& frame)
{
    m_socket.sendTextMessage(frame);
}

bool TestClient::waitForEvents(const QString& name, int count, int timeoutMs)
{
    return waitUntil([this, &name, count] { return events(name).size() >= count; }, timeoutMs);
}

QList<QJsonObject> TestClient::events(const QString& name) const
{
    QList<QJsonObject> result;
    for (const Event& event : m_events) {
        if (event.name == name)
            result.append(event.argument.toObject());
    }
    return result;
}

bool TestClient::waitForFrame(const QString& frame, int timeoutMs)
{
    return waitUntil([this, &frame] { return m_frames.contains(frame); }, timeoutMs);
}

bool TestClient::waitForClosed(int timeoutMs)
{
    return waitUntil([this] { return m_closed; }, timeoutMs);
}

void TestClient::kill()
{
    m_socket.abort();
}

bool TestClient::waitUntil(const std::function<bool()>& predicate, int timeoutMs)
{
    if (predicate())
        return true;
    // Woken by every received frame: no polling, no sleeps.
    QEventLoop loop;
    connect(this, &TestClient::progressed, &loop, [&] {
        if (predicate())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return predicate();
}

void TestClient::onText(const QString& frame)
{
    // Emitted after the frame is recorded, whatever it was.
    const auto notify = qScopeGuard([this] { Q_EMIT progressed(); });
    m_frames.append(frame);
    EnginePacket packet;
    QString error;
    if (!EnginePacket::decode(frame.toUtf8(), &packet, &error)) {
        qWarning("TestClient: undecodable frame %s", qPrintable(frame));
        return;
    }
    switch (packet.type) {
    case EnginePacket::Type::Open:
        m_opened = EngineHandshake::fromJson(packet.payload, &m_handshake, &error);
        return;
    case EnginePacket::Type::Ping:
        ++m_pings;
        if (m_autoPong)
            sendRaw(QStringLiteral("3"));
        return;
    case EnginePacket::Type::Message:
        break;
    default:
        return;
    }
    SocketPacket socketPacket;
    if (!SocketPacket::decode(packet.payload, &socketPacket, &error)) {
        qWarning("TestClient: undecodable Socket.IO packet %s", qPrintable(frame));
        return;
    }
    switch (socketPacket.type) {
    case SocketPacket::Type::Connect:
        m_socketId = socketPacket.data.toObject().value(QStringLiteral("sid")).toString();
        return;
    case SocketPacket::Type::ConnectError:
        m_connectError = socketPacket.data.toObject().value(QStringLiteral("message")).toString();
        return;
    case SocketPacket::Type::Event: {
        const QString name = socketPacket.eventName();
        const QJsonValue argument = socketPacket.eventArgument();
        m_events.append(Event{name, argument});
        if (name == QLatin1String("session"))
            m_hasSession = SessionInfo::fromJson(argument.toObject(), &m_session);
        return;
    }
    case SocketPacket::Type::Ack:
        m_acks.insert(socketPacket.id, socketPacket.data.toArray().first().toObject());
        return;
    default:
        return;
    }
}
