// End-to-end tests of the chat application over real WebSockets on loopback: rooms,
// messages, validation errors, rate limits, history, presence and identities.

#include "chatserver.h"
#include "testclient.h"
#include "tokensigner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

// tst_chatservice_sqlite runs the same tests on the default storage.
#ifdef CHAT_TEST_SQLITE
constexpr auto TestStorage = ServerConfig::Storage::Sqlite;
#else
constexpr auto TestStorage = ServerConfig::Storage::Memory;
#endif

QJsonObject room(const QString& name)
{
    return QJsonObject{{QStringLiteral("room"), name}};
}

QJsonObject message(const QString& roomName, const QString& text, const QString& clientId = {})
{
    QJsonObject object{{QStringLiteral("room"), roomName}, {QStringLiteral("text"), text}};
    if (!clientId.isEmpty())
        object.insert(QStringLiteral("client_id"), clientId);
    return object;
}

/// JSON written with single quotes, for readable tables: q("{'a':1}") is {"a":1}.
QByteArray q(const char* json)
{
    QByteArray bytes(json);
    bytes.replace('\'', '"');
    return bytes;
}

QString errorCode(const QJsonObject& ack)
{
    return ack.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QList<qint64> seqsOf(const QJsonArray& messages)
{
    QList<qint64> seqs;
    for (const QJsonValue& m : messages)
        seqs.append(m.toObject().value(QStringLiteral("seq")).toInteger());
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 i = first; i <= last; ++i)
        result.append(i);
    return result;
}

} // namespace

class tst_ChatService : public QObject
{
    Q_OBJECT

private:
    ServerConfig baseConfig() const
    {
        ServerConfig config;
        config.port = 0;
        config.dataDir = m_dataDir.path();
        config.storage = TestStorage;
        config.messageRate = 0; // unlimited unless a test says otherwise
        return config;
    }

    bool start(const ServerConfig& config)
    {
        m_server = std::make_unique<ChatServer>(config);
        QString error;
        if (!m_server->listen(&error)) {
            qWarning("listen failed: %s", qPrintable(error));
            return false;
        }
        return m_server->port() != 0;
    }

    quint16 port() const { return m_server->port(); }

    /// Sends @p count messages "<prefix><i>" to @p roomName and checks each ack.
    bool sendMany(TestClient& client, const QString& roomName, const QString& prefix, int count)
    {
        for (int i = 1; i <= count; ++i) {
            const QJsonObject ack = client.request(QStringLiteral("send_message"),
                                                   message(roomName, prefix + QString::number(i)));
            if (!ack.value(QStringLiteral("ok")).toBool())
                return false;
        }
        return true;
    }

    QTemporaryDir m_dataDir;
    std::unique_ptr<ChatServer> m_server;

private Q_SLOTS:
    void cleanup()
    {
        m_server.reset();
        QDir(m_dataDir.path()).removeRecursively(); // each test starts without stored history
    }

