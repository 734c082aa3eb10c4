// QtWebSocketConnection: the QWebSocket (wss://) path as a ClientConnection, here over a
// plain loopback QWebSocketServer fed the accepted TCP sockets as the front door does:
// messages both ways, pings, the limits (1009, 1007, slow consumer), close, abort and
// destruction.

#include "qtwebsocketconnection.h"
#include "rawwebsocket.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

/// Accepts TCP connections, upgrades them with QWebSocketServer::handleConnection() and
/// wraps each WebSocket with its TCP socket in a QtWebSocketConnection.
class Acceptor : public QObject
{
public:
    explicit Acceptor(const ConnectionLimits& limits)
        : m_limits(limits)
        , m_webSockets(u"test"_s, QWebSocketServer::NonSecureMode)
    {
        connect(&m_tcp, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_tcp.nextPendingConnection()) {
                m_upgrading = socket;
                m_webSockets.handleConnection(socket);
            }
        });
        connect(&m_webSockets, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket* webSocket = m_webSockets.nextPendingConnection()) {
                QTcpSocket* transport = m_upgrading;
                // From here on the connection owns the TCP socket (as in HttpFrontDoor).
                disconnect(transport, nullptr, &m_webSockets, nullptr);
                connections.append(new QtWebSocketConnection(webSocket, transport, m_limits));
            }
        });
        m_tcp.listen(QHostAddress::LocalHost);
    }
    ~Acceptor() override { qDeleteAll(connections); }

    quint16 port() const { return m_tcp.serverPort(); }
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1/"_s.arg(port())); }
    /// The next connection not handed out yet, waiting for it at most 5 s; null then.
    QtWebSocketConnection* next()
    {
        if (!QTest::qWaitFor([&] { return connections.size() > m_taken; }, 5000))
            return nullptr;
        return connections.at(m_taken++);
    }

    QList<QPointer<QtWebSocketConnection>> connections;

private:
    const ConnectionLimits m_limits;
    QTcpServer m_tcp;
    QWebSocketServer m_webSockets;
    QTcpSocket* m_upgrading = nullptr;
    qsizetype m_taken = 0;
};

ConnectionLimits testLimits()
{
    ConnectionLimits limits;
    limits.maxMessageBytes = 1000;
    limits.closeDeadlineMs = 200;
    return limits;
}

/// A QWebSocket client connected to @p acceptor and its server-side connection.
struct Pair
{
    explicit Pair(Acceptor& acceptor)
    {
        client.open(acceptor.url());
        connection = acceptor.next();
        QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    }
    QWebSocket client;
    QtWebSocketConnection* connection = nullptr;
};

} // namespace

