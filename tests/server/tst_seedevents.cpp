// The seed app's Socket.IO event names (shared protocol 1.1, "The seed app's Socket.IO
// event names (aliases)"): `connected` after CONNECT; join/leave/message/test_message and
// their joined/left/test_response answers; a room holding seed, standard and /ws members,
// each receiving broadcasts in its own format.

#include "jsonwsclient.h"
#include "memoryserverfixture.h"
#include "testclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

namespace {

QJsonObject object(std::initializer_list<std::pair<const char*, QJsonValue>> fields)
{
    QJsonObject result;
    for (const auto& [key, value] : fields)
        result.insert(QLatin1String(key), value);
    return result;
}

} // namespace

class tst_SeedEvents : public MemoryServerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(start()); }

    void everyClientGetsConnectedWithItsSocketId();
    void joinAnswersJoinedAndTheAck();
    void messagesReachEveryKindInItsOwnFormat();
    void leaveAnswersLeft();
    void testMessageEchoes();
    void errorsAreTheStandardOnes();
};

void tst_SeedEvents::everyClientGetsConnectedWithItsSocketId()
{
    TestClient client;
    QVERIFY(client.connectTo(port()));
    QVERIFY(client.waitForEvents(QStringLiteral("connected")));
    QCOMPARE(client.events(QStringLiteral("connected")).at(0).value(QStringLiteral("sid")),
             client.socketId());
    QVERIFY(!client.socketId().isEmpty());
}

