// Outbox: the rules for what may be sent, sending in order with a client_id, acks, and
// re-sending exactly what was not acknowledged after the connection dropped.
#include "chaterror.h"
#include "chatmessage.h"
#include "chattext.h"
#include "fakelink.h"
#include "outbox.h"
#include "socketioclient.h"
#include "timestamp.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QStringList sentClientIds(const FakeSocketIoServer& server)
{
    QStringList ids;
    for (const QJsonObject& payload : server.payloadsOf(QStringLiteral("send_message")))
        ids.append(payload.value(QLatin1String("client_id")).toString());
    return ids;
}

QJsonObject storedAck(const QJsonObject& send, qint64 seq)
{
    ChatMessage message;
    message.room = send.value(QLatin1String("room")).toString();
    message.seq = seq;
    message.id = QStringLiteral("m_%1").arg(seq);
    message.userId = QStringLiteral("u_amberotter");
    message.handle = QStringLiteral("Amber Otter");
    message.text = send.value(QLatin1String("text")).toString();
    message.ts = QDateTime::currentDateTimeUtc();
    message.clientId = send.value(QLatin1String("client_id")).toString();
    return QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("message"), message.toJson()}};
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusalRules();
    void entriesKeepOrderPerRoom();
    void flushSendsInOrderAndAckRemoves();
    void unansweredIsResentOnceAfterConnectionLoss();
    void rateLimitHoldsTheRoom();
    void refusalParksTheEntryUntilRetry();
    void notInRoomAsksForARejoin();
    void entriesSurviveInTheStorageFile();
};

void TestOutbox::refusalRules()
{
    QVERIFY(Outbox::refusal(QStringLiteral("hello")).isEmpty());
    QVERIFY(!Outbox::refusal(QStringLiteral(" \n\t ")).isEmpty());
    QVERIFY(Outbox::refusal(QString(ChatText::MaxMessageCodePoints, QLatin1Char('x'))).isEmpty());
    QVERIFY(
        !Outbox::refusal(QString(ChatText::MaxMessageCodePoints + 1, QLatin1Char('x'))).isEmpty());
    QVERIFY(!Outbox::refusal(QString(QChar(0xD800)) + QLatin1String("x")).isEmpty());
}

void TestOutbox::entriesKeepOrderPerRoom()
{
    SocketIoClient offline;
    Outbox outbox(&offline);
    const auto a = outbox.add(QStringLiteral("lobby"), QStringLiteral("a"), {});
    const auto b = outbox.add(QStringLiteral("dev"), QStringLiteral("b"), {});
    const auto c = outbox.add(QStringLiteral("lobby"), QStringLiteral("c"), {});
    QVERIFY(a.clientId.startsWith(QLatin1String("c-")));
    QCOMPARE(a.clientId.size(), 34);
    QVERIFY(a.clientId != c.clientId);
    QCOMPARE(outbox.entries(QStringLiteral("lobby")), (QList<Outbox::Entry>{a, c}));
    QCOMPARE(outbox.allEntries(), (QList<Outbox::Entry>{a, c, b}));
    QCOMPARE(outbox.flush(QStringLiteral("lobby")), 0); // offline: nothing goes out
    QVERIFY(!outbox.isInFlight(a.clientId));
    QVERIFY(outbox.remove(a.clientId));
    QVERIFY(!outbox.remove(a.clientId));
    outbox.removeRoom(QStringLiteral("lobby"));
    QCOMPARE(outbox.allEntries(), (QList<Outbox::Entry>{b}));
}

void TestOutbox::flushSendsInOrderAndAckRemoves()
{
    FakeLink link;
    qint64 seq = 0;
    link.server.handler = [&seq](const QString&,
                                 const QJsonObject& p) -> std::optional<QJsonValue> {
        return storedAck(p, ++seq);
    };
    QVERIFY(link.connect());
    Outbox outbox(&link.connection);
    QSignalSpy delivered(&outbox, &Outbox::delivered);
    const auto one = outbox.add(QStringLiteral("lobby"), QStringLiteral("one"), {});
    const auto two = outbox.add(QStringLiteral("lobby"), QStringLiteral("two"), {});
    QCOMPARE(outbox.flush(QStringLiteral("lobby")), 2);
    QVERIFY(outbox.isInFlight(one.clientId));
    QCOMPARE(outbox.flush(QStringLiteral("lobby")), 0); // in flight: not twice
    QTRY_COMPARE(delivered.size(), 2);
    QCOMPARE(sentClientIds(link.server), (QStringList{one.clientId, two.clientId}));
    QCOMPARE(delivered.at(0).at(0).value<ChatMessage>().clientId, one.clientId);
    QCOMPARE(delivered.at(1).at(0).value<ChatMessage>().text, QStringLiteral("two"));
    QVERIFY(outbox.allEntries().isEmpty());
}

void TestOutbox::unansweredIsResentOnceAfterConnectionLoss()
{
    FakeLink link;
    link.server.handler = [](const QString&, const QJsonObject&) -> std::optional<QJsonValue> {
        return std::nullopt; // never acknowledged
    };
    QVERIFY(link.connect());
    Outbox outbox(&link.connection);
    const auto entry = outbox.add(QStringLiteral("lobby"), QStringLiteral("one"), {});
    QCOMPARE(outbox.flush(QStringLiteral("lobby")), 1);
    QTRY_COMPARE(sentClientIds(link.server).size(), 1);
    QCOMPARE(outbox.flush(QStringLiteral("lobby")), 0);
    outbox.connectionLost();
    QVERIFY(!outbox.isInFlight(entry.clientId));
    QCOMPARE(outbox.flush(QStringLiteral("lobby")), 1);
    QTRY_COMPARE(sentClientIds(link.server), (QStringList{entry.clientId, entry.clientId}));
    QCOMPARE(outbox.entries(QStringLiteral("lobby")).size(), 1); // still unacknowledged
}

