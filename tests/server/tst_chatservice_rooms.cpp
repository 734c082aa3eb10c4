// End-to-end tests of the chat application over real WebSockets on loopback: rooms,
// isolation between them, membership, presence and its grace period, list_rooms.
// Built twice (tests/server/CMakeLists.txt): on memory storage, and as
// tst_chatservice_rooms_sqlite on SQLite.

#include "chatservicefixture.h"
#include "testclient.h"

#include <QJsonDocument>
#include <QTest>

class tst_ChatServiceRooms : public ChatServiceFixture
{
    Q_OBJECT

private Q_SLOTS:
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

    void membersFollowJoinsAndLeaves()
    {
        // The members array is kept per room (appended on a join, rebuilt after a leave):
        // every answer must still list exactly the room's users, in join order.
        QVERIFY(start(baseConfig()));
        TestClient a, b, c, d;
        for (TestClient* client : {&a, &b, &c, &d})
            QVERIFY(client->connectTo(port()));
        const auto memberIds = [this](TestClient& client) {
            QStringList ids;
            const QJsonObject answer =
                client.request(QStringLiteral("join_room"), room(QStringLiteral("m")));
            for (const QJsonValue& m : answer.value(QStringLiteral("members")).toArray()) {
                ids.append(m.toObject().value(QStringLiteral("user_id")).toString());
                if (m.toObject().value(QStringLiteral("handle")).toString().isEmpty())
                    ids.append(QStringLiteral("<no handle>"));
            }
            return ids;
        };
        const QString idA = a.session().userId, idB = b.session().userId, idC = c.session().userId,
                      idD = d.session().userId;
        QCOMPARE(memberIds(a), QStringList({idA}));
        QCOMPARE(memberIds(b), QStringList({idA, idB}));
        QCOMPARE(memberIds(c), QStringList({idA, idB, idC}));
        QVERIFY(b.request(QStringLiteral("leave_room"), room(QStringLiteral("m")))
                    .value(QStringLiteral("ok"))
                    .toBool());
        QCOMPARE(memberIds(d), QStringList({idA, idC, idD}));
        QCOMPARE(memberIds(b), QStringList({idA, idC, idD, idB}));
        QCOMPARE(memberIds(a), QStringList({idA, idC, idD, idB})); // a second join: unchanged
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
};

QTEST_GUILESS_MAIN(tst_ChatServiceRooms)
#include "tst_chatservice_rooms.moc"
