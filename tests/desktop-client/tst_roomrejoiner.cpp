// RoomRejoiner: join_room with `since` = the last seq held, reading the ack (members, gap,
// history reset), one join per room in flight, refusals, and leaving a cancelled join.
#include "chaterror.h"
#include "fakelink.h"
#include "roomrejoiner.h"
#include "socketioclient.h"
#include "timestamp.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

QJsonObject message(const QString& room, qint64 seq)
{
    return QJsonObject{{QStringLiteral("room"), room},
                       {QStringLiteral("seq"), seq},
                       {QStringLiteral("id"), QStringLiteral("m_%1").arg(seq)},
                       {QStringLiteral("user_id"), QStringLiteral("u_x")},
                       {QStringLiteral("handle"), QStringLiteral("X")},
                       {QStringLiteral("text"), QStringLiteral("t%1").arg(seq)},
                       {QStringLiteral("ts"), Timestamp::format(QDateTime::currentDateTimeUtc())},
                       {QStringLiteral("client_id"), QJsonValue()}};
}

} // namespace

class TestRoomRejoiner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheAck();
    void truncatedHistoryCountsTheLostMessages();
    void lowerLastSeqMeansTheHistoryWasReset();
    void rejoinSendsSinceForEachRoom();
    void oneJoinInFlightPerRoom();
    void refusalIsReported();
    void busyServerIsAskedAgain();
    void busyRetryStopsWhenCancelled();
    void cancelledJoinIsLeftAgain();
};

void TestRoomRejoiner::readsTheAck()
{
    const QJsonObject reply{
        {QStringLiteral("ok"), true},
        {QStringLiteral("members"),
         QJsonArray{QJsonObject{{QStringLiteral("user_id"), QStringLiteral("u_a")},
                                {QStringLiteral("handle"), QStringLiteral("A")}},
                    QJsonObject{{QStringLiteral("user_id"), 3}}}}, // malformed: skipped
        {QStringLiteral("history"), QJsonArray{message(QStringLiteral("lobby"), 4)}},
        {QStringLiteral("last_seq"), 4},
        {QStringLiteral("truncated"), false}};
    const auto result = RoomRejoiner::readAck(QStringLiteral("lobby"), 3, reply);
    QCOMPARE(result.room, QStringLiteral("lobby"));
    QCOMPARE(result.members.size(), 1);
    QCOMPARE(result.members.first().handle, QStringLiteral("A"));
    QCOMPARE(result.history.size(), 1);
    QCOMPARE(result.since, 3);
    QCOMPARE(result.lastSeq, 4);
    QCOMPARE(result.lostCount, 0);
    QVERIFY(!result.historyReset);
}

void TestRoomRejoiner::truncatedHistoryCountsTheLostMessages()
{
    // Held up to 10; the server keeps 16..20 only: 11..15 are lost.
    QJsonArray history;
    for (int seq = 16; seq <= 20; ++seq)
        history.append(message(QStringLiteral("lobby"), seq));
    const QJsonObject reply{{QStringLiteral("ok"), true},
                            {QStringLiteral("history"), history},
                            {QStringLiteral("last_seq"), 20},
                            {QStringLiteral("truncated"), true}};
    QCOMPARE(RoomRejoiner::readAck(QStringLiteral("lobby"), 10, reply).lostCount, 5);
    // A first join never reports a gap.
    QCOMPARE(RoomRejoiner::readAck(QStringLiteral("lobby"), -1, reply).lostCount, 0);
}

void TestRoomRejoiner::lowerLastSeqMeansTheHistoryWasReset()
{
    const QJsonObject reply{{QStringLiteral("ok"), true},
                            {QStringLiteral("history"), QJsonArray{}},
                            {QStringLiteral("last_seq"), 2}};
    QVERIFY(RoomRejoiner::readAck(QStringLiteral("lobby"), 9, reply).historyReset);
    QVERIFY(!RoomRejoiner::readAck(QStringLiteral("lobby"), 2, reply).historyReset);
    QVERIFY(!RoomRejoiner::readAck(QStringLiteral("lobby"), -1, reply).historyReset);
}

