// The abuse limits of docs/security.md against an in-process server: connection caps
// (429/503 before the upgrade), allowed origins (403), the CONNECT deadline, invalid UTF-8
// (1007), JSON depth, the total rooms cap, typing expiry and text hygiene.

#include "memoryserverfixture.h"
#include "rawwebsocket.h"
#include "testclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>
#include <vector>

namespace {

QJsonObject room(const QString& name)
{
    return QJsonObject{{QStringLiteral("room"), name}};
}

QString errorCode(const QJsonObject& ack)
{
    return ack.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QJsonObject message(const QString& roomName, const QString& text)
{
    return QJsonObject{{QStringLiteral("room"), roomName}, {QStringLiteral("text"), text}};
}

QJsonObject typing(const QString& roomName, bool on)
{
    return QJsonObject{{QStringLiteral("room"), roomName}, {QStringLiteral("typing"), on}};
}

} // namespace

class tst_ServerLimits : public MemoryServerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void requestsBesidesMessagesHaveTheirOwnBucket()
    {
        ServerConfig config;
        config.requestRate = 1; // one token back per second
        config.requestBurst = 4;
        QVERIFY(start(config));
        TestClient churner;
        QVERIFY(churner.connectTo(port()));
        TestClient bystander;
        QVERIFY(bystander.connectTo(port()));
        const QJsonObject room{{QStringLiteral("room"), QStringLiteral("churn")}};
        QVERIFY(bystander.request(QStringLiteral("join_room"), room)
                    .value(QStringLiteral("ok"))
                    .toBool());
        // join, leave, join, list: the burst; then join_room churn is refused.
        QCOMPARE(churner.request(QStringLiteral("join_room"), room).value(QStringLiteral("ok")),
                 true);
        QCOMPARE(churner.request(QStringLiteral("leave_room"), room).value(QStringLiteral("ok")),
                 true);
        QCOMPARE(churner.request(QStringLiteral("join_room"), room).value(QStringLiteral("ok")),
                 true);
        QCOMPARE(churner.request(QStringLiteral("list_rooms"), QJsonObject())
                     .value(QStringLiteral("ok")),
                 true);
        for (const QString& name : {QStringLiteral("leave_room"), QStringLiteral("join_room"),
                                    QStringLiteral("history"), QStringLiteral("list_rooms")}) {
            const QJsonObject refused = churner.request(name, room);
            const QJsonObject error = refused.value(QStringLiteral("error")).toObject();
            QCOMPARE(error.value(QStringLiteral("code")).toString(),
                     QStringLiteral("rate_limited"));
            QVERIFY2(error.value(QStringLiteral("retry_after_ms")).toInteger() > 0,
                     qPrintable(name));
        }
        // The bystander saw one join, one leave and one join: nothing of the refused churn.
        QVERIFY(bystander.waitForEvents(QStringLiteral("user_joined"), 2));
        QCOMPARE(bystander.events(QStringLiteral("user_left")).size(), 1);
        // send_message has its own bucket: still allowed.
        const QJsonObject sent =
            churner.request(QStringLiteral("send_message"),
                            QJsonObject{{QStringLiteral("room"), QStringLiteral("churn")},
                                        {QStringLiteral("text"), QStringLiteral("hello")}});
        QCOMPARE(sent.value(QStringLiteral("ok")).toBool(), true);
        QVERIFY(TestClient::httpGet(port(), "/metrics").body.contains("join_room"));
    }

    void perAddressCapAnswers429()
    {
        ServerConfig config;
        config.maxConnectionsPerIp = 2;
        QVERIFY(start(config));
        RawWebSocket first;
        RawWebSocket second;
        QVERIFY(first.upgrade(port()));
        QVERIFY(second.upgrade(port()));
        RawWebSocket third;
        QVERIFY(!third.upgrade(port()));
        QCOMPARE(third.httpStatus(), 429);
        QVERIFY2(third.httpAnswer().contains("\r\nRetry-After: 10\r\n"),
                 third.httpAnswer().constData());
        QVERIFY(third.httpAnswer().contains("too_many_connections"));
        QVERIFY(TestClient::httpGet(port(), "/metrics")
                    .body.contains("chat_connections_refused_total{reason=\"per_ip_cap\"} 1"));
        // Plain HTTP is not capped.
        QCOMPARE(TestClient::httpGet(port(), "/health").status, 200);

        // A closed connection frees its slot (as soon as the server has seen the close).
        first.abort();
        std::vector<std::unique_ptr<RawWebSocket>> attempts;
        QVERIFY(QTest::qWaitFor(
            [&] {
                attempts.push_back(std::make_unique<RawWebSocket>());
                return attempts.back()->upgrade(port());
            },
            5000));
    }