    void threeClientsTwoRoomsIsolationAndOrder()
    {
        QVERIFY(start(baseConfig()));
        TestClient a, b, c;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        QVERIFY(c.connectTo(port()));
        QVERIFY(a.session().userId != b.session().userId);

        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("red")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("blue")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(b.request(QStringLiteral("join_room"), room(QStringLiteral("red")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(c.request(QStringLiteral("join_room"), room(QStringLiteral("blue")))
                    .value(QStringLiteral("ok"))
                    .toBool());

        // Interleave sends to both rooms from A, and more to red from B, without waiting.
        constexpr int PerRoom = 8;
        for (int i = 1; i <= PerRoom; ++i) {
            a.send(QStringLiteral("send_message"),
                   message(QStringLiteral("red"), QStringLiteral("red %1").arg(i)));
            a.send(QStringLiteral("send_message"),
                   message(QStringLiteral("blue"), QStringLiteral("blue %1").arg(i)));
        }
        QVERIFY(b.waitForEvents(QStringLiteral("message"), PerRoom));
        QVERIFY(c.waitForEvents(QStringLiteral("message"), PerRoom));
        QVERIFY(a.waitForEvents(QStringLiteral("message"), 2 * PerRoom));

        const auto check = [](const QList<QJsonObject>& received, const QString& roomName) {
            QList<qint64> seqs;
            QStringList texts;
            for (const QJsonObject& m : received) {
                if (m.value(QStringLiteral("room")).toString() != roomName)
                    continue;
                seqs.append(m.value(QStringLiteral("seq")).toInteger());
                texts.append(m.value(QStringLiteral("text")).toString());
            }
            QStringList expected;
            for (int i = 1; i <= PerRoom; ++i)
                expected.append(roomName + QLatin1Char(' ') + QString::number(i));
            return seqs == range(1, PerRoom) && texts == expected;
        };
        QVERIFY(check(a.events(QStringLiteral("message")), QStringLiteral("red")));
        QVERIFY(check(a.events(QStringLiteral("message")), QStringLiteral("blue")));
        QVERIFY(check(b.events(QStringLiteral("message")), QStringLiteral("red")));
        QVERIFY(check(c.events(QStringLiteral("message")), QStringLiteral("blue")));

        // Isolation: nothing from the other room, also after more traffic.
        QVERIFY(sendMany(b, QStringLiteral("red"), QStringLiteral("from b "), 3));
        QVERIFY(a.waitForEvents(QStringLiteral("message"), 2 * PerRoom + 3));
        for (const QJsonObject& m : b.events(QStringLiteral("message")))
            QCOMPARE(m.value(QStringLiteral("room")).toString(), QStringLiteral("red"));
        for (const QJsonObject& m : c.events(QStringLiteral("message")))
            QCOMPARE(m.value(QStringLiteral("room")).toString(), QStringLiteral("blue"));
        QCOMPARE(c.events(QStringLiteral("message")).size(), PerRoom);
        const QJsonObject last = b.events(QStringLiteral("message")).constLast();
        QCOMPARE(last.value(QStringLiteral("seq")).toInteger(), PerRoom + 3);
        QCOMPARE(last.value(QStringLiteral("user_id")).toString(), b.session().userId);
        QCOMPARE(last.value(QStringLiteral("handle")).toString(), b.session().handle);
        QVERIFY(last.value(QStringLiteral("ts")).toString().endsWith(QLatin1Char('Z')));
    }

    void joinAckAndPresence()
    {
        QVERIFY(start(baseConfig()));
        TestClient a, b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        const QJsonObject joined =
            a.request(QStringLiteral("join_room"), room(QStringLiteral("  Lobby ")));
        QCOMPARE(joined.value(QStringLiteral("room")).toString(), QStringLiteral("lobby"));
        QCOMPARE(joined.value(QStringLiteral("last_seq")).toInteger(), 0);
        QCOMPARE(joined.value(QStringLiteral("truncated")).toBool(true), false);
        QCOMPARE(joined.value(QStringLiteral("members")).toArray().size(), 1);

        QVERIFY(b.request(QStringLiteral("join_room"), room(QStringLiteral("LOBBY")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(a.waitForEvents(QStringLiteral("user_joined")));
        QCOMPARE(
            a.events(QStringLiteral("user_joined")).constFirst().value(QStringLiteral("user_id")),
            QJsonValue(b.session().userId));
        // Idempotent: a second join answers again, without a second user_joined.
        const QJsonObject again =
            b.request(QStringLiteral("join_room"), room(QStringLiteral("lobby")));
        QCOMPARE(again.value(QStringLiteral("members")).toArray().size(), 2);

        // typing goes to the others, not back to the sender.
        QVERIFY(b.request(QStringLiteral("typing"),
                          QJsonObject{{QStringLiteral("room"), QStringLiteral("lobby")},
                                      {QStringLiteral("typing"), true}})
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(a.waitForEvents(QStringLiteral("typing")));
        QCOMPARE(a.events(QStringLiteral("typing")).constFirst().value(QStringLiteral("typing")),
                 QJsonValue(true));
        QVERIFY(b.events(QStringLiteral("typing")).isEmpty());
        QCOMPARE(a.events(QStringLiteral("user_joined")).size(), 1);

        const QJsonObject left =
            b.request(QStringLiteral("leave_room"), room(QStringLiteral("lobby")));
        QCOMPARE(left, QJsonObject({{QStringLiteral("ok"), true},
                                    {QStringLiteral("room"), QStringLiteral("lobby")}}));
        QVERIFY(a.waitForEvents(QStringLiteral("user_left")));
        QCOMPARE(a.events(QStringLiteral("user_left")).constFirst().value(QStringLiteral("reason")),
                 QJsonValue(QStringLiteral("left")));
        // After leaving, sending is refused.
        QCOMPARE(errorCode(b.request(QStringLiteral("send_message"),
                                     message(QStringLiteral("lobby"), QStringLiteral("hi")))),
                 QStringLiteral("not_in_room"));
    }

    void validationErrors_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("joinFirst");
        QTest::addColumn<QString>("code");

        const QString send = QStringLiteral("send_message");
        QTest::newRow("payload not an object")
            << send << QByteArray("[1]") << true << QStringLiteral("invalid_payload");
        QTest::newRow("text not a string")
            << send << q("{'room':'r','text':5}") << true << QStringLiteral("invalid_payload");
        QTest::newRow("client_id not a string")
            << send << q("{'room':'r','text':'x','client_id':7}") << true
            << QStringLiteral("invalid_payload");
        QTest::newRow("lone surrogate") << send << q("{'room':'r','text':'a\\ud800b'}") << true
                                        << QStringLiteral("invalid_payload");
        QTest::newRow("room not a string")
            << send << q("{'room':1,'text':'x'}") << true << QStringLiteral("invalid_payload");
        QTest::newRow("bad room name") << send << q("{'room':'no spaces','text':'x'}") << true
                                       << QStringLiteral("invalid_room");
        QTest::newRow("empty room name") << QStringLiteral("join_room") << q("{'room':'   '}")
                                         << false << QStringLiteral("invalid_room");
        QTest::newRow("room name too long")
            << QStringLiteral("join_room")
            << QByteArray(q("{'room':'") + QByteArray(65, 'a') + "\"}") << false
            << QStringLiteral("invalid_room");
        QTest::newRow("since negative")
            << QStringLiteral("join_room") << q("{'room':'r','since':-1}") << false
            << QStringLiteral("invalid_payload");
        QTest::newRow("not in room") << send << q("{'room':'elsewhere','text':'x'}") << true
                                     << QStringLiteral("not_in_room");
        QTest::newRow("typing not in room")
            << QStringLiteral("typing") << q("{'room':'elsewhere','typing':true}") << true
            << QStringLiteral("not_in_room");
        QTest::newRow("typing not a bool")
            << QStringLiteral("typing") << q("{'room':'r','typing':'yes'}") << true
            << QStringLiteral("invalid_payload");
        QTest::newRow("leave not joined")
            << QStringLiteral("leave_room") << q("{'room':'elsewhere'}") << true
            << QStringLiteral("not_in_room");
        QTest::newRow("empty text")
            << send << q("{'room':'r','text':''}") << true << QStringLiteral("empty_message");
        QTest::newRow("blank text") << send << q("{'room':'r','text':' \\n\\t\\u3000'}") << true
                                    << QStringLiteral("empty_message");
        QTest::newRow("text too long")
            << send << QByteArray(q("{'room':'r','text':'") + QByteArray(4001, 'x') + "\"}") << true
            << QStringLiteral("message_too_long");
        QTest::newRow("history bad room") << QStringLiteral("history") << q("{'room':'a/b'}")
                                          << false << QStringLiteral("invalid_room");
        QTest::newRow("history bad before")
            << QStringLiteral("history") << q("{'room':'r','before':'x'}") << false
            << QStringLiteral("invalid_payload");
        QTest::newRow("unknown event") << QStringLiteral("no_such_event") << QByteArray("{}")
                                       << false << QStringLiteral("invalid_payload");
        QTest::newRow("list_rooms not an object") << QStringLiteral("list_rooms") << QByteArray("3")
                                                  << false << QStringLiteral("invalid_payload");
    }

    void validationErrors()
    {
        QFETCH(QString, event);
        QFETCH(QByteArray, payload);
        QFETCH(bool, joinFirst);
        QFETCH(QString, code);

        QVERIFY(start(baseConfig()));
        TestClient client;
        QVERIFY(client.connectTo(port()));
        if (joinFirst)
            QVERIFY(client.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                        .value(QStringLiteral("ok"))
                        .toBool());

        // With an ack id: the error ack.
        const QString body =
            QLatin1Char('"') + event + QStringLiteral("\",") + QString::fromUtf8(payload);
        client.sendRaw(QStringLiteral("4277[") + body + QLatin1Char(']'));
        const QJsonObject ack = client.waitForAck(77);
        QCOMPARE(ack.value(QStringLiteral("ok")), QJsonValue(false));
        QCOMPARE(errorCode(ack), code);
        QVERIFY(!ack.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .isEmpty());

        // Without an ack id: an `error` event with the same code; the connection stays.
        client.sendRaw(QStringLiteral("42[") + body + QLatin1Char(']'));
        QVERIFY(client.waitForEvents(QStringLiteral("error")));
        QCOMPARE(client.events(QStringLiteral("error"))
                     .constFirst()
                     .value(QStringLiteral("code"))
                     .toString(),
                 code);
        QVERIFY(client.request(QStringLiteral("list_rooms"), QJsonObject())
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(!client.isClosed());
        // Nothing was stored.
        QCOMPARE(client.request(QStringLiteral("history"), room(QStringLiteral("r")))
                     .value(QStringLiteral("history"))
                     .toArray()
                     .size(),
                 0);
    }

    void rateLimited()
    {
        ServerConfig config = baseConfig();
        config.messageRate = 1;
        config.messageBurst = 3;
        QVERIFY(start(config));
        TestClient client;
        QVERIFY(client.connectTo(port()));
        QVERIFY(client.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(sendMany(client, QStringLiteral("r"), QStringLiteral("m"), 3));
        const QJsonObject refused =
            client.request(QStringLiteral("send_message"),
                           message(QStringLiteral("r"), QStringLiteral("one too many")));
        QCOMPARE(errorCode(refused), QStringLiteral("rate_limited"));
        const qint64 retryAfter = refused.value(QStringLiteral("error"))
                                      .toObject()
                                      .value(QStringLiteral("retry_after_ms"))
                                      .toInteger(-1);
        QVERIFY2(retryAfter > 0 && retryAfter <= 1000, qPrintable(QString::number(retryAfter)));
        // typing costs a fraction of a token, so it is limited as well right now.
        QCOMPARE(errorCode(client.request(QStringLiteral("typing"),
                                          QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                                      {QStringLiteral("typing"), true}})),
                 QStringLiteral("rate_limited"));
        // Once the bucket refills, sending works again.
        // (The check has a side effect, so it remembers its success: QTRY re-evaluates.)
        bool sent = false;
        const auto trySend = [&] {
            sent = sent || client
                               .request(QStringLiteral("send_message"),
                                        message(QStringLiteral("r"), QStringLiteral("later")))
                               .value(QStringLiteral("ok"))
                               .toBool();
            return sent;
        };
        QTRY_VERIFY_WITH_TIMEOUT(trySend(), 5000);
    }

    void clientIdDeduplication()
    {
        ServerConfig config = baseConfig();
        config.messageRate = 0.001; // one token, no refill within the test
        config.messageBurst = 1;
        QVERIFY(start(config));
        TestClient a, b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(b.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());

        const QJsonObject first =
            a.request(QStringLiteral("send_message"),
                      message(QStringLiteral("r"), QStringLiteral("once"), QStringLiteral("c-1")));
        QVERIFY(first.value(QStringLiteral("ok")).toBool());
        // The retry (other text, same client_id) gets the original and costs no token.
        const QJsonObject retry =
            a.request(QStringLiteral("send_message"),
                      message(QStringLiteral("r"), QStringLiteral("twice"), QStringLiteral("c-1")));
        QVERIFY(retry.value(QStringLiteral("ok")).toBool());
        QCOMPARE(retry.value(QStringLiteral("message")), first.value(QStringLiteral("message")));
        // Another connection of the same user is the same sender.
        TestClient a2;
        QVERIFY(a2.connectTo(port(), QJsonObject{{QStringLiteral("token"), a.session().token}}));
        QVERIFY(a2.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        const QJsonObject fromOther =
            a2.request(QStringLiteral("send_message"),
                       message(QStringLiteral("r"), QStringLiteral("x"), QStringLiteral("c-1")));
        QCOMPARE(fromOther.value(QStringLiteral("message")),
                 first.value(QStringLiteral("message")));
        // The bucket is now empty: a new client_id is limited.
        QCOMPARE(errorCode(a.request(
                     QStringLiteral("send_message"),
                     message(QStringLiteral("r"), QStringLiteral("new"), QStringLiteral("c-2")))),
                 QStringLiteral("rate_limited"));

        QVERIFY(b.waitForEvents(QStringLiteral("message")));
        QCOMPARE(b.request(QStringLiteral("history"), room(QStringLiteral("r")))
                     .value(QStringLiteral("history"))
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(b.events(QStringLiteral("message")).size(), 1);
        QCOMPARE(
            b.events(QStringLiteral("message")).constFirst().value(QStringLiteral("client_id")),
            QJsonValue(QStringLiteral("c-1")));
    }

    void joinHistoryAndSince()
    {
        ServerConfig config = baseConfig();
        config.historyLimit = 55;
        QVERIFY(start(config));
        TestClient a;
        QVERIFY(a.connectTo(port()));
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(sendMany(a, QStringLiteral("r"), QStringLiteral("m"), 60));

        TestClient b;
        QVERIFY(b.connectTo(port()));
        const QJsonObject plain = b.request(QStringLiteral("join_room"), room(QStringLiteral("r")));
        QCOMPARE(plain.value(QStringLiteral("last_seq")).toInteger(), 60);
        QCOMPARE(seqsOf(plain.value(QStringLiteral("history")).toArray()), range(11, 60));
        QCOMPARE(plain.value(QStringLiteral("truncated")).toBool(true), false);

        const QJsonObject recent = b.request(
            QStringLiteral("join_room"), QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                                     {QStringLiteral("since"), 57}});
        QCOMPARE(seqsOf(recent.value(QStringLiteral("history")).toArray()), range(58, 60));
        QCOMPARE(recent.value(QStringLiteral("truncated")).toBool(true), false);

        // Only the last 55 are stored: asking since 2 misses 3..5.
        const QJsonObject old = b.request(QStringLiteral("join_room"),
                                          QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                                      {QStringLiteral("since"), 2}});
        QCOMPARE(seqsOf(old.value(QStringLiteral("history")).toArray()), range(6, 60));
        QCOMPARE(old.value(QStringLiteral("truncated")).toBool(false), true);

        // No gap, no overlap: what was in the join history does not come again as events,
        // what comes later does.
        QVERIFY(b.events(QStringLiteral("message")).isEmpty());
        QVERIFY(sendMany(a, QStringLiteral("r"), QStringLiteral("n"), 2));
        QVERIFY(b.waitForEvents(QStringLiteral("message"), 2));
        QList<qint64> seqs;
        for (const QJsonObject& m : b.events(QStringLiteral("message")))
            seqs.append(m.value(QStringLiteral("seq")).toInteger());
        QCOMPARE(seqs, range(61, 62));
    }

    void historyPaging()
    {
        QVERIFY(start(baseConfig()));
        TestClient a;
        QVERIFY(a.connectTo(port()));
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(sendMany(a, QStringLiteral("r"), QStringLiteral("m"), 120));

        const auto page = [&a](const QJsonObject& query) {
            return a.request(QStringLiteral("history"), query);
        };
        QJsonObject answer = page(room(QStringLiteral("R")));
        QCOMPARE(answer.value(QStringLiteral("room")).toString(), QStringLiteral("r"));
        QCOMPARE(seqsOf(answer.value(QStringLiteral("history")).toArray()), range(71, 120));
        QCOMPARE(answer.value(QStringLiteral("has_more")).toBool(), true);

        answer = page(QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                  {QStringLiteral("before"), 30},
                                  {QStringLiteral("limit"), 10}});
        QCOMPARE(seqsOf(answer.value(QStringLiteral("history")).toArray()), range(20, 29));
        QCOMPARE(answer.value(QStringLiteral("has_more")).toBool(), true);

        answer = page(QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                  {QStringLiteral("before"), 5},
                                  {QStringLiteral("limit"), 10}});
        QCOMPARE(seqsOf(answer.value(QStringLiteral("history")).toArray()), range(1, 4));
        QCOMPARE(answer.value(QStringLiteral("has_more")).toBool(true), false);

        answer = page(QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                  {QStringLiteral("limit"), 1000}});
        QCOMPARE(seqsOf(answer.value(QStringLiteral("history")).toArray()), range(21, 120));
        answer = page(QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                  {QStringLiteral("limit"), 0}});
        QCOMPARE(seqsOf(answer.value(QStringLiteral("history")).toArray()), range(120, 120));

        answer = page(room(QStringLiteral("empty-room")));
        QVERIFY(answer.value(QStringLiteral("ok")).toBool());
        QCOMPARE(answer.value(QStringLiteral("history")).toArray().size(), 0);
    }

    void listRoomsMatchesHttp()
    {
        QVERIFY(start(baseConfig()));
        TestClient a, b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        for (const char* name : {"zeta", "alpha", "mid"})
            QVERIFY(a.request(QStringLiteral("join_room"), room(QLatin1String(name)))
                        .value(QStringLiteral("ok"))
                        .toBool());
        QVERIFY(b.request(QStringLiteral("join_room"), room(QStringLiteral("mid")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(a.request(QStringLiteral("send_message"),
                          message(QStringLiteral("zeta"), QStringLiteral("x")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        // A room with history but no members still exists.
        QVERIFY(a.request(QStringLiteral("leave_room"), room(QStringLiteral("zeta")))
                    .value(QStringLiteral("ok"))
                    .toBool());

        const QJsonObject listed = a.request(QStringLiteral("list_rooms"), QJsonObject());
        QVERIFY(listed.value(QStringLiteral("ok")).toBool());
        const QJsonArray rooms = listed.value(QStringLiteral("rooms")).toArray();
        QStringList names;
        QList<int> members;
        for (const QJsonValue& r : rooms) {
            names.append(r.toObject().value(QStringLiteral("room")).toString());
            members.append(r.toObject().value(QStringLiteral("members")).toInt());
            QVERIFY(r.toObject()
                        .value(QStringLiteral("last_activity"))
                        .toString()
                        .endsWith(QLatin1Char('Z')));
        }
        QCOMPARE(names, QStringList({QStringLiteral("alpha"), QStringLiteral("mid"),
                                     QStringLiteral("zeta")}));
        QCOMPARE(members, QList<int>({1, 2, 0}));

        const TestClient::HttpResult http = TestClient::httpGet(port(), "/rooms");
        QCOMPARE(http.status, 200);
        QCOMPARE(QJsonDocument::fromJson(http.body).object(), listed);
    }

    void killedClientLeavesAfterGrace()
    {
        ServerConfig config = baseConfig();
        config.presenceGraceMs = 200;
        QVERIFY(start(config));
        TestClient a, b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(b.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        const QString bUser = b.session().userId;
        b.kill();

        QVERIFY(a.waitForEvents(QStringLiteral("user_left")));
        const QJsonObject left = a.events(QStringLiteral("user_left")).constFirst();
        QCOMPARE(left.value(QStringLiteral("user_id")).toString(), bUser);
        QCOMPARE(left.value(QStringLiteral("reason")).toString(), QStringLiteral("disconnected"));
        QCOMPARE(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                     .value(QStringLiteral("members"))
                     .toArray()
                     .size(),
                 1);

        // The server keeps serving: the survivor and a newcomer still talk.
        TestClient c;
        QVERIFY(c.connectTo(port()));
        QVERIFY(c.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(a.request(QStringLiteral("send_message"),
                          message(QStringLiteral("r"), QStringLiteral("still here")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QVERIFY(c.waitForEvents(QStringLiteral("message")));
    }

    void presenceGraceWithResume()
    {
        ServerConfig config = baseConfig();
        config.presenceGraceMs = 400;
        QVERIFY(start(config));
        TestClient a, b, c;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        QVERIFY(c.connectTo(port()));
        for (TestClient* client : {&a, &b, &c})
            QVERIFY(client->request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                        .value(QStringLiteral("ok"))
                        .toBool());
        QVERIFY(a.waitForEvents(QStringLiteral("user_joined"), 2));

        // B drops and comes back with its token within the grace period; C drops for good.
        const SessionInfo bSession = b.session();
        b.kill();
        c.kill();
        TestClient b2;
        QVERIFY(b2.connectTo(port(), QJsonObject{{QStringLiteral("token"), bSession.token}}));
        QVERIFY(b2.session().resumed);
        QCOMPARE(b2.session().userId, bSession.userId);
        const QJsonObject rejoined = b2.request(
            QStringLiteral("join_room"), QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                                     {QStringLiteral("since"), 0}});
        QVERIFY(rejoined.value(QStringLiteral("ok")).toBool());

        // C's grace timer started after B's; once C's user_left is here, B's has run out too.
        QVERIFY(a.waitForEvents(QStringLiteral("user_left")));
        const QList<QJsonObject> left = a.events(QStringLiteral("user_left"));
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.constFirst().value(QStringLiteral("user_id")).toString(), c.session().userId);
        QCOMPARE(a.events(QStringLiteral("user_joined")).size(), 2); // B was never announced again
        QStringList memberIds;
        for (const QJsonValue& m : a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))
                                       .value(QStringLiteral("members"))
                                       .toArray())
            memberIds.append(m.toObject().value(QStringLiteral("user_id")).toString());
        QVERIFY(memberIds.contains(bSession.userId));
        QVERIFY(!memberIds.contains(c.session().userId));
    }

    void tokens()
    {
        QVERIFY(start(baseConfig()));
        TestClient first;
        QVERIFY(first.connectTo(port()));
        QCOMPARE(first.session().resumed, false);
        QVERIFY(first.session().userId.startsWith(QLatin1String("u_")));
        QVERIFY(!first.session().handle.isEmpty());

        TestClient resumed;
        QVERIFY(resumed.connectTo(port(),
                                  QJsonObject{{QStringLiteral("token"), first.session().token}}));
        QCOMPARE(resumed.session().resumed, true);
        QCOMPARE(resumed.session().userId, first.session().userId);
        QCOMPARE(resumed.session().handle, first.session().handle);

        // A token of the same user with a tampered signature, and an expired one.
        QString token = first.session().token;
        token[token.size() - 2] =
            token[token.size() - 2] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QByteArray secret;
        QString error;
        QVERIFY(TokenSigner::loadOrCreateSecret(m_dataDir.path(), &secret, &error));
        const QString expired = TokenSigner(secret).sign(first.session().userId,
                                                         QDateTime::currentSecsSinceEpoch() - 1);
        const QString valid = TokenSigner(secret).sign(first.session().userId,
                                                       QDateTime::currentSecsSinceEpoch() + 60);
        for (const QString& bad : {token, expired, QStringLiteral("garbage"), QString()}) {
            TestClient other;
            QVERIFY(other.connectTo(port(), QJsonObject{{QStringLiteral("token"), bad}}));
            QCOMPARE(other.session().resumed, false);
            QVERIFY(other.session().userId != first.session().userId);
        }
        // The secret in the data directory is what signs: a token made with it resumes.
        TestClient signedHere;
        QVERIFY(signedHere.connectTo(port(), QJsonObject{{QStringLiteral("token"), valid}}));
        QCOMPARE(signedHere.session().userId, first.session().userId);
    }

    void tooManyRooms()
    {
        ServerConfig config = baseConfig();
        config.maxRoomsPerConnection = 3;
        QVERIFY(start(config));
        TestClient a;
        QVERIFY(a.connectTo(port()));
        for (int i = 0; i < 3; ++i)
            QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("r%1").arg(i)))
                        .value(QStringLiteral("ok"))
                        .toBool());
        QCOMPARE(errorCode(a.request(QStringLiteral("join_room"), room(QStringLiteral("r9")))),
                 QStringLiteral("too_many_rooms"));
        QVERIFY(a.request(QStringLiteral("join_room"), room(QStringLiteral("r1")))
                    .value(QStringLiteral("ok"))
                    .toBool());
    }

    void shutdownSendsNoticeAndCloses()
    {
        QVERIFY(start(baseConfig()));
        TestClient a;
        QVERIFY(a.connectTo(port()));
        QSignalSpy finished(m_server.get(), &ChatServer::finished);
        m_server->shutdown();
        QVERIFY(a.waitForClosed());
        QVERIFY(finished.wait(5000) || finished.size() == 1);
        QCOMPARE(a.events(QStringLiteral("notice")).size(), 1);
        const QJsonObject notice = a.events(QStringLiteral("notice")).constFirst();
        QCOMPARE(notice.value(QStringLiteral("code")).toString(), QStringLiteral("shutting_down"));
        QVERIFY(notice.value(QStringLiteral("retry_after_ms")).toInteger() > 0);
        QVERIFY(!a.frames().contains(QStringLiteral("41")));
        QCOMPARE(a.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    }

    void deletingTheServerFreesThePort()
    {
        QVERIFY(start(baseConfig()));
        const quint16 used = port();
        TestClient a;
        QVERIFY(a.connectTo(used));
        m_server.reset();
        QVERIFY(a.waitForClosed());
        ServerConfig config = baseConfig();
        config.port = used;
        QVERIFY(start(config));
        TestClient b;
        QVERIFY(b.connectTo(used));
    }
};

QTEST_GUILESS_MAIN(tst_ChatService)
#include "tst_chatservice.moc"