void tst_SeedEvents::joinAnswersJoinedAndTheAck()
{
    TestClient seed;
    QVERIFY(seed.connectTo(port()));
    const QJsonObject ack =
        seed.request(QStringLiteral("join"), object({{"room", QStringLiteral("Seeds")}}));
    QCOMPARE(ack.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(ack.value(QStringLiteral("room")), QStringLiteral("seeds"));
    QVERIFY(seed.waitForEvents(QStringLiteral("joined")));
    const QJsonObject joined = seed.events(QStringLiteral("joined")).at(0);
    QCOMPARE(joined.value(QStringLiteral("room")), QStringLiteral("seeds"));
    QCOMPARE(joined.value(QStringLiteral("last_seq")).toInteger(-1), 0);
    QCOMPARE(joined.value(QStringLiteral("members")).toArray().size(), 1);
    QVERIFY(joined.value(QStringLiteral("history")).isArray());
    QVERIFY(!joined.contains(QStringLiteral("ok")));
}

void tst_SeedEvents::messagesReachEveryKindInItsOwnFormat()
{
    TestClient seed;
    QVERIFY(seed.connectTo(port()));
    seed.request(QStringLiteral("join"), object({{"room", QStringLiteral("mixed")}}));
    TestClient standard;
    QVERIFY(standard.connectTo(port()));
    standard.request(QStringLiteral("join_room"), object({{"room", QStringLiteral("mixed")}}));
    JsonWsClient web;
    QVERIFY(web.join(port(), QStringLiteral("?room=mixed")));

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject ack = seed.request(
        QStringLiteral("message"), object({{"room", QStringLiteral("mixed")},
                                           {"message", QStringLiteral("hello from the seed app")},
                                           {"username", QStringLiteral("Mallory")},
                                           {"timestamp", 12345}}));
    QCOMPARE(ack.value(QStringLiteral("ok")).toBool(), true);

    QVERIFY(seed.waitForEvents(QStringLiteral("message")));
    const QJsonObject seedView = seed.events(QStringLiteral("message")).at(0);
    QCOMPARE(seedView.value(QStringLiteral("message")), QStringLiteral("hello from the seed app"));
    // Names and times are the server's, whatever the client claimed.
    QCOMPARE(seedView.value(QStringLiteral("username")).toString(), seed.session().handle);
    QVERIFY(seedView.value(QStringLiteral("timestamp")).toInteger() >= before);
    QCOMPARE(seedView.value(QStringLiteral("user_id")).toString(), seed.session().userId);
    QCOMPARE(seedView.value(QStringLiteral("seq")).toInteger(), 1);
    QVERIFY(!seedView.value(QStringLiteral("id")).toString().isEmpty());
    QVERIFY(!seedView.value(QStringLiteral("ts")).toString().isEmpty());
    QVERIFY(!seedView.contains(QStringLiteral("text")));

    QVERIFY(standard.waitForEvents(QStringLiteral("message")));
    const QJsonObject standardView = standard.events(QStringLiteral("message")).at(0);
    QCOMPARE(standardView.value(QStringLiteral("text")), QStringLiteral("hello from the seed app"));
    QCOMPARE(standardView.value(QStringLiteral("handle")).toString(), seed.session().handle);
    QCOMPARE(standardView.value(QStringLiteral("id")), seedView.value(QStringLiteral("id")));
    QVERIFY(!standardView.contains(QStringLiteral("username")));

    QVERIFY(web.waitForFrames(QStringLiteral("message")));
    QCOMPARE(web.frames(QStringLiteral("message")).at(0).value(QStringLiteral("id")),
             seedView.value(QStringLiteral("id")));

    // And the other way round: a standard member's message, in seed format.
    standard.request(QStringLiteral("send_message"),
                     object({{"room", QStringLiteral("mixed")}, {"text", QStringLiteral("hi")}}));
    QVERIFY(seed.waitForEvents(QStringLiteral("message"), 2));
    const QJsonObject reply = seed.events(QStringLiteral("message")).at(1);
    QCOMPARE(reply.value(QStringLiteral("message")), QStringLiteral("hi"));
    QCOMPARE(reply.value(QStringLiteral("username")).toString(), standard.session().handle);
}

void tst_SeedEvents::leaveAnswersLeft()
{
    TestClient seed;
    QVERIFY(seed.connectTo(port()));
    seed.request(QStringLiteral("join"), object({{"room", QStringLiteral("exit")}}));
    const QJsonObject ack =
        seed.request(QStringLiteral("leave"), object({{"room", QStringLiteral("exit")}}));
    QCOMPARE(ack.value(QStringLiteral("ok")).toBool(), true);
    QVERIFY(seed.waitForEvents(QStringLiteral("left")));
    QCOMPARE(seed.events(QStringLiteral("left")).at(0).value(QStringLiteral("room")),
             QStringLiteral("exit"));
    // Left for real: sending there is refused.
    const QJsonObject refused = seed.request(
        QStringLiteral("message"),
        object({{"room", QStringLiteral("exit")}, {"message", QStringLiteral("anyone?")}}));
    QCOMPARE(refused.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
             QStringLiteral("not_in_room"));
}

void tst_SeedEvents::testMessageEchoes()
{
    TestClient seed;
    QVERIFY(seed.connectTo(port()));
    const QJsonObject payload = object({{"message", QStringLiteral("ping?")}, {"n", 3}});
    seed.send(QStringLiteral("test_message"), payload);
    QVERIFY(seed.waitForEvents(QStringLiteral("test_response")));
    const QJsonObject response = seed.events(QStringLiteral("test_response")).at(0);
    QCOMPARE(response.value(QStringLiteral("status")), QStringLiteral("ok"));
    QCOMPARE(response.value(QStringLiteral("data")).toObject(), payload);
}

void tst_SeedEvents::errorsAreTheStandardOnes()
{
    TestClient seed;
    QVERIFY(seed.connectTo(port()));
    const QJsonObject badRoom =
        seed.request(QStringLiteral("join"), object({{"room", QStringLiteral("no spaces")}}));
    QCOMPARE(badRoom.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(badRoom.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
             QStringLiteral("invalid_room"));
    const QJsonObject noText =
        seed.request(QStringLiteral("message"), object({{"room", QStringLiteral("x")}}));
    QCOMPARE(noText.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
             QStringLiteral("invalid_payload"));
    QVERIFY(seed.events(QStringLiteral("joined")).isEmpty());
}

QTEST_MAIN(tst_SeedEvents)
#include "tst_seedevents.moc"
