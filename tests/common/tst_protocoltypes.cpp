#include "chaterror.h"
#include "chatmessage.h"
#include "member.h"
#include "presenceevent.h"
#include "roomsummary.h"
#include "sessioninfo.h"
#include "timestamp.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

class tst_ProtocolTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timestampFormat();
    void timestampFormatMatchesQt_data();
    void timestampFormatMatchesQt();
    void timestampParse_data();
    void timestampParse();
    void messageRoundTrip();
    void messageWithoutClientId();
    void messageMalformed_data();
    void messageMalformed();
    void member();
    void roomSummary();
    void session();
    void presence();
    void errorCodes_data();
    void errorCodes();
    void errorAck();
};

static QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(json).object();
}

void tst_ProtocolTypes::timestampFormat()
{
    const QDateTime utc(QDate(2026, 11, 21), QTime(9, 30, 0, 123), Qt::UTC);
    QCOMPARE(Timestamp::format(utc), QStringLiteral("2026-11-21T09:30:00.123Z"));
    const QDateTime plusTwo(QDate(2026, 11, 21), QTime(11, 30, 0, 5), Qt::OffsetFromUTC, 7200);
    QCOMPARE(Timestamp::format(plusTwo), QStringLiteral("2026-11-21T09:30:00.005Z"));
}

void tst_ProtocolTypes::timestampFormatMatchesQt_data()
{
    // Timestamp::format() writes the digits itself; Qt's ISO form is the reference.
    QTest::addColumn<qint64>("msecs");
    const auto at = [](int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
    };
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("just before the epoch") << qint64(-1);
    QTest::newRow("leap day 2000") << at(2000, 2, 29, 23, 59, 59, 999);
    QTest::newRow("1900-03-01 (not a leap year)") << at(1900, 3, 1);
    QTest::newRow("2100-02-28") << at(2100, 2, 28, 12);
    QTest::newRow("2024-12-31") << at(2024, 12, 31, 23, 59, 59, 1);
    QTest::newRow("year 1") << at(1, 1, 1);
    QTest::newRow("year 9999") << at(9999, 12, 31, 23, 59, 59, 999);
    QTest::newRow("year 10000") << at(10000, 1, 1);
    QRandomGenerator random(20261121);
    for (int i = 0; i < 2000; ++i) {
        // Anywhere from 1800 to 2300.
        const qint64 msecs = at(1800, 1, 1) + qint64(random.bounded(quint64(500) * 366 * 86400000));
        QTest::addRow("random %d", i) << msecs;
    }
}

void tst_ProtocolTypes::timestampFormatMatchesQt()
{
    QFETCH(qint64, msecs);
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
    QCOMPARE(Timestamp::format(utc), utc.toString(Qt::ISODateWithMs));
    QCOMPARE(Timestamp::format(utc.toOffsetFromUtc(-5 * 3600)), utc.toString(Qt::ISODateWithMs));
}

void tst_ProtocolTypes::timestampParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("utc ms") << QStringLiteral("2026-11-21T09:30:00.123Z") << true;
    QTest::newRow("offset") << QStringLiteral("2026-11-21T11:30:00.123+02:00") << true;
    QTest::newRow("no zone") << QStringLiteral("2026-11-21T09:30:00.123") << false;
    QTest::newRow("garbage") << QStringLiteral("yesterday") << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_ProtocolTypes::timestampParse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);

    const QDateTime time = Timestamp::parse(text);
    QCOMPARE(time.isValid(), valid);
    if (valid) {
        QCOMPARE(time, QDateTime(QDate(2026, 11, 21), QTime(9, 30, 0, 123), Qt::UTC));
        QCOMPARE(time.timeSpec(), Qt::UTC);
    }
}

