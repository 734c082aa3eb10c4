// The plain JSON WebSocket endpoint `/ws` end to end (shared protocol 1.1, "Plain JSON
// WebSocket: /ws"): session then joined, chat with Socket.IO members of the same room,
// plain-text frames, client_id retries, resume with token and since, errors that keep the
// connection, and the WebSocket heartbeat.

#include "jsonwsclient.h"
#include "memoryserverfixture.h"
#include "rawwebsocket.h"
#include "testclient.h"

#include <QJsonArray>
#include <QTest>

namespace {

QString textOf(const QJsonObject& frame)
{
    return frame.value(QStringLiteral("text")).toString();
}

QList<qint64> seqsOf(const QJsonArray& messages)
{
    QList<qint64> seqs;
    for (const QJsonValue& message : messages)
        seqs.append(message.toObject().value(QStringLiteral("seq")).toInteger());
    return seqs;
}

QJsonObject chat(const QString& text, const QString& clientId = {})
{
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("message")},
                       {QStringLiteral("text"), text}};
    if (!clientId.isEmpty())
        object.insert(QStringLiteral("client_id"), clientId);
    return object;
}

} // namespace

class tst_JsonEndpoint : public MemoryServerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void opensWithSessionThenJoined();
    void roomDefaultsToLobby();
    void chatsWithSocketIoMembers();
    void plainTextFrameIsAMessage();
    void retrySendsTheOriginalToTheSenderOnly();
    void resumesIdentityAndMissedMessages();
    void invalidRoomIsRefusedAndClosed();
    void badFramesGetErrorsAndKeepTheConnection();
    void historyPagesBackwards();
    void framesSentBeforeJoinedAreHandledInOrder();
    void pingsAndDropsAPeerThatDoesNotPong();
};

void tst_JsonEndpoint::opensWithSessionThenJoined()
{
    QVERIFY(start());
    JsonWsClient client;
    QVERIFY(client.join(port(), QStringLiteral("?room=Tea.Room")));
    const QList<QJsonObject> frames = client.allFrames();
    QCOMPARE(frames.at(0).value(QStringLiteral("type")).toString(), QStringLiteral("session"));
    const QString userId = frames.at(0).value(QStringLiteral("user_id")).toString();
    QVERIFY(userId.startsWith(QLatin1String("u_")));
    QVERIFY(!frames.at(0).value(QStringLiteral("token")).toString().isEmpty());
    QCOMPARE(frames.at(0).value(QStringLiteral("resumed")).toBool(true), false);
    const QJsonObject joined = frames.at(1);
    QCOMPARE(joined.value(QStringLiteral("type")).toString(), QStringLiteral("joined"));
    QCOMPARE(joined.value(QStringLiteral("room")).toString(), QStringLiteral("tea.room"));
    QCOMPARE(joined.value(QStringLiteral("last_seq")).toInteger(-1), 0);
    QVERIFY(joined.value(QStringLiteral("history")).isArray());
    QVERIFY(!joined.contains(QStringLiteral("ok")));
    const QJsonArray members = joined.value(QStringLiteral("members")).toArray();
    QCOMPARE(members.size(), 1);
    QCOMPARE(members.at(0).toObject().value(QStringLiteral("user_id")).toString(), userId);
}

void tst_JsonEndpoint::roomDefaultsToLobby()
{
    QVERIFY(start());
    JsonWsClient client;
    QVERIFY(client.join(port()));
    QCOMPARE(client.frames(QStringLiteral("joined")).at(0).value(QStringLiteral("room")),
             QStringLiteral("lobby"));
}

void tst_JsonEndpoint::chatsWithSocketIoMembers()
{
    QVERIFY(start());
    JsonWsClient web;
    QVERIFY(web.join(port(), QStringLiteral("?room=mixed")));
    TestClient socketIo;
    QVERIFY(socketIo.connectTo(port()));
    QVERIFY(socketIo
                .request(QStringLiteral("join_room"),
                         QJsonObject{{QStringLiteral("room"), QStringLiteral("mixed")}})
                .value(QStringLiteral("ok"))
                .toBool());
    // Presence crosses dialects.
    QVERIFY(web.waitForFrames(QStringLiteral("user_joined")));
    QCOMPARE(web.frames(QStringLiteral("user_joined")).at(0).value(QStringLiteral("user_id")),
             socketIo.session().userId);

    web.send(chat(QStringLiteral("from the browser"), QStringLiteral("c-1")));
    QVERIFY(socketIo.waitForEvents(QStringLiteral("message")));
    const QJsonObject received = socketIo.events(QStringLiteral("message")).at(0);
    QCOMPARE(received.value(QStringLiteral("text")).toString(), QStringLiteral("from the browser"));
    QCOMPARE(received.value(QStringLiteral("client_id")).toString(), QStringLiteral("c-1"));
    // The sender's own broadcast is its acknowledgement.
    QVERIFY(web.waitForFrames(QStringLiteral("message")));
    const QJsonObject echo = web.frames(QStringLiteral("message")).at(0);
    QCOMPARE(echo.value(QStringLiteral("seq")), received.value(QStringLiteral("seq")));
    QCOMPARE(echo.value(QStringLiteral("client_id")).toString(), QStringLiteral("c-1"));

    QVERIFY(socketIo
                .request(QStringLiteral("send_message"),
                         QJsonObject{{QStringLiteral("room"), QStringLiteral("mixed")},
                                     {QStringLiteral("text"), QStringLiteral("from Socket.IO")}})
                .value(QStringLiteral("ok"))
                .toBool());
    QVERIFY(web.waitForFrames(QStringLiteral("message"), 2));
    const QJsonObject second = web.frames(QStringLiteral("message")).at(1);
    QCOMPARE(textOf(second), QStringLiteral("from Socket.IO"));
    QCOMPARE(second.value(QStringLiteral("handle")).toString(), socketIo.session().handle);
    QCOMPARE(second.value(QStringLiteral("seq")).toInteger(),
             echo.value(QStringLiteral("seq")).toInteger() + 1);
}