    void totalCapAnswers503()
    {
        ServerConfig config;
        config.maxConnections = 1;
        config.maxConnectionsPerIp = 0;
        QVERIFY(start(config));
        TestClient client;
        QVERIFY(client.connectTo(port()));
        RawWebSocket refused;
        QVERIFY(!refused.upgrade(port()));
        QCOMPARE(refused.httpStatus(), 503);
        QVERIFY(refused.httpAnswer().contains("\r\nRetry-After: 30\r\n"));
        QVERIFY(refused.httpAnswer().contains("server_busy"));
        QVERIFY(TestClient::httpGet(port(), "/metrics")
                    .body.contains("chat_connections_refused_total{reason=\"connection_cap\"} 1"));
        // The admitted client is unaffected.
        QVERIFY(client.request(QStringLiteral("join_room"), room(QStringLiteral("a")))
                    .value(QStringLiteral("ok"))
                    .toBool());
    }

    void disallowedOriginAnswers403()
    {
        ServerConfig config;
        config.allowedOrigins = {QStringLiteral("https://chat.example.org"),
                                 QStringLiteral("http://localhost:8080/")};
        QVERIFY(start(config));
        RawWebSocket evil;
        QVERIFY(!evil.upgrade(port(), {"Origin: https://evil.example.org"}));
        QCOMPARE(evil.httpStatus(), 403);
        QVERIFY(evil.httpAnswer().contains(R"({"code":4,"message":"Forbidden"})"));
        QVERIFY(TestClient::httpGet(port(), "/metrics")
                    .body.contains("chat_connections_refused_total{reason=\"origin\"} 1"));

        RawWebSocket allowed;
        QVERIFY(allowed.upgrade(port(), {"Origin: https://Chat.Example.org"}));
        RawWebSocket allowedWithPort;
        QVERIFY(allowedWithPort.upgrade(port(), {"Origin: http://localhost:8080"}));
        // Node and python clients send no Origin at all.
        RawWebSocket noOrigin;
        QVERIFY(noOrigin.upgrade(port()));
    }

