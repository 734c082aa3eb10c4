// RoomEvent and TypingEvent: the room of each kind of event, and the `typing` wire object
// (shared protocol, "typing").

#include "roomevent.h"
#include "typingevent.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_RoomEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roomOfEachKind()
    {
        ChatMessage message;
        message.room = u"messages"_s;
        PresenceEvent presence;
        presence.room = u"presence"_s;
        const TypingEvent typing{u"typing"_s, u"u_1"_s, u"Calm Otter"_s, true};
        QCOMPARE(roomOf(RoomEvent(message)), u"messages"_s);
        QCOMPARE(roomOf(RoomEvent(presence)), u"presence"_s);
        QCOMPARE(roomOf(RoomEvent(typing)), u"typing"_s);
    }

    void roomOfRefersToTheEvent()
    {
        const RoomEvent event = TypingEvent{u"lobby"_s, u"u_1"_s, u"X"_s, false};
        QCOMPARE(&roomOf(event), &std::get<TypingEvent>(event).room); // no copy
    }

    void typingWireObject_data()
    {
        QTest::addColumn<bool>("typing");
        QTest::newRow("starts") << true;
        QTest::newRow("stops") << false;
    }

    void typingWireObject()
    {
        QFETCH(bool, typing);
        const QJsonObject json =
            TypingEvent{u"lobby"_s, u"u_1"_s, u"Calm Otter"_s, typing}.toJson();
        QCOMPARE(json.size(), 4);
        QCOMPARE(json.value(u"room"_s).toString(), u"lobby"_s);
        QCOMPARE(json.value(u"user_id"_s).toString(), u"u_1"_s);
        QCOMPARE(json.value(u"handle"_s).toString(), u"Calm Otter"_s);
        QVERIFY(json.value(u"typing"_s).isBool());
        QCOMPARE(json.value(u"typing"_s).toBool(), typing);
    }
};

QTEST_GUILESS_MAIN(tst_RoomEvent)
#include "tst_roomevent.moc"