class tst_QtWebSocketConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messagesBothWays()
    {
        Acceptor acceptor(testLimits());
        Pair pair(acceptor);
        QVERIFY(pair.connection);
        QSignalSpy texts(pair.connection, &ClientConnection::textReceived);
        QSignalSpy binaries(pair.connection, &ClientConnection::binaryReceived);
        QSignalSpy clientTexts(&pair.client, &QWebSocket::textMessageReceived);
        pair.client.sendTextMessage(u"grüß"_s);
        pair.client.sendBinaryMessage("\x01");
        QTRY_COMPARE(binaries.count(), 1);
        QCOMPARE(texts.count(), 1);
        QCOMPARE(texts.first().first().toByteArray(), u"grüß"_s.toUtf8());
        pair.connection->sendText(u"zurück"_s.toUtf8());
        QTRY_COMPARE(clientTexts.count(), 1);
        QCOMPARE(clientTexts.first().first().toString(), u"zurück"_s);
        QCOMPARE(pair.connection->peerAddress(), QHostAddress(QHostAddress::LocalHost));
    }

    void pingIsAnsweredWithAPong()
    {
        Acceptor acceptor(testLimits());
        Pair pair(acceptor);
        QSignalSpy pongs(pair.connection, &ClientConnection::pongReceived);
        pair.connection->sendPing();
        QTRY_COMPARE(pongs.count(), 1);
    }

    void messageOverTheLimitCloses1009()
    {
        Acceptor acceptor(testLimits());
        Pair pair(acceptor);
        QSignalSpy texts(pair.connection, &ClientConnection::textReceived);
        QSignalSpy disconnected(pair.connection, &ClientConnection::disconnected);
        pair.client.sendTextMessage(QString(2000, u'x'));
        QTRY_COMPARE(disconnected.count(), 1);
        QCOMPARE(texts.count(), 0);
        QTRY_COMPARE(pair.client.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(int(pair.client.closeCode()), 1009);
    }

    void invalidUtf8Closes1007()
    {
        Acceptor acceptor(testLimits());
        RawWebSocket raw;
        raw.setTarget("/");
        QVERIFY(raw.upgrade(acceptor.port()));
        QtWebSocketConnection* connection = acceptor.next();
        QVERIFY(connection);
        QSignalSpy texts(connection, &ClientConnection::textReceived);
        raw.sendText("\xff\xfe");
        QVERIFY(raw.waitForDisconnected());
        QCOMPARE(raw.closeCode(), 1007);
        QCOMPARE(texts.count(), 0);
    }

    void closeSendsTheCodeAndReason()
    {
        Acceptor acceptor(testLimits());
        Pair pair(acceptor);
        QSignalSpy disconnected(pair.connection, &ClientConnection::disconnected);
        pair.connection->close(4000, u"kicked"_s);
        pair.connection->close(1000, u"again"_s); // once only
        pair.connection->sendText("after close");
        QTRY_COMPARE(pair.client.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(int(pair.client.closeCode()), 4000);
        QCOMPARE(pair.client.closeReason(), u"kicked"_s);
        QTRY_COMPARE(disconnected.count(), 1);
        QVERIFY(pair.connection->dropReason().isEmpty());
    }

    void closeDeadlineAbortsASilentPeer()
    {
        Acceptor acceptor(testLimits());
        RawWebSocket raw;
        raw.setTarget("/");
        QVERIFY(raw.upgrade(acceptor.port()));
        QtWebSocketConnection* connection = acceptor.next();
        QVERIFY(connection);
        QSignalSpy disconnected(connection, &ClientConnection::disconnected);
        raw.stopReading(); // never answers the close frame
        connection->close(1000, u"bye"_s);
        QTRY_COMPARE(disconnected.count(), 1); // after closeDeadlineMs
    }

    void abortIsReportedOnce()
    {
        Acceptor acceptor(testLimits());
        Pair pair(acceptor);
        QSignalSpy disconnected(pair.connection, &ClientConnection::disconnected);
        pair.connection->abort();
        pair.connection->abort();
        QTRY_COMPARE(disconnected.count(), 1);
        QTRY_COMPARE(pair.client.state(), QAbstractSocket::UnconnectedState);
        QCoreApplication::processEvents();
        QCOMPARE(disconnected.count(), 1);
    }

    void slowConsumerIsDropped()
    {
        ConnectionLimits limits = testLimits();
        limits.maxUnsentBytes = 64 * 1024;
        limits.slowConsumerGraceMs = 50;
        Acceptor acceptor(limits);
        RawWebSocket raw;
        raw.setTarget("/");
        QVERIFY(raw.upgrade(acceptor.port()));
        QtWebSocketConnection* connection = acceptor.next();
        QVERIFY(connection);
        QSignalSpy disconnected(connection, &ClientConnection::disconnected);
        raw.stopReading();
        const QByteArray chunk(16 * 1024, 'x');
        // Far more than the socket buffers hold, and the reader never reads.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int i = 0; i < 64 && disconnected.isEmpty(); ++i)
                    connection->sendText(chunk);
                return !disconnected.isEmpty();
            }(),
            10000);
        QCOMPARE(connection->dropReason(), u"slow consumer"_s);
    }

    void destructionSaysGoingAway()
    {
        Acceptor acceptor(testLimits());
        Pair pair(acceptor);
        delete pair.connection;
        QTRY_COMPARE(pair.client.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(int(pair.client.closeCode()), 1001);
    }
};

QTEST_GUILESS_MAIN(tst_QtWebSocketConnection)
#include "tst_qtwebsocketconnection.moc"