void tst_ProtocolTypes::messageRoundTrip()
{
    ChatMessage message;
    message.room = QStringLiteral("lobby");
    message.seq = 58;
    message.id = QStringLiteral("m_1");
    message.userId = QStringLiteral("u_7Kq2mX9p");
    message.handle = QStringLiteral("Amber Otter");
    message.text = QStringLiteral("<b>hi</b> 😀");
    message.ts = QDateTime(QDate(2026, 11, 21), QTime(9, 30, 0, 123), Qt::UTC);
    message.clientId = QStringLiteral("c-1f2e");

    const QJsonObject json = message.toJson();
    QCOMPARE(json.value(QStringLiteral("ts")).toString(),
             QStringLiteral("2026-11-21T09:30:00.123Z"));
    QCOMPARE(json.value(QStringLiteral("seq")).toInteger(), 58);
    QCOMPARE(json.value(QStringLiteral("user_id")).toString(), message.userId);
    QCOMPARE(json.keys().size(), 8);

    ChatMessage parsed;
    QString error;
    QVERIFY2(ChatMessage::fromJson(json, &parsed, &error), qPrintable(error));
    QCOMPARE(parsed, message);
}

void tst_ProtocolTypes::messageWithoutClientId()
{
    ChatMessage message;
    message.room = QStringLiteral("r");
    message.seq = 1;
    message.id = QStringLiteral("m");
    message.userId = QStringLiteral("u");
    message.handle = QStringLiteral("h");
    message.text = QStringLiteral("t");
    message.ts = QDateTime::currentDateTimeUtc();
    const QJsonObject json = message.toJson();
    QVERIFY(json.value(QStringLiteral("client_id")).isNull());
}

void tst_ProtocolTypes::messageMalformed_data()
{
    QTest::addColumn<QByteArray>("json");

    const QByteArray good = R"({"room":"r","seq":1,"id":"m","user_id":"u","handle":"h","text":"t",)"
                            R"("ts":"2026-11-21T09:30:00.123Z","client_id":null})";
    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("seq zero") << QByteArray(good).replace(R"("seq":1)", R"("seq":0)");
    QTest::newRow("seq fraction") << QByteArray(good).replace(R"("seq":1)", R"("seq":1.5)");
    QTest::newRow("seq string") << QByteArray(good).replace(R"("seq":1)", R"("seq":"1")");
    QTest::newRow("text number") << QByteArray(good).replace(R"("text":"t")", R"("text":5)");
    QTest::newRow("no handle") << QByteArray(good).replace(R"("handle":"h",)", "");
    QTest::newRow("bad ts") << QByteArray(good).replace("2026-11-21T09:30:00.123Z", "now");
}

void tst_ProtocolTypes::messageMalformed()
{
    QFETCH(QByteArray, json);

    ChatMessage parsed;
    QString error;
    QVERIFY(!ChatMessage::fromJson(QJsonDocument::fromJson(json).object(), &parsed, &error));
    QVERIFY(!error.isEmpty());
}

void tst_ProtocolTypes::member()
{
    const Member member{QStringLiteral("u_1"), QStringLiteral("Amber Otter")};
    Member parsed;
    QVERIFY(Member::fromJson(member.toJson(), &parsed));
    QCOMPARE(parsed, member);
    QVERIFY(!Member::fromJson(object(R"({"user_id":"u"})"), &parsed));
    QVERIFY(!Member::fromJson(object(R"({"user_id":1,"handle":"h"})"), &parsed));
}

void tst_ProtocolTypes::roomSummary()
{
    RoomSummary summary;
    summary.room = QStringLiteral("lobby");
    summary.members = 12;
    summary.lastActivity = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
    RoomSummary parsed;
    QVERIFY(RoomSummary::fromJson(summary.toJson(), &parsed));
    QCOMPARE(parsed, summary);
    QVERIFY(!RoomSummary::fromJson(object(R"({"room":"a","members":-1})"), &parsed));
    QVERIFY(!RoomSummary::fromJson(object(R"({"members":1})"), &parsed));
}

void tst_ProtocolTypes::session()
{
    SessionInfo session;
    session.userId = QStringLiteral("u_7Kq2mX9p");
    session.handle = QStringLiteral("Amber Otter");
    session.token = QStringLiteral("secret");
    session.resumed = true;
    SessionInfo parsed;
    QVERIFY(SessionInfo::fromJson(session.toJson(), &parsed));
    QCOMPARE(parsed.userId, session.userId);
    QCOMPARE(parsed.handle, session.handle);
    QCOMPARE(parsed.token, session.token);
    QCOMPARE(parsed.resumed, true);
    QVERIFY(!SessionInfo::fromJson(object(R"({"user_id":"u","handle":"h"})"), &parsed));
}