void tst_JsonEndpoint::plainTextFrameIsAMessage()
{
    QVERIFY(start());
    JsonWsClient client;
    QVERIFY(client.join(port(), QStringLiteral("?room=plain")));
    client.sendText(QStringLiteral("hello"));
    client.sendText(QStringLiteral("[1,2]")); // JSON, but not an object: text as well
    QVERIFY(client.waitForFrames(QStringLiteral("message"), 2));
    QCOMPARE(textOf(client.frames(QStringLiteral("message")).at(0)), QStringLiteral("hello"));
    QCOMPARE(textOf(client.frames(QStringLiteral("message")).at(1)), QStringLiteral("[1,2]"));
}

void tst_JsonEndpoint::retrySendsTheOriginalToTheSenderOnly()
{
    QVERIFY(start());
    JsonWsClient sender;
    QVERIFY(sender.join(port(), QStringLiteral("?room=retry")));
    TestClient other;
    QVERIFY(other.connectTo(port()));
    other.request(QStringLiteral("join_room"),
                  QJsonObject{{QStringLiteral("room"), QStringLiteral("retry")}});
    sender.send(chat(QStringLiteral("once"), QStringLiteral("c-7")));
    sender.send(chat(QStringLiteral("retried text is ignored"), QStringLiteral("c-7")));
    sender.send(chat(QStringLiteral("after")));
    QVERIFY(other.waitForEvents(QStringLiteral("message"), 2));
    QVERIFY(sender.waitForFrames(QStringLiteral("message"), 3));
    const QList<QJsonObject> mine = sender.frames(QStringLiteral("message"));
    QCOMPARE(textOf(mine.at(0)), QStringLiteral("once"));
    QCOMPARE(textOf(mine.at(1)), QStringLiteral("once")); // the retry's answer: the original
    QCOMPARE(mine.at(1).value(QStringLiteral("seq")), mine.at(0).value(QStringLiteral("seq")));
    QCOMPARE(textOf(mine.at(2)), QStringLiteral("after"));
    const QList<QJsonObject> theirs = other.events(QStringLiteral("message"));
    QCOMPARE(theirs.size(), 2); // the retry was not broadcast
    QCOMPARE(textOf(theirs.at(1)), QStringLiteral("after"));
}

void tst_JsonEndpoint::resumesIdentityAndMissedMessages()
{
    QVERIFY(start());
    JsonWsClient first;
    QVERIFY(first.join(port(), QStringLiteral("?room=resume")));
    const QJsonObject session = first.frames(QStringLiteral("session")).at(0);
    for (int i = 1; i <= 3; ++i)
        first.send(chat(QStringLiteral("m%1").arg(i)));
    QVERIFY(first.waitForFrames(QStringLiteral("message"), 3));
    first.socket()->close();
    QVERIFY(first.waitForClosed());

    JsonWsClient second;
    const QString token = QString::fromUtf8(
        QUrl::toPercentEncoding(session.value(QStringLiteral("token")).toString()));
    QVERIFY(second.join(port(), QStringLiteral("?room=resume&token=%1&since=1").arg(token)));
    const QJsonObject resumed = second.frames(QStringLiteral("session")).at(0);
    QCOMPARE(resumed.value(QStringLiteral("resumed")).toBool(), true);
    QCOMPARE(resumed.value(QStringLiteral("user_id")), session.value(QStringLiteral("user_id")));
    const QJsonObject joined = second.frames(QStringLiteral("joined")).at(0);
    QCOMPARE(seqsOf(joined.value(QStringLiteral("history")).toArray()), (QList<qint64>{2, 3}));
    QCOMPARE(joined.value(QStringLiteral("truncated")).toBool(true), false);
}

