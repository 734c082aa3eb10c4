// RoomEvent: the room of each kind of event.

#include "roomevent.h"
#include "typingevent.h"

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
};

QTEST_GUILESS_MAIN(tst_RoomEvent)
#include "tst_roomevent.moc"