void tst_ProtocolTypes::presence()
{
    PresenceEvent left;
    left.kind = PresenceEvent::Kind::Left;
    left.room = QStringLiteral("lobby");
    left.userId = QStringLiteral("u_1");
    left.handle = QStringLiteral("Amber Otter");
    left.ts = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
    left.reason = QStringLiteral("disconnected");
    QCOMPARE(left.toJson().value(QStringLiteral("reason")).toString(), left.reason);

    PresenceEvent parsed;
    QVERIFY(PresenceEvent::fromJson(PresenceEvent::Kind::Left, left.toJson(), &parsed));
    QCOMPARE(parsed.userId, left.userId);
    QCOMPARE(parsed.ts, left.ts);
    QCOMPARE(parsed.reason, left.reason);

    PresenceEvent joined = left;
    joined.kind = PresenceEvent::Kind::Joined;
    QVERIFY(!joined.toJson().contains(QStringLiteral("reason")));
    QVERIFY(!PresenceEvent::fromJson(PresenceEvent::Kind::Joined, object("{}"), &parsed));
}

void tst_ProtocolTypes::errorCodes_data()
{
    QTest::addColumn<ChatError::Code>("code");
    QTest::addColumn<QString>("name");

    QTest::newRow("invalid_payload") << ChatError::Code::InvalidPayload << "invalid_payload";
    QTest::newRow("invalid_room") << ChatError::Code::InvalidRoom << "invalid_room";
    QTest::newRow("not_in_room") << ChatError::Code::NotInRoom << "not_in_room";
    QTest::newRow("empty_message") << ChatError::Code::EmptyMessage << "empty_message";
    QTest::newRow("message_too_long") << ChatError::Code::MessageTooLong << "message_too_long";
    QTest::newRow("rate_limited") << ChatError::Code::RateLimited << "rate_limited";
    QTest::newRow("too_many_rooms") << ChatError::Code::TooManyRooms << "too_many_rooms";
    QTest::newRow("server_busy") << ChatError::Code::ServerBusy << "server_busy";
}

void tst_ProtocolTypes::errorCodes()
{
    QFETCH(ChatError::Code, code);
    QFETCH(QString, name);

    QCOMPARE(ChatError::codeName(code), name);
    ChatError::Code parsed = ChatError::Code::ServerBusy;
    QVERIFY(ChatError::codeFromName(name, &parsed));
    QCOMPARE(parsed, code);
}

void tst_ProtocolTypes::errorAck()
{
    ChatError error{ChatError::Code::RateLimited, QStringLiteral("slow down"), 1500};
    const QJsonObject ack = error.toAck();
    QCOMPARE(ack.value(QStringLiteral("ok")).toBool(true), false);
    const QJsonObject body = ack.value(QStringLiteral("error")).toObject();
    QCOMPARE(body.value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
    QCOMPARE(body.value(QStringLiteral("retry_after_ms")).toInteger(), 1500);

    ChatError parsed;
    QVERIFY(ChatError::fromJson(body, &parsed));
    QCOMPARE(parsed.code, error.code);
    QCOMPARE(parsed.message, error.message);
    QCOMPARE(parsed.retryAfterMs, 1500);

    const ChatError noRetry{ChatError::Code::NotInRoom, QStringLiteral("join first"), -1};
    QVERIFY(!noRetry.toJson().contains(QStringLiteral("retry_after_ms")));
    QVERIFY(!ChatError::fromJson(object(R"({"code":"nope"})"), &parsed));
    QCOMPARE(ChatError::codeFromName(QStringLiteral("nope"), &parsed.code), false);
}

QTEST_APPLESS_MAIN(tst_ProtocolTypes)
#include "tst_protocoltypes.moc"