void tst_JsonEndpoint::invalidRoomIsRefusedAndClosed()
{
    QVERIFY(start());
    JsonWsClient client;
    client.socket()->open(
        QUrl(QStringLiteral("ws://127.0.0.1:%1/ws?room=no%20spaces").arg(port())));
    QVERIFY(client.waitForFrames(QStringLiteral("error")));
    QCOMPARE(client.frames(QStringLiteral("error")).at(0).value(QStringLiteral("code")),
             QStringLiteral("invalid_room"));
    QVERIFY(client.waitForClosed());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(client.frames(QStringLiteral("joined")).isEmpty());
}

void tst_JsonEndpoint::badFramesGetErrorsAndKeepTheConnection()
{
    QVERIFY(start());
    JsonWsClient client;
    QVERIFY(client.join(port(), QStringLiteral("?room=errors")));
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("dance")}});
    client.send(chat(QStringLiteral("   "), QStringLiteral("c-blank")));
    client.send(chat(QString(4001, QLatin1Char('x'))));
    client.socket()->sendBinaryMessage("\x01\x02");
    QVERIFY(client.waitForFrames(QStringLiteral("error"), 4));
    const QList<QJsonObject> errors = client.frames(QStringLiteral("error"));
    QCOMPARE(errors.at(0).value(QStringLiteral("code")), QStringLiteral("invalid_payload"));
    QCOMPARE(errors.at(1).value(QStringLiteral("code")), QStringLiteral("empty_message"));
    QCOMPARE(errors.at(1).value(QStringLiteral("client_id")), QStringLiteral("c-blank"));
    QCOMPARE(errors.at(2).value(QStringLiteral("code")), QStringLiteral("message_too_long"));
    QCOMPARE(errors.at(3).value(QStringLiteral("code")), QStringLiteral("invalid_payload"));
    // Still in the room and chatting.
    client.send(chat(QStringLiteral("still here")));
    QVERIFY(client.waitForFrames(QStringLiteral("message")));
    QCOMPARE(textOf(client.frames(QStringLiteral("message")).at(0)), QStringLiteral("still here"));
    QVERIFY(!client.isClosed());
}

void tst_JsonEndpoint::historyPagesBackwards()
{
    QVERIFY(start());
    JsonWsClient client;
    QVERIFY(client.join(port(), QStringLiteral("?room=pages")));
    for (int i = 1; i <= 5; ++i)
        client.send(chat(QStringLiteral("m%1").arg(i)));
    QVERIFY(client.waitForFrames(QStringLiteral("message"), 5));
    client.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("history")},
                            {QStringLiteral("before"), 5},
                            {QStringLiteral("limit"), 2}});
    QVERIFY(client.waitForFrames(QStringLiteral("history")));
    const QJsonObject page = client.frames(QStringLiteral("history")).at(0);
    QCOMPARE(page.value(QStringLiteral("room")), QStringLiteral("pages"));
    QCOMPARE(seqsOf(page.value(QStringLiteral("history")).toArray()), (QList<qint64>{3, 4}));
    QCOMPARE(page.value(QStringLiteral("has_more")).toBool(), true);
}

void tst_JsonEndpoint::framesSentBeforeJoinedAreHandledInOrder()
{
    QVERIFY(start());
    JsonWsClient client;
    connect(client.socket(), &QWebSocket::connected, &client, [&client] {
        client.sendText(QStringLiteral("first"));
        client.sendText(QStringLiteral("second"));
    });
    QVERIFY(client.join(port(), QStringLiteral("?room=early")));
    QVERIFY(client.waitForFrames(QStringLiteral("message"), 2));
    QCOMPARE(textOf(client.frames(QStringLiteral("message")).at(0)), QStringLiteral("first"));
    QCOMPARE(textOf(client.frames(QStringLiteral("message")).at(1)), QStringLiteral("second"));
}

void tst_JsonEndpoint::pingsAndDropsAPeerThatDoesNotPong()
{
    ServerConfig config;
    config.pingIntervalMs = 100;
    config.pingTimeoutMs = 200;
    QVERIFY(start(config));

    RawWebSocket answering;
    answering.setTarget("/ws?room=beats");
    QVERIFY(answering.upgrade(port()));
    RawWebSocket silent;
    silent.setTarget("/ws?room=beats");
    silent.setAnswerPings(false);
    QVERIFY(silent.upgrade(port()));

    QTRY_VERIFY_WITH_TIMEOUT(silent.state() == RawWebSocket::State::Closed, 5000);
    QVERIFY(silent.pingsReceived() >= 1);
    // The one that answers is still there after many more heartbeats.
    QTRY_VERIFY_WITH_TIMEOUT(answering.pingsReceived() >= 8, 5000);
    QCOMPARE(answering.state(), RawWebSocket::State::Upgraded);
}

QTEST_MAIN(tst_JsonEndpoint)
#include "tst_jsonendpoint.moc"
