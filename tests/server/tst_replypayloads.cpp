// ReplyPayloads: the success payloads of the contract's acks (shared protocol, "Client ->
// server events", "ack on success").

#include "member.h"
#include "replypayloads.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime Ts = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);

ChatMessage message(qint64 seq, const QString& text)
{
    return ChatMessage{
        u"lobby"_s,      seq,  u"m_%1"_s.arg(seq), u"u_a"_s,
        u"Calm Otter"_s, text, Ts.addMSecs(seq),   seq % 2 ? u"c_%1"_s.arg(seq) : QString()};
}

QList<ChatMessage> someMessages()
{
    return {message(3, u"hello"_s), message(4, u"quote \" and \\ and \u00e9"_s),
            message(5, u"\U0001F642"_s)};
}

QJsonArray messagesJson(const QList<ChatMessage>& messages)
{
    QJsonArray array;
    for (const ChatMessage& message : messages)
        array.append(message.toJson());
    return array;
}

/// What QJsonDocument writes for @p object: the payloads are written without QJson, byte
/// for byte the same.
QByteArray qjsonText(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject parsedObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    [&] {
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(document.isObject());
    }();
    return document.object();
}

} // namespace

class tst_ReplyPayloads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void join_data()
    {
        QTest::addColumn<QByteArray>("membersJson");
        QTest::addColumn<QList<ChatMessage>>("history");
        QTest::addColumn<bool>("truncated");
        const QByteArray members = QJsonDocument(QJsonArray{
                                                     Member{u"u_a"_s, u"Calm Otter"_s}.toJson(),
                                                     Member{u"u_b"_s, u"Odd \"one\""_s}.toJson(),
                                                 })
                                       .toJson(QJsonDocument::Compact);
        QTest::newRow("members and history") << members << someMessages() << false;
        QTest::newRow("truncated") << members << someMessages() << true;
        QTest::newRow("empty room") << QByteArray("[]") << QList<ChatMessage>() << false;
    }

    void join()
    {
        QFETCH(QByteArray, membersJson);
        QFETCH(QList<ChatMessage>, history);
        QFETCH(bool, truncated);
        JoinAnswer answer;
        answer.room = u"lobby"_s;
        answer.history.messages = history;
        answer.history.lastSeq = 17;
        answer.history.truncated = truncated;
        answer.history.hasMore = true; // not part of a join answer
        answer.membersJson = membersJson;

        const QByteArray json = ReplyPayloads::join(answer);
        // The registry's text is spliced in unchanged.
        QVERIFY(json.contains(QByteArray("\"members\":" + membersJson + ',')));
        const QJsonObject reply = parsedObject(json);
        const QJsonObject expected{{u"history"_s, messagesJson(history)},
                                   {u"last_seq"_s, 17},
                                   {u"members"_s, QJsonDocument::fromJson(membersJson).array()},
                                   {u"ok"_s, true},
                                   {u"room"_s, u"lobby"_s},
                                   {u"truncated"_s, truncated}};
        QCOMPARE(reply, expected);
        QCOMPARE(json, qjsonText(expected));

        // The seed event has no ok; /ws's message has its type.
        QJsonObject seed = expected;
        seed.remove(u"ok"_s);
        QCOMPARE(ReplyPayloads::joined(answer), qjsonText(seed));
        QJsonObject ws = seed;
        ws.insert(u"type"_s, u"joined"_s);
        QCOMPARE(ReplyPayloads::joined(answer, QLatin1StringView("joined")), qjsonText(ws));
    }

    void historyKeepsTheOrderGiven()
    {
        QList<ChatMessage> list = someMessages();
        std::reverse(list.begin(), list.end());
        HistoryAnswer answer;
        answer.room = u"lobby"_s;
        answer.history.messages = list;
        const QJsonArray array =
            parsedObject(ReplyPayloads::history(answer)).value(u"history"_s).toArray();
        QCOMPARE(array.size(), list.size());
        for (qsizetype i = 0; i < list.size(); ++i)
            QCOMPARE(array.at(i).toObject(), list.at(i).toJson());
    }

    void leave()
    {
        QCOMPARE(ReplyPayloads::leave(LeaveAnswer{u"lobby"_s}),
                 qjsonText({{u"ok"_s, true}, {u"room"_s, u"lobby"_s}}));
        QCOMPARE(ReplyPayloads::leave(LeaveAnswer{u"caf\u00e9 \"x\""_s}),
                 qjsonText({{u"ok"_s, true}, {u"room"_s, u"caf\u00e9 \"x\""_s}}));
    }

    void send()
    {
        for (const ChatMessage& stored : someMessages()) {
            for (const bool retry : {false, true}) {
                // A retry answers exactly like the first send (the original message).
                QCOMPARE(ReplyPayloads::send(SendAnswer{stored, retry}),
                         qjsonText({{u"ok"_s, true}, {u"message"_s, stored.toJson()}}));
            }
        }
    }

    void history()
    {
        for (const bool hasMore : {false, true}) {
            HistoryAnswer answer;
            answer.room = u"lobby"_s;
            answer.history.messages = someMessages();
            answer.history.hasMore = hasMore;
            answer.history.truncated = true; // not part of a history answer
            answer.history.lastSeq = 99;     // nor this
            const QJsonObject expected{{u"ok"_s, true},
                                       {u"room"_s, u"lobby"_s},
                                       {u"history"_s, messagesJson(someMessages())},
                                       {u"has_more"_s, hasMore}};
            QCOMPARE(ReplyPayloads::history(answer), qjsonText(expected));
            QJsonObject ws = expected;
            ws.remove(u"ok"_s);
            ws.insert(u"type"_s, u"history"_s);
            QCOMPARE(ReplyPayloads::historyEvent(answer, QLatin1StringView("history")),
                     qjsonText(ws));
        }
    }

    void typing() { QCOMPARE(ReplyPayloads::typing(), qjsonText({{u"ok"_s, true}})); }

    void roomList()
    {
        const QList<RoomSummary> rooms{{u"lobby"_s, 3, Ts}, {u"quiet"_s, 0, Ts.addSecs(-60)}};
        const QJsonObject reply = ReplyPayloads::roomList(rooms);
        QCOMPARE(reply.keys(), (QStringList{u"ok"_s, u"rooms"_s}));
        QCOMPARE(reply.value(u"ok"_s), QJsonValue(true));
        const QJsonArray array = reply.value(u"rooms"_s).toArray();
        QCOMPARE(array.size(), 2);
        for (qsizetype i = 0; i < rooms.size(); ++i) {
            RoomSummary back;
            QVERIFY(RoomSummary::fromJson(array.at(i).toObject(), &back));
            QCOMPARE(back.room, rooms.at(i).room);
            QCOMPARE(back.members, rooms.at(i).members);
            QCOMPARE(array.at(i).toObject(), rooms.at(i).toJson());
        }
        QCOMPARE(ReplyPayloads::roomList({}),
                 (QJsonObject{{u"ok"_s, true}, {u"rooms"_s, QJsonArray()}}));
    }
};

QTEST_APPLESS_MAIN(tst_ReplyPayloads)
#include "tst_replypayloads.moc"
