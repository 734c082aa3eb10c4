// RoomRegistry: per-connection membership, users as members, the presence grace period and
// the cached members array of join answers.

#include "roomregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime Now = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);
constexpr int GraceMs = 30;

const QString Lobby = u"lobby"_s;
const Member Alice{u"u_alice"_s, u"Alice Otter"_s};
const Member Bob{u"u_bob"_s, u"Bob Heron"_s};
const Member Carol{u"u_carol"_s, u"Carol Lynx"_s};

/// The user of the @p index-th graceExpired() that @p spy recorded.
Member expiredUser(const QSignalSpy& spy, int index)
{
    return spy.at(index).at(1).value<Member>();
}

QJsonArray expectedMembers(const QList<Member>& members)
{
    QJsonArray array;
    for (const Member& m : members)
        array.append(m.toJson());
    return array;
}

QJsonArray parsed(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    [&] {
        QCOMPARE(error.error, QJsonParseError::NoError);
    }();
    return document.array();
}

} // namespace

class tst_RoomRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstConnectionMakesAMember()
    {
        RoomRegistry registry(GraceMs);
        QVERIFY(registry.join(Lobby, 1, Alice, Now));
        // The same connection again, and a second connection of the same user: no new member.
        QVERIFY(!registry.join(Lobby, 1, Alice, Now.addSecs(1)));
        QVERIFY(!registry.join(Lobby, 2, Alice, Now.addSecs(2)));
        QCOMPARE(registry.memberCount(Lobby), 1);
        QVERIFY(registry.hasConnection(Lobby, 1));
        QVERIFY(registry.hasConnection(Lobby, 2));
        QVERIFY(!registry.hasConnection(Lobby, 3));
        QVERIFY(!registry.hasConnection(u"other"_s, 1));
        QCOMPARE(registry.lastActivity(Lobby), Now);
        QCOMPARE(registry.rooms(), QStringList{Lobby});
        QCOMPARE(registry.roomCount(), 1);
    }

    void lastConnectionLeavingEndsMembership()
    {
        RoomRegistry registry(GraceMs);
        registry.join(Lobby, 1, Alice, Now);
        registry.join(Lobby, 2, Alice, Now);
        registry.join(Lobby, 3, Bob, Now);
        QVERIFY(!registry.leave(Lobby, 1, Alice.userId, Now.addSecs(1)));
        QCOMPARE(registry.memberCount(Lobby), 2);
        QVERIFY(!registry.hasConnection(Lobby, 1));
        QVERIFY(registry.leave(Lobby, 2, Alice.userId, Now.addSecs(2)));
        QCOMPARE(registry.memberCount(Lobby), 1);
        QCOMPARE(registry.lastActivity(Lobby), Now.addSecs(2));
        // The last member leaving forgets the room.
        QVERIFY(registry.leave(Lobby, 3, Bob.userId, Now.addSecs(3)));
        QCOMPARE(registry.memberCount(Lobby), 0);
        QVERIFY(registry.rooms().isEmpty());
        QCOMPARE(registry.roomCount(), 0);
        QVERIFY(!registry.lastActivity(Lobby).isValid());
    }

    void leaveOfWhatWasNeverJoined()
    {
        RoomRegistry registry(GraceMs);
        QVERIFY(!registry.leave(Lobby, 1, Alice.userId, Now));
        registry.join(Lobby, 1, Alice, Now);
        QVERIFY(!registry.leave(Lobby, 2, Alice.userId, Now));      // other connection
        QVERIFY(!registry.leave(Lobby, 1, Bob.userId, Now));        // other user
        QVERIFY(!registry.leave(u"other"_s, 1, Alice.userId, Now)); // other room
        QCOMPARE(registry.memberCount(Lobby), 1);
        QVERIFY(registry.hasConnection(Lobby, 1));
    }

    void roomsAreIndependent()
    {
        RoomRegistry registry(GraceMs);
        QVERIFY(registry.join(Lobby, 1, Alice, Now));
        QVERIFY(registry.join(u"other"_s, 1, Alice, Now));
        QStringList rooms = registry.rooms();
        rooms.sort();
        QCOMPARE(rooms, (QStringList{Lobby, u"other"_s}));
        QVERIFY(registry.leave(Lobby, 1, Alice.userId, Now));
        QVERIFY(registry.hasConnection(u"other"_s, 1));
        QCOMPARE(registry.memberCount(u"other"_s), 1);
    }

    void membersJsonInJoinOrder()
    {
        RoomRegistry registry(GraceMs);
        QCOMPARE(registry.membersJson(Lobby), QByteArray("[]"));
        registry.join(Lobby, 1, Alice, Now);
        registry.join(Lobby, 2, Bob, Now);
        QCOMPARE(parsed(registry.membersJson(Lobby)), expectedMembers({Alice, Bob}));
        // Appended to the cached text.
        registry.join(Lobby, 3, Carol, Now);
        const QByteArray json = registry.membersJson(Lobby);
        QCOMPARE(parsed(json), expectedMembers({Alice, Bob, Carol}));
        // Compact: what QJsonDocument writes for the same array.
        QCOMPARE(
            json,
            QJsonDocument(expectedMembers({Alice, Bob, Carol})).toJson(QJsonDocument::Compact));
        // A departure rewrites it without the user.
        registry.leave(Lobby, 2, Bob.userId, Now);
        QCOMPARE(parsed(registry.membersJson(Lobby)), expectedMembers({Alice, Carol}));
        // A join after the rewrite, before anyone asks, then a join after.
        registry.leave(Lobby, 1, Alice.userId, Now);
        registry.join(Lobby, 4, Bob, Now);
        QCOMPARE(parsed(registry.membersJson(Lobby)), expectedMembers({Carol, Bob}));
        registry.join(Lobby, 5, Alice, Now);
        QCOMPARE(parsed(registry.membersJson(Lobby)), expectedMembers({Carol, Bob, Alice}));
    }

    void membersJsonEscapesHandles()
    {
        RoomRegistry registry(GraceMs);
        const Member odd{u"u_odd"_s, u"Quote \" back\\slash \u00e9 \U0001F600"_s};
        registry.join(Lobby, 1, odd, Now);
        registry.membersJson(Lobby);
        const Member second{u"u_second"_s, u"Tab\there"_s};
        registry.join(Lobby, 2, second, Now); // appended to the cached text
        QCOMPARE(parsed(registry.membersJson(Lobby)), expectedMembers({odd, second}));
    }

    void droppedUserStaysForTheGracePeriod()
    {
        RoomRegistry registry(GraceMs);
        QSignalSpy expired(&registry, &RoomRegistry::graceExpired);
        registry.join(Lobby, 1, Alice, Now);
        registry.join(Lobby, 2, Bob, Now);
        registry.dropConnection(Lobby, 1, Alice.userId);
        // Still a member (and listed) until the grace period ends; the connection is gone.
        QCOMPARE(registry.memberCount(Lobby), 2);
        QVERIFY(!registry.hasConnection(Lobby, 1));
        QCOMPARE(parsed(registry.membersJson(Lobby)), expectedMembers({Alice, Bob}));
        QCOMPARE(expired.count(), 0);

        QTRY_COMPARE(expired.count(), 1);
        QCOMPARE(expired.at(0).at(0).toString(), Lobby);
        QCOMPARE(expiredUser(expired, 0), Alice);
        QCOMPARE(registry.memberCount(Lobby), 1);
        QCOMPARE(parsed(registry.membersJson(Lobby)), expectedMembers({Bob}));
    }

    void dropOfOneOfSeveralConnectionsStartsNoGrace()
    {
        RoomRegistry registry(GraceMs);
        QSignalSpy expired(&registry, &RoomRegistry::graceExpired);
        registry.join(Lobby, 1, Alice, Now);
        registry.join(Lobby, 2, Alice, Now);
        registry.dropConnection(Lobby, 1, Alice.userId);
        // Bob's grace period, started later, ends after any timer Alice's drop started.
        registry.join(Lobby, 3, Bob, Now);
        registry.dropConnection(Lobby, 3, Bob.userId);
        QTRY_COMPARE(expired.count(), 1);
        QCOMPARE(expiredUser(expired, 0), Bob);
        QCOMPARE(registry.memberCount(Lobby), 1);
        QVERIFY(registry.hasConnection(Lobby, 2));
        // Drops of unknown rooms, users or connections are ignored.
        registry.dropConnection(u"nowhere"_s, 2, Alice.userId);
        registry.dropConnection(Lobby, 9, Alice.userId);
        registry.dropConnection(Lobby, 2, Bob.userId);
        QVERIFY(registry.hasConnection(Lobby, 2));
    }

    void rejoinWithinGraceIsNotANewMember()
    {
        RoomRegistry registry(GraceMs);
        QSignalSpy expired(&registry, &RoomRegistry::graceExpired);
        registry.join(Lobby, 1, Alice, Now);
        registry.dropConnection(Lobby, 1, Alice.userId);
        // The reconnected user comes back on a new connection: no user_joined.
        QVERIFY(!registry.join(Lobby, 7, Alice, Now));
        registry.join(Lobby, 2, Bob, Now);
        registry.dropConnection(Lobby, 2, Bob.userId);
        QTRY_COMPARE(expired.count(), 1);
        // Only Bob's grace ended: Alice's stale timer (which fired first) did nothing.
        QCOMPARE(expiredUser(expired, 0), Bob);
        QCOMPARE(registry.memberCount(Lobby), 1);
        QVERIFY(registry.hasConnection(Lobby, 7));
    }

    void staleTimerDoesNotEndALaterGracePeriod()
    {
        RoomRegistry registry(GraceMs);
        QSignalSpy expired(&registry, &RoomRegistry::graceExpired);
        registry.join(Lobby, 1, Alice, Now);
        registry.join(Lobby, 2, Bob, Now);
        registry.dropConnection(Lobby, 1, Alice.userId); // Alice's first timer
        registry.dropConnection(Lobby, 2, Bob.userId);   // Bob's timer, after it
        registry.join(Lobby, 3, Alice, Now);
        registry.dropConnection(Lobby, 3, Alice.userId); // Alice's second, after Bob's
        // When Bob's grace ends, Alice's first timer has fired, but her second grace period
        // is still running: she is a member.
        QStringList membersWhenBobExpired;
        connect(&registry, &RoomRegistry::graceExpired, this,
                [&](const QString& room, const Member& user) {
                    if (user == Bob) {
                        for (const QJsonValue& m : parsed(registry.membersJson(room)))
                            membersWhenBobExpired.append(m[u"user_id"_s].toString());
                    }
                });
        QTRY_COMPARE(expired.count(), 2);
        QCOMPARE(expiredUser(expired, 0), Bob);
        QCOMPARE(membersWhenBobExpired, QStringList{Alice.userId});
        QCOMPARE(expiredUser(expired, 1), Alice);
        QCOMPARE(registry.memberCount(Lobby), 0);
        QVERIFY(registry.rooms().isEmpty());
    }

    void userInGraceCannotLeaveTwice()
    {
        RoomRegistry registry(GraceMs);
        registry.join(Lobby, 1, Alice, Now);
        registry.dropConnection(Lobby, 1, Alice.userId);
        // The dropped connection is gone: a late leave_room for it changes nothing.
        QVERIFY(!registry.leave(Lobby, 1, Alice.userId, Now));
        QCOMPARE(registry.memberCount(Lobby), 1);
    }
};

QTEST_MAIN(tst_RoomRegistry)
#include "tst_roomregistry.moc"