void TestRoomRejoiner::rejoinSendsSinceForEachRoom()
{
    FakeLink link;
    link.server.handler = [](const QString&, const QJsonObject& p) -> std::optional<QJsonValue> {
        return QJsonObject{{QStringLiteral("ok"), true},
                           {QStringLiteral("room"), p.value(QLatin1String("room"))},
                           {QStringLiteral("members"), QJsonArray{}},
                           {QStringLiteral("history"), QJsonArray{}},
                           {QStringLiteral("last_seq"), 12}};
    };
    QVERIFY(link.connect());
    RoomRejoiner rejoiner(&link.connection);
    QSignalSpy joined(&rejoiner, &RoomRejoiner::joined);
    QCOMPARE(rejoiner.rejoinAll({{QStringLiteral("lobby"), 12}, {QStringLiteral("dev"), 0}}), 2);
    QTRY_COMPARE(joined.size(), 2);
    const auto joins = link.server.payloadsOf(QStringLiteral("join_room"));
    QCOMPARE(joins.size(), 2);
    QCOMPARE(joins.at(0).value(QLatin1String("room")).toString(), QStringLiteral("lobby"));
    QCOMPARE(joins.at(0).value(QLatin1String("since")).toInteger(), 12);
    QVERIFY(!joins.at(1).contains(QLatin1String("since"))); // nothing held: no since
    const auto first = joined.at(0).at(0).value<RoomRejoiner::JoinResult>();
    QCOMPARE(first.room, QStringLiteral("lobby"));
    QCOMPARE(first.since, 12);
    QVERIFY(!rejoiner.isJoining(QStringLiteral("lobby")));
}

void TestRoomRejoiner::oneJoinInFlightPerRoom()
{
    FakeLink link;
    link.server.handler = [](const QString&, const QJsonObject&) -> std::optional<QJsonValue> {
        return std::nullopt; // never answered
    };
    QVERIFY(link.connect());
    RoomRejoiner rejoiner(&link.connection);
    QVERIFY(rejoiner.join(QStringLiteral("lobby"), 0));
    QVERIFY(rejoiner.isJoining(QStringLiteral("lobby")));
    QVERIFY(!rejoiner.join(QStringLiteral("lobby"), 0));
    rejoiner.reset(); // the connection dropped
    QVERIFY(rejoiner.join(QStringLiteral("lobby"), 0));
    QTRY_COMPARE(link.server.payloadsOf(QStringLiteral("join_room")).size(), 2);

    SocketIoClient offline;
    RoomRejoiner notConnected(&offline);
    QVERIFY(!notConnected.join(QStringLiteral("lobby"), 0));
    QVERIFY(!notConnected.isJoining(QStringLiteral("lobby")));
}

void TestRoomRejoiner::refusalIsReported()
{
    FakeLink link;
    link.server.handler = [](const QString&, const QJsonObject&) -> std::optional<QJsonValue> {
        return ChatError{ChatError::Code::TooManyRooms, QStringLiteral("too many"), -1}.toAck();
    };
    QVERIFY(link.connect());
    RoomRejoiner rejoiner(&link.connection);
    QSignalSpy refused(&rejoiner, &RoomRejoiner::refused);
    QSignalSpy joined(&rejoiner, &RoomRejoiner::joined);
    rejoiner.join(QStringLiteral("lobby"), 0);
    QTRY_COMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(1).value<ChatError>().code, ChatError::Code::TooManyRooms);
    QCOMPARE(joined.size(), 0);
}

