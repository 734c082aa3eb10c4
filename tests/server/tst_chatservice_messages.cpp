// End-to-end tests of the chat application over real WebSockets on loopback: messages,
// validation errors, rate limits, client_id deduplication and history.
// Built twice (tests/server/CMakeLists.txt): on memory storage, and as
// tst_chatservice_messages_sqlite on SQLite.

#include "chatservicefixture.h"
#include "testclient.h"

#include <QTest>

class tst_ChatServiceMessages : public ChatServiceFixture
{
    Q_OBJECT

private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(tst_ChatServiceMessages)
#include "tst_chatservice_messages.moc"
