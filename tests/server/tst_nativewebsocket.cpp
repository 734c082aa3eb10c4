// Our own WebSocket transport (IoWorkerPool, WebSocketStream, PoolRoomFanout) end to end,
// with the I/O on the main thread (--threads 1) and on two worker threads: broadcasts and
// replies in order across threads, the closing handshake, ping, protocol errors, handshake
// errors, and bytes sent right behind the upgrade request.

#include "memoryserverfixture.h"
#include "rawwebsocket.h"
#include "testclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

namespace {

QJsonObject room(const QString& name)
{
    return QJsonObject{{QStringLiteral("room"), name}};
}

// A client frame masked with the key 0 (RFC 6455 §5.3 allows any key), so the payload
// bytes stay readable in the test.
QByteArray maskedFrame(quint8 firstByte, const QByteArray& payload)
{
    QByteArray frame;
    frame.append(char(firstByte));
    frame.append(char(0x80 | payload.size())); // payloads here are < 126 bytes
    frame.append(4, '\0');
    frame.append(payload);
    return frame;
}

} // namespace

class tst_NativeWebSocket : public MemoryServerFixture
{
    Q_OBJECT

private:
    /// A server with @p threads I/O threads (1: the main thread). @return false on failure.
    bool startServer(int threads)
    {
        ServerConfig config;
        config.messageRate = 0;
        config.maxPayloadBytes = 4096;
        config.threads = threads;
        return start(config);
    }

private Q_SLOTS:
    void broadcastsKeepTheirOrderAcrossThreads_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("main thread") << 1;
        QTest::newRow("two I/O threads") << 2;
    }
    void broadcastsKeepTheirOrderAcrossThreads()
    {
        QFETCH(int, threads);
        QVERIFY(startServer(threads));
        constexpr int Clients = 5;
        constexpr int Messages = 200;
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < Clients; ++i) {
            clients.push_back(std::make_unique<TestClient>());
            QVERIFY(clients.back()->connectTo(port()));
            QVERIFY(clients.back()
                        ->request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                        .value(QStringLiteral("ok"))
                        .toBool());
        }
        QList<qint64> ackIds;
        for (int i = 0; i < Messages; ++i) {
            ackIds.append(
                clients[0]->send(QStringLiteral("send_message"),
                                 QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                             {QStringLiteral("text"), QString::number(i)}}));
        }
        for (qint64 ackId : std::as_const(ackIds))
            QVERIFY(clients[0]->waitForAck(ackId).value(QStringLiteral("ok")).toBool());
        for (int c = 1; c < Clients; ++c) {
            QVERIFY(clients[c]->waitForEvents(QStringLiteral("message"), Messages));
            const QList<QJsonObject> received = clients[c]->events(QStringLiteral("message"));
            QCOMPARE(received.size(), Messages);
            for (int i = 0; i < Messages; ++i)
                QCOMPARE(received[i].value(QStringLiteral("text")).toString(), QString::number(i));
        }
    }

    void closingHandshake_data() { broadcastsKeepTheirOrderAcrossThreads_data(); }
    void closingHandshake()
    {
        QFETCH(int, threads);
        QVERIFY(startServer(threads));
        TestClient client;
        QVERIFY(client.connectTo(port()));
        client.socket()->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("bye"));
        QVERIFY(client.waitForClosed());
        // The server answered with our code (RFC 6455 §5.5.1) rather than dropping TCP.
        QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    }

    void pingIsAnswered_data() { broadcastsKeepTheirOrderAcrossThreads_data(); }
    void pingIsAnswered()
    {
        QFETCH(int, threads);
        QVERIFY(startServer(threads));
        TestClient client;
        QVERIFY(client.connectTo(port()));
        QSignalSpy pongs(client.socket(), &QWebSocket::pong);
        client.socket()->ping("are you there");
        QTRY_COMPARE(pongs.size(), 1);
        QCOMPARE(pongs.first().at(1).toByteArray(), QByteArray("are you there"));
    }

    void protocolErrorsCloseOnlyThatConnection_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("closeCode");
        for (int threads : {1, 2}) {
            const QByteArray suffix = threads == 1 ? " (main thread)" : " (two I/O threads)";
            const auto name = [&suffix](const char* what) {
                return QByteArray(what + suffix);
            };
            QByteArray unmasked("\x81\x02", 2);
            unmasked.append("40");
            QTest::newRow(name("unmasked").constData()) << threads << unmasked << 1002;
            QTest::newRow(name("reserved opcode").constData())
                << threads << maskedFrame(0x83, "x") << 1002;
            QTest::newRow(name("RSV1 without an extension").constData())
                << threads << maskedFrame(0xC1, "40") << 1002;
            QTest::newRow(name("continuation first").constData())
                << threads << maskedFrame(0x80, "40") << 1002;
            QTest::newRow(name("invalid UTF-8").constData())
                << threads << maskedFrame(0x81, "42[\"\xC3\x28\"]") << 1007;
            QByteArray tooLong("\x81\xFE\x20\x00", 4); // 8192 bytes announced, over 4096
            tooLong.append(4, '\0');
            QTest::newRow(name("over max-payload").constData()) << threads << tooLong << 1009;
        }
    }
    void protocolErrorsCloseOnlyThatConnection()
    {
        QFETCH(int, threads);
        QFETCH(QByteArray, bytes);
        QFETCH(int, closeCode);
        QVERIFY(startServer(threads));
        TestClient bystander;
        QVERIFY(bystander.connectTo(port()));
        QVERIFY(bystander.request(QStringLiteral("join_room"), room(QStringLiteral("b")))
                    .value(QStringLiteral("ok"))
                    .toBool());

        RawWebSocket raw;
        QVERIFY(raw.upgrade(port()));
        QVERIFY(raw.waitForTextStartingWith("0{"));
        raw.socket()->write(bytes);
        QVERIFY(raw.waitForDisconnected());
        QCOMPARE(raw.closeCode(), closeCode);

        const QJsonObject ack =
            bystander.request(QStringLiteral("send_message"),
                              QJsonObject{{QStringLiteral("room"), QStringLiteral("b")},
                                          {QStringLiteral("text"), QStringLiteral("still here")}});
        QVERIFY(ack.value(QStringLiteral("ok")).toBool());
    }

    void handshakeErrors_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<int>("status");
        QTest::newRow("no key") << QByteArray("Sec-WebSocket-Version: 13\r\n") << 400;
        QTest::newRow("key not 16 bytes")
            << QByteArray("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: c2hvcnQ=\r\n") << 400;
        QTest::newRow("version 8") << QByteArray("Sec-WebSocket-Version: 8\r\n"
                                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                                   << 426;
    }
    void handshakeErrors()
    {
        QFETCH(QByteArray, headers);
        QFETCH(int, status);
        QVERIFY(startServer(1));
        const TestClient::HttpResult result = TestClient::httpRaw(
            port(), "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
                    "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
                        headers + "\r\n");
        QCOMPARE(result.status, status);
        if (status == 426) // RFC 6455 §4.4
            QVERIFY(result.headers.contains("Sec-WebSocket-Version: 13"));
    }

    void framesRightBehindTheUpgradeRequest_data() { broadcastsKeepTheirOrderAcrossThreads_data(); }
    void framesRightBehindTheUpgradeRequest()
    {
        QFETCH(int, threads);
        QVERIFY(startServer(threads));
        // The request and the Socket.IO CONNECT in one write: the front door has read the
        // frame along with the head, and the stream must parse it first.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
                     "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Version: 13\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n" +
                     maskedFrame(0x81, "40"));
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).contains("40{\"sid\""), 5000);
        QVERIFY(received.startsWith("HTTP/1.1 101"));
        QVERIFY(received.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }
};

QTEST_GUILESS_MAIN(tst_NativeWebSocket)
#include "tst_nativewebsocket.moc"