    void connectDeadlineCloses()
    {
        ServerConfig config;
        config.connectTimeoutMs = 300;
        QVERIFY(start(config));
        // A client that sends CONNECT in time stays past the deadline.
        TestClient prompt;
        QVERIFY(prompt.connectTo(port()));
        TestClient idle;
        QVERIFY(idle.open(port()));
        QVERIFY(idle.waitForClosed(5000));
        QCOMPARE(idle.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QVERIFY(!prompt.isClosed());
        QVERIFY(prompt.request(QStringLiteral("list_rooms"), QJsonObject())
                    .value(QStringLiteral("ok"))
                    .toBool());
    }

    void invalidUtf8Closes1007()
    {
        QVERIFY(start());
        RawWebSocket raw;
        QVERIFY(raw.upgrade(port()));
        QVERIFY(raw.waitForTextStartingWith("0{"));
        raw.sendText("40");
        QVERIFY(raw.waitForTextStartingWith("40{"));
        raw.sendText("42[\"send_message\",{\"room\":\"a\",\"text\":\"\xff\xfe\xc3\x28\"}]");
        QVERIFY(raw.waitForDisconnected());
        QCOMPARE(raw.closeCode(), 1007);
    }

    void oversizedFrameCloses1009()
    {
        ServerConfig config;
        config.maxPayloadBytes = 4096;
        QVERIFY(start(config));
        RawWebSocket raw;
        QVERIFY(raw.upgrade(port()));
        // The frame header announces the size: Qt refuses before buffering the payload.
        raw.sendText(QByteArray(100000, 'x'));
        QVERIFY(raw.waitForDisconnected());
        QCOMPARE(raw.closeCode(), 1009);
    }

    void deepJsonIsInvalidPayload()
    {
        QVERIFY(start());
        TestClient client;
        QVERIFY(client.connectTo(port()));
        const QString deep = QStringLiteral("427[\"join_room\",%1{\"room\":\"a\"}%2]")
                                 .arg(QString(40, QLatin1Char('[')), QString(40, QLatin1Char(']')));
        client.sendRaw(deep);
        const QJsonObject ack = client.waitForAck(7);
        QCOMPARE(errorCode(ack), QStringLiteral("invalid_payload"));
        QCOMPARE(ack.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")),
                 QJsonValue(QStringLiteral("packet data is nested too deeply")));
        QVERIFY(!client.isClosed());
    }

    void totalRoomsCapAnswersServerBusy()
    {
        ServerConfig config;
        config.maxRooms = 3;
        QVERIFY(start(config));
        TestClient a;
        TestClient b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        for (const char* name : {"r1", "r2", "r3"})
            QVERIFY(a.request(QStringLiteral("join_room"), room(QLatin1String(name)))
                        .value(QStringLiteral("ok"))
                        .toBool());
        const QJsonObject busy = b.request(QStringLiteral("join_room"), room(QStringLiteral("r4")));
        QCOMPARE(errorCode(busy), QStringLiteral("server_busy"));
        QVERIFY(busy.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("retry_after_ms"))
                    .toInteger() > 0);
        // Existing rooms can still be joined.
        QVERIFY(b.request(QStringLiteral("join_room"), room(QStringLiteral("r1")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        // Once a room is gone, a new one fits again.
        QVERIFY(a.request(QStringLiteral("leave_room"), room(QStringLiteral("r3")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(b.request(QStringLiteral("join_room"), room(QStringLiteral("r4")))
                    .value(QStringLiteral("ok"))
                    .toBool());
    }

    void typingExpires()
    {
        ServerConfig config;
        config.typingTimeoutMs = 300;
        QVERIFY(start(config));
        TestClient a;
        TestClient b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("t")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(b.request(QStringLiteral("join_room"), room(QStringLiteral("t")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(a.request(QStringLiteral("typing"), typing(QStringLiteral("t"), true))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(b.waitForEvents(QStringLiteral("typing"), 2, 5000));
        const QList<QJsonObject> events = b.events(QStringLiteral("typing"));
        QCOMPARE(events.at(0).value(QStringLiteral("typing")), QJsonValue(true));
        QCOMPARE(events.at(1).value(QStringLiteral("typing")), QJsonValue(false));
        QCOMPARE(events.at(1).value(QStringLiteral("user_id")).toString(), a.session().userId);
        QCOMPARE(events.at(1).value(QStringLiteral("room")).toString(), QStringLiteral("t"));
        // The typist was not told it types; the expiry goes to the whole room.
        for (const QJsonObject& event : a.events(QStringLiteral("typing")))
            QCOMPARE(event.value(QStringLiteral("typing")), QJsonValue(false));
    }

    void typingEndsOnLeaveAndDisconnect()
    {
        ServerConfig config;
        config.typingTimeoutMs = 600000; // never within this test
        QVERIFY(start(config));
        TestClient a;
        TestClient b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        for (TestClient* client : {&a, &b})
            QVERIFY(client->request(QStringLiteral("join_room"), room(QStringLiteral("t")))
                        .value(QStringLiteral("ok"))
                        .toBool());
        a.request(QStringLiteral("typing"), typing(QStringLiteral("t"), true));
        QVERIFY(b.waitForEvents(QStringLiteral("typing"), 1));
        QVERIFY(a.request(QStringLiteral("leave_room"), room(QStringLiteral("t")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(b.waitForEvents(QStringLiteral("typing"), 2));
        QCOMPARE(b.events(QStringLiteral("typing")).at(1).value(QStringLiteral("typing")),
                 QJsonValue(false));

        // Typing, then the connection drops (the user stays a member during the grace).
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("t")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        a.request(QStringLiteral("typing"), typing(QStringLiteral("t"), true));
        QVERIFY(b.waitForEvents(QStringLiteral("typing"), 3));
        a.kill();
        QVERIFY(b.waitForEvents(QStringLiteral("typing"), 4));
        QCOMPARE(b.events(QStringLiteral("typing")).at(3).value(QStringLiteral("typing")),
                 QJsonValue(false));
    }

    void messageTextIsSanitized_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("stored");
        QTest::newRow("controls removed")
            << QStringLiteral("a\u0007b\r\nc\td\u001b[31m") << QStringLiteral("ab\nc\td[31m");
        QTest::newRow("NFC") << QStringLiteral("Cafe\u0301") << QStringLiteral("Caf\u00e9");
        // 8000 code points before NFC, 4000 after: the length rule counts the result.
        QTest::newRow("length counted after NFC")
            << QStringLiteral("e\u0301").repeated(4000) << QStringLiteral("\u00e9").repeated(4000);
    }

    void messageTextIsSanitized()
    {
        QFETCH(QString, text);
        QFETCH(QString, stored);
        QVERIFY(start());
        TestClient a;
        TestClient b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        for (TestClient* client : {&a, &b})
            QVERIFY(client->request(QStringLiteral("join_room"), room(QStringLiteral("h")))
                        .value(QStringLiteral("ok"))
                        .toBool());
        const QJsonObject ack =
            a.request(QStringLiteral("send_message"), message(QStringLiteral("h"), text));
        QVERIFY2(ack.value(QStringLiteral("ok")).toBool(),
                 QJsonDocument(ack).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(ack.value(QStringLiteral("message")).toObject().value(QStringLiteral("text")),
                 QJsonValue(stored));
        QVERIFY(b.waitForEvents(QStringLiteral("message")));
        QCOMPARE(b.events(QStringLiteral("message")).constFirst().value(QStringLiteral("text")),
                 QJsonValue(stored));
    }

    void onlyControlCharactersIsEmpty()
    {
        QVERIFY(start());
        TestClient a;
        QVERIFY(a.connectTo(port()));
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("h")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QCOMPARE(
            errorCode(a.request(QStringLiteral("send_message"),
                                message(QStringLiteral("h"), QStringLiteral("\u0001\u0002 \r")))),
            QStringLiteral("empty_message"));
    }
};

QTEST_GUILESS_MAIN(tst_ServerLimits)
#include "tst_serverlimits.moc"
