// NativeWebSocketConnection: the main-thread handle of a stream on the I/O threads: what it
// posts (text, ping, close, abort), what it delivers and when it stops delivering, its drop
// reason, and its destruction.

#include "ioworkerpool.h"
#include "nativewebsocketconnection.h"
#include "poolclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace WebSocketTestFrames;

class tst_NativeWebSocketConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        pool = std::make_unique<IoWorkerPool>(1, ConnectionLimits(),
                                              IoWorkerPool::DispatcherFactory());
        client = std::make_unique<PoolClient>();
        client->adopt(*pool);
        QVERIFY(client->waitFor("\r\n\r\n"));
    }
    void cleanup()
    {
        client.reset();
        pool.reset();
    }

    void identity()
    {
        QCOMPARE(client->connection->peerAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(client->connection->multicastKey() != 0);
        QVERIFY(client->connection->dropReason().isEmpty());
        QCOMPARE(client->connection->bytesToWrite(), 0);
    }

    void deliversTextBinaryAndPong()
    {
        NativeWebSocketConnection* connection = client->connection.get();
        QSignalSpy texts(connection, &ClientConnection::textReceived);
        QSignalSpy binaries(connection, &ClientConnection::binaryReceived);
        QSignalSpy pongs(connection, &ClientConnection::pongReceived);
        QVERIFY(client->sockets.send(finalFrame(0x1, "t") + finalFrame(0x2, "b") +
                                     finalFrame(0xA, "")));
        QTRY_COMPARE(pongs.count(), 1);
        QCOMPARE(texts.count(), 1);
        QCOMPARE(binaries.count(), 1);
        QCOMPARE(binaries.first().first().toByteArray(), "b");
    }

    void sendsTextAndPing()
    {
        client->connection->sendText("reply", ClientConnection::Urgency::Reply);
        client->connection->sendPing();
        QVERIFY(client->waitFor(PoolClient::textFrame("reply") +
                                WebSocketFrameWriter::frame(WebSocketOpcode::Ping, {})));
    }

    void closeStopsDeliveryAndSending()
    {
        NativeWebSocketConnection* connection = client->connection.get();
        QSignalSpy texts(connection, &ClientConnection::textReceived);
        QSignalSpy disconnected(connection, &ClientConnection::disconnected);
        connection->close(4000, QStringLiteral("kicked"));
        QVERIFY(client->waitFor(WebSocketFrameWriter::closeFrame(4000, u"kicked")));
        connection->close(1000, QStringLiteral("again")); // once only
        connection->sendText("after close");              // dropped
        connection->sendPing();                           // dropped
        // The client still talks before answering the close: not delivered any more.
        QVERIFY(client->sendText("too late"));
        QVERIFY(client->sockets.send(finalFrame(0x8, QByteArray("\x03\xe8", 2))));
        QTRY_COMPARE(disconnected.count(), 1);
        QCOMPARE(texts.count(), 0);
        QVERIFY(!client->received.contains(PoolClient::textFrame("after close")));
        QCOMPARE(client->received.count(WebSocketFrameWriter::closeFrame(1000, u"again")), 0);
        QVERIFY(connection->dropReason().isEmpty()); // a clean close
    }

    void abortIsReportedOnce()
    {
        NativeWebSocketConnection* connection = client->connection.get();
        QSignalSpy disconnected(connection, &ClientConnection::disconnected);
        connection->abort();
        QTRY_COMPARE(disconnected.count(), 1);
        QTRY_VERIFY(client->sockets.serverClosed());
        connection->abort();
        connection->close(1000, QString());
        QCoreApplication::processEvents();
        QCOMPARE(disconnected.count(), 1);
    }

    void invalidUtf8IsClosedWith1007()
    {
        NativeWebSocketConnection* connection = client->connection.get();
        QSignalSpy texts(connection, &ClientConnection::textReceived);
        QSignalSpy disconnected(connection, &ClientConnection::disconnected);
        QVERIFY(client->sockets.send(finalFrame(0x1, "\xff")));
        // A close frame with 1007 (RFC 6455 §7.4.1), then the stream ends.
        QVERIFY(client->waitFor(QByteArray("\x88", 1)));
        const qsizetype close = client->received.indexOf('\x88');
        QTRY_VERIFY((client->received += client->sockets.receive()).size() >= close + 4);
        QCOMPARE(client->received.mid(close + 2, 2), QByteArray("\x03\xef", 2));
        QTRY_COMPARE(disconnected.count(), 1);
        QCOMPARE(texts.count(), 0);
    }

    void destructionAbortsWithoutAReport()
    {
        QSignalSpy disconnected(client->connection.get(), &ClientConnection::disconnected);
        client->connection.reset();
        QTRY_VERIFY(client->sockets.serverClosed());
        QCOMPARE(disconnected.count(), 0);
    }

private:
    std::unique_ptr<IoWorkerPool> pool;
    std::unique_ptr<PoolClient> client;
};

QTEST_GUILESS_MAIN(tst_NativeWebSocketConnection)
#include "tst_nativewebsocketconnection.moc"