void TestRoomRejoiner::busyServerIsAskedAgain()
{
    // A node without Redis answers server_busy (then rate_limited); the join is sent again
    // after retry_after_ms with the same since, and stays in flight meanwhile.
    FakeLink link;
    QList<QJsonObject> joins;
    link.server.handler = [&joins](const QString& event,
                                   const QJsonObject& payload) -> std::optional<QJsonValue> {
        if (event != QLatin1String("join_room"))
            return std::nullopt;
        joins.append(payload);
        if (joins.size() == 1)
            return ChatError{ChatError::Code::ServerBusy, QStringLiteral("busy"), 300}.toAck();
        if (joins.size() == 2)
            return ChatError{ChatError::Code::RateLimited, QStringLiteral("slow"), 250}.toAck();
        return QJsonObject{{QStringLiteral("ok"), true},
                           {QStringLiteral("members"), QJsonArray{}},
                           {QStringLiteral("history"), QJsonArray{}},
                           {QStringLiteral("last_seq"), 7}};
    };
    QVERIFY(link.connect());
    RoomRejoiner rejoiner(&link.connection);
    QSignalSpy refused(&rejoiner, &RoomRejoiner::refused);
    QSignalSpy joined(&rejoiner, &RoomRejoiner::joined);
    QVERIFY(rejoiner.join(QStringLiteral("lobby"), 7));
    QTRY_COMPARE(joins.size(), 1);
    QVERIFY(rejoiner.isJoining(QStringLiteral("lobby")));
    QVERIFY(!rejoiner.join(QStringLiteral("lobby"), 7)); // the retry holds the slot
    QTRY_COMPARE(joined.size(), 1);
    QCOMPARE(joins.size(), 3);
    for (const QJsonObject& payload : joins)
        QCOMPARE(payload.value(QLatin1String("since")).toInteger(), 7);
    QCOMPARE(refused.size(), 0);
    QVERIFY(!rejoiner.isJoining(QStringLiteral("lobby")));
}

void TestRoomRejoiner::busyRetryStopsWhenCancelled()
{
    FakeLink link;
    QStringList joins;
    link.server.handler = [&joins](const QString& event,
                                   const QJsonObject& payload) -> std::optional<QJsonValue> {
        if (event != QLatin1String("join_room"))
            return std::nullopt;
        joins.append(payload.value(QLatin1String("room")).toString());
        return ChatError{ChatError::Code::ServerBusy, QStringLiteral("busy"), 250}.toAck();
    };
    QVERIFY(link.connect());
    RoomRejoiner rejoiner(&link.connection);
    QVERIFY(rejoiner.join(QStringLiteral("lobby"), 0));
    QTRY_COMPARE(joins.size(), 1);
    rejoiner.cancel(QStringLiteral("lobby")); // the user left the room while waiting
    QVERIFY(!rejoiner.isJoining(QStringLiteral("lobby")));
    // "other", joined after lobby's refusal with the same wait, is retried twice: lobby's
    // retry was due before either.
    QVERIFY(rejoiner.join(QStringLiteral("other"), 0));
    QTRY_COMPARE(joins.count(QStringLiteral("other")), 3);
    QCOMPARE(joins.count(QStringLiteral("lobby")), 1);
}

void TestRoomRejoiner::cancelledJoinIsLeftAgain()
{
    FakeLink link;
    link.server.handler = [](const QString&, const QJsonObject&) -> std::optional<QJsonValue> {
        return QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("last_seq"), 0}};
    };
    QVERIFY(link.connect());
    RoomRejoiner rejoiner(&link.connection);
    QSignalSpy joined(&rejoiner, &RoomRejoiner::joined);
    rejoiner.join(QStringLiteral("lobby"), 0);
    rejoiner.cancel(QStringLiteral("lobby")); // the user left before the ack
    QTRY_COMPARE(link.server.payloadsOf(QStringLiteral("leave_room")).size(), 1);
    QCOMPARE(
        link.server.payloadsOf(QStringLiteral("leave_room")).first().value(QLatin1String("room")),
        QJsonValue(QStringLiteral("lobby")));
    QCOMPARE(joined.size(), 0);
}

QTEST_GUILESS_MAIN(TestRoomRejoiner)
#include "tst_roomrejoiner.moc"
