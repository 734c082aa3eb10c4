// Engine.IO / Socket.IO behaviour of a session over a real WebSocket: open packet,
// heartbeat, namespaces, malformed packets, binary frames, size limits and abuse.

#include "memoryserverfixture.h"
#include "testclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class tst_EngineIoProtocol : public MemoryServerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void openPacketAndConnect()
    {
        ServerConfig config;
        config.pingIntervalMs = 1234;
        config.pingTimeoutMs = 4321;
        config.maxPayloadBytes = 5000;
        QVERIFY(start(config));
        TestClient client;
        QVERIFY(client.open(port()));
        // The open packet is the very first frame.
        QVERIFY(client.frames().constFirst().startsWith(QLatin1Char('0')));
        const QJsonObject open =
            QJsonDocument::fromJson(client.frames().constFirst().mid(1).toUtf8()).object();
        QCOMPARE(open.value(QStringLiteral("upgrades")).toArray(), QJsonArray());
        QCOMPARE(open.value(QStringLiteral("pingInterval")).toInt(), 1234);
        QCOMPARE(open.value(QStringLiteral("pingTimeout")).toInt(), 4321);
        QCOMPARE(open.value(QStringLiteral("maxPayload")).toInt(), 5000);
        QVERIFY(!open.value(QStringLiteral("sid")).toString().isEmpty());

        client.sendRaw(QStringLiteral("40{}"));
        QVERIFY(client.waitForEvents(QStringLiteral("session")));
        // 40{"sid"} without pid, then session.
        const QString connectReply = client.frames().at(1);
        QVERIFY(connectReply.startsWith(QLatin1String("40{")));
        const QJsonObject connectData =
            QJsonDocument::fromJson(connectReply.mid(2).toUtf8()).object();
        QVERIFY(!connectData.value(QStringLiteral("sid")).toString().isEmpty());
        QVERIFY(!connectData.contains(QStringLiteral("pid")));
        QVERIFY(client.frames().at(2).startsWith(QLatin1String("42[\"session\"")));
    }

    void answersClientPingWithPayload()
    {
        QVERIFY(start());
        TestClient client;
        QVERIFY(client.open(port()));
        client.sendRaw(QStringLiteral("2probe"));
        QVERIFY(client.waitForFrame(QStringLiteral("3probe")));
        client.sendRaw(QStringLiteral("2"));
        QVERIFY(client.waitForFrame(QStringLiteral("3")));
    }

    void heartbeatKeepsAnsweringClientsAlive()
    {
        ServerConfig config;
        config.pingIntervalMs = 100;
        config.pingTimeoutMs = 300;
        QVERIFY(start(config));
        TestClient answering;
        TestClient silent;
        silent.setAutoPong(false);
        QVERIFY(answering.connectTo(port()));
        QVERIFY(silent.connectTo(port()));

        // The silent one is dropped after its first unanswered ping plus the timeout...
        QTRY_VERIFY_WITH_TIMEOUT(silent.isClosed(), 3000);
        QVERIFY(silent.pingsReceived() >= 1);
        QCOMPARE(silent.closeReason(), QStringLiteral("ping timeout"));
        // ...while the answering one keeps getting pings and stays.
        const int pings = answering.pingsReceived();
        QTRY_VERIFY_WITH_TIMEOUT(answering.pingsReceived() >= pings + 3, 3000);
        QVERIFY(!answering.isClosed());
    }

    void otherNamespaceIsRefused()
    {
        QVERIFY(start());
        TestClient client;
        QVERIFY(client.open(port()));
        client.sendRaw(QStringLiteral("40/admin,"));
        QVERIFY(
            client.waitForFrame(QStringLiteral("44/admin,{\"message\":\"Invalid namespace\"}")));
        // The default namespace still works on the same connection.
        client.sendRaw(QStringLiteral("40"));
        QVERIFY(client.waitForEvents(QStringLiteral("session")));
    }

    void malformedPackets_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<qint64>("ackId"); // -1: expect an `error` event

        QTest::newRow("bad JSON") << QStringLiteral("42[\"join_room\",{") << qint64(-1);
        QTest::newRow("bad JSON with ack id") << QStringLiteral("427[\"join_room\",{") << qint64(7);
        QTest::newRow("object instead of array")
            << QStringLiteral("425{\"not\":\"an array\"}") << qint64(5);
        QTest::newRow("empty array") << QStringLiteral("42[]") << qint64(-1);
        QTest::newRow("name not a string") << QStringLiteral("423[1,{}]") << qint64(3);
        QTest::newRow("binary event")
            << QStringLiteral("451-[\"send_message\",{\"_placeholder\":true,\"num\":0}]")
            << qint64(-1);
        QTest::newRow("binary ack") << QStringLiteral("461-0[{}]") << qint64(-1);
        QTest::newRow("unknown socket type") << QStringLiteral("49") << qint64(-1);
        QTest::newRow("unknown engine type") << QStringLiteral("9") << qint64(-1);
        QTest::newRow("empty frame") << QString() << qint64(-1);
        QTest::newRow("client ack") << QStringLiteral("431[{}]") << qint64(-1);
        QTest::newRow("engine upgrade") << QStringLiteral("5") << qint64(-1);
        QTest::newRow("reserved name") << QStringLiteral("428[\"connect\",{}]") << qint64(8);
    }

    void malformedPackets()
    {
        QFETCH(QString, frame);
        QFETCH(qint64, ackId);
        QVERIFY(start());
        TestClient client;
        QVERIFY(client.connectTo(port()));
        client.sendRaw(frame);
        if (ackId >= 0) {
            const QJsonObject ack = client.waitForAck(ackId);
            QCOMPARE(ack.value(QStringLiteral("ok")), QJsonValue(false));
            QCOMPARE(ack.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
                     QJsonValue(QStringLiteral("invalid_payload")));
        } else {
            QVERIFY(client.waitForEvents(QStringLiteral("error")));
            QCOMPARE(
                client.events(QStringLiteral("error")).constFirst().value(QStringLiteral("code")),
                QJsonValue(QStringLiteral("invalid_payload")));
        }
        // The connection stays usable.
        QVERIFY(client.request(QStringLiteral("list_rooms"), QJsonObject())
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(!client.isClosed());
    }

    void eventBeforeConnect()
    {
        QVERIFY(start());
        TestClient client;
        QVERIFY(client.open(port()));
        client.sendRaw(QStringLiteral("42[\"list_rooms\",{}]"));
        QVERIFY(client.waitForEvents(QStringLiteral("error")));
        client.sendRaw(QStringLiteral("421[\"list_rooms\",{}]"));
        QCOMPARE(client.waitForAck(1)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code")),
                 QJsonValue(QStringLiteral("invalid_payload")));
    }

    void binaryFrameGetsAnErrorEvent()
    {
        QVERIFY(start());
        TestClient client;
        QVERIFY(client.connectTo(port()));
        client.socket()->sendBinaryMessage(QByteArray("\x04\x01\x02", 3));
        QVERIFY(client.waitForEvents(QStringLiteral("error")));
        QVERIFY(!client.isClosed());
    }

    void socketDisconnectKeepsTheTransport()
    {
        QVERIFY(start());
        TestClient client;
        QVERIFY(client.connectTo(port()));
        const QString firstUser = client.session().userId;
        client.sendRaw(QStringLiteral("41"));
        client.sendRaw(QStringLiteral("421[\"list_rooms\",{}]"));
        QCOMPARE(client.waitForAck(1)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code")),
                 QJsonValue(QStringLiteral("invalid_payload")));
        client.sendRaw(QStringLiteral("40"));
        QVERIFY(client.waitForEvents(QStringLiteral("session"), 2));
        QVERIFY(client.events(QStringLiteral("session"))
                    .constLast()
                    .value(QStringLiteral("user_id"))
                    .toString() != firstUser);
        QVERIFY(!client.isClosed());
    }

    void engineCloseClosesTheSocket()
    {
        QVERIFY(start());
        TestClient client;
        QVERIFY(client.connectTo(port()));
        client.sendRaw(QStringLiteral("1"));
        QVERIFY(client.waitForClosed());
    }

    void oversizedMessageCloses1009()
    {
        ServerConfig config;
        config.maxPayloadBytes = 2048;
        QVERIFY(start(config));
        TestClient client;
        QVERIFY(client.connectTo(port()));
        client.sendRaw(QStringLiteral("42[\"send_message\",{\"room\":\"r\",\"text\":\"%1\"}]")
                           .arg(QString(3000, QLatin1Char('x'))));
        QVERIFY(client.waitForClosed());
        QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    }

    void repeatedAbuseCloses()
    {
        ServerConfig config;
        config.violationLimit = 5;
        QVERIFY(start(config));
        TestClient client;
        QVERIFY(client.connectTo(port()));
        for (int i = 0; i < 5; ++i)
            client.sendRaw(QStringLiteral("42garbage"));
        QVERIFY(client.waitForEvents(QStringLiteral("error"), 5));
        QVERIFY(!client.isClosed());
        client.sendRaw(QStringLiteral("42garbage"));
        QVERIFY(client.waitForClosed());
        QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QVERIFY(!client.frames().contains(QStringLiteral("41")));
    }
};

QTEST_GUILESS_MAIN(tst_EngineIoProtocol)
#include "tst_engineioprotocol.moc"