void TestOutbox::rateLimitHoldsTheRoom()
{
    FakeLink link;
    int sends = 0;
    link.server.handler = [&sends](const QString&,
                                   const QJsonObject& p) -> std::optional<QJsonValue> {
        if (++sends == 1)
            return ChatError{ChatError::Code::RateLimited, QStringLiteral("slow down"), 150}
                .toAck();
        return storedAck(p, sends);
    };
    QVERIFY(link.connect());
    Outbox outbox(&link.connection);
    QSignalSpy delayed(&outbox, &Outbox::delayed);
    QSignalSpy due(&outbox, &Outbox::retryDue);
    outbox.add(QStringLiteral("lobby"), QStringLiteral("one"), {});
    outbox.flush(QStringLiteral("lobby"));
    QTRY_COMPARE(delayed.size(), 1);
    QCOMPARE(delayed.first().at(1).toInt(), 150);
    QVERIFY(outbox.msUntilRetry(QStringLiteral("lobby")) > 0);
    QVERIFY(outbox.readyToSend(QStringLiteral("lobby")).isEmpty());
    QCOMPARE(outbox.msUntilRetry(QStringLiteral("dev")), 0);
    QTRY_COMPARE(due.size(), 1);
    QCOMPARE(outbox.readyToSend(QStringLiteral("lobby")).size(), 1);
}

void TestOutbox::refusalParksTheEntryUntilRetry()
{
    FakeLink link;
    link.server.handler = [](const QString&, const QJsonObject&) -> std::optional<QJsonValue> {
        return ChatError{ChatError::Code::MessageTooLong, QStringLiteral("too long"), -1}.toAck();
    };
    QVERIFY(link.connect());
    Outbox outbox(&link.connection);
    QSignalSpy failed(&outbox, &Outbox::failed);
    const auto entry = outbox.add(QStringLiteral("lobby"), QStringLiteral("one"), {});
    outbox.flush(QStringLiteral("lobby"));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toString(), entry.clientId);
    QVERIFY(outbox.entries(QStringLiteral("lobby")).first().failed);
    QVERIFY(outbox.readyToSend(QStringLiteral("lobby")).isEmpty());
    outbox.retry(entry.clientId);
    QCOMPARE(outbox.readyToSend(QStringLiteral("lobby")).size(), 1);
}

void TestOutbox::notInRoomAsksForARejoin()
{
    FakeLink link;
    link.server.handler = [](const QString&, const QJsonObject&) -> std::optional<QJsonValue> {
        return ChatError{ChatError::Code::NotInRoom, QStringLiteral("join first"), -1}.toAck();
    };
    QVERIFY(link.connect());
    Outbox outbox(&link.connection);
    QSignalSpy lost(&outbox, &Outbox::membershipLost);
    outbox.add(QStringLiteral("lobby"), QStringLiteral("one"), {});
    outbox.flush(QStringLiteral("lobby"));
    QTRY_COMPARE(lost.size(), 1);
    QCOMPARE(lost.first().first().toString(), QStringLiteral("lobby"));
    QCOMPARE(outbox.readyToSend(QStringLiteral("lobby")).size(), 1); // kept, sent after the join
}

void TestOutbox::entriesSurviveInTheStorageFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/outbox.json")); // made on demand
    SocketIoClient offline;
    Outbox::Entry kept;
    Outbox::Entry failed;
    {
        Outbox first(&offline);
        QVERIFY(first.setStorageFile(path)); // absent: fine
        kept = first.add(QStringLiteral("lobby"), QStringLiteral("kept"),
                         QDateTime::currentDateTime());
        const auto gone = first.add(QStringLiteral("lobby"), QStringLiteral("acked"), {});
        failed = first.add(QStringLiteral("dev"), QStringLiteral("refused"), {});
        first.setFailed(failed.clientId, true);
        QVERIFY(first.remove(gone.clientId));
    } // the app quits
    Outbox second(&offline);
    QVERIFY(second.setStorageFile(path));
    const auto restored = second.allEntries();
    QCOMPARE(restored.size(), 2);
    QCOMPARE(restored.at(0).clientId, kept.clientId);
    QCOMPARE(restored.at(0).room, QStringLiteral("lobby"));
    QCOMPARE(restored.at(0).text, QStringLiteral("kept"));
    QCOMPARE(restored.at(0).createdAt.toMSecsSinceEpoch(), kept.createdAt.toMSecsSinceEpoch());
    QCOMPARE(restored.at(1).clientId, failed.clientId);
    QVERIFY(restored.at(1).failed);
    QCOMPARE(second.rooms(), (QStringList{QStringLiteral("lobby"), QStringLiteral("dev")}));
    second.removeRoom(QStringLiteral("lobby"));
    Outbox third(&offline);
    QVERIFY(third.setStorageFile(path));
    QCOMPARE(third.allEntries().size(), 1);
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
