// TypingRequests: `typing` needs membership and rate tokens, goes to the room's other
// members, and ends by itself after typingTimeoutMs or when the member stops (leaves, drops).

#include "chatreplies.h"
#include "nullpeer.h"
#include "participants.h"
#include "recordingfanout.h"
#include "servermetrics.h"
#include "typingrequests.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Lobby = u"lobby"_s;

/// Typing requests over a recording fan-out, with one member of the lobby.
struct Fixture
{
    explicit Fixture(ChatSettings chatSettings = ChatSettings())
        : settings(chatSettings)
        , typing(settings, &participants, &fanout, &metrics)
    {
        Participant& added = participants.add(
            &peer, Participants::Rates{settings.messageRate, settings.messageBurst,
                                       settings.requestRate, settings.requestBurst});
        added.identified = true;
        added.identity.userId = u"u_1"_s;
        added.identity.handle = u"Calm Otter"_s;
        added.rooms.append(Lobby);
        member = &added;
    }

    ChatSettings settings;
    Participants participants;
    RecordingFanout fanout;
    ServerMetrics metrics;
    TypingRequests typing;
    NullPeer peer;
    Participant* member = nullptr;
    ChatReplies<TypingAnswer> replies;
};

} // namespace

class tst_TypingRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingGoesToTheOthers()
    {
        Fixture f;
        f.typing.typing(f.member->id, RequestParser::Typing{Lobby, true}, f.replies.reply());
        QCOMPARE(f.replies.count(), 1);
        QVERIFY(f.replies.last().ok());
        QCOMPARE(f.fanout.published.size(), 1);
        QCOMPARE(f.fanout.published.first().except,
                 static_cast<const ChatPeer*>(&f.peer)); // not echoed to the typist
        const TypingEvent event = f.fanout.eventsOf<TypingEvent>().first();
        QCOMPARE(event.room, Lobby);
        QCOMPARE(event.userId, u"u_1"_s);
        QCOMPARE(event.handle, u"Calm Otter"_s);
        QVERIFY(event.typing);
    }

    void notAMember()
    {
        Fixture f;
        f.typing.typing(f.member->id, RequestParser::Typing{u"other"_s, true}, f.replies.reply());
        QCOMPARE(f.replies.count(), 1);
        QVERIFY(!f.replies.last().ok());
        QCOMPARE(f.replies.last().error().code, ChatError::Code::NotInRoom);
        QVERIFY(f.fanout.published.isEmpty());
    }

    void unknownParticipantIsNotAnswered()
    {
        Fixture f;
        f.typing.typing(f.member->id + 1, RequestParser::Typing{Lobby, true}, f.replies.reply());
        QCOMPARE(f.replies.count(), 0);
        QVERIFY(f.fanout.published.isEmpty());
    }

    void costsMessageTokens()
    {
        ChatSettings settings;
        settings.messageRate = 0.001; // no refill within the test
        settings.messageBurst = 1;
        settings.typingCost = 0.5;
        Fixture f(settings);
        for (int i = 0; i < 2; ++i)
            f.typing.typing(f.member->id, RequestParser::Typing{Lobby, i == 0}, f.replies.reply());
        QVERIFY(f.replies.results.at(0).ok());
        QVERIFY(f.replies.results.at(1).ok());
        f.typing.typing(f.member->id, RequestParser::Typing{Lobby, true}, f.replies.reply());
        QCOMPARE(f.replies.count(), 3);
        QVERIFY(!f.replies.last().ok());
        QCOMPARE(f.replies.last().error().code, ChatError::Code::RateLimited);
        QVERIFY(f.replies.last().error().retryAfterMs > 0);
        QCOMPARE(f.fanout.published.size(), 2); // the refused one is not broadcast
        QCOMPARE(f.metrics.rateLimitedByReason.value("typing"), quint64(1));
    }

    void costsARequestToken()
    {
        ChatSettings settings;
        settings.requestRate = 0.001;
        settings.requestBurst = 1;
        Fixture f(settings);
        f.typing.typing(f.member->id, RequestParser::Typing{Lobby, true}, f.replies.reply());
        f.typing.typing(f.member->id, RequestParser::Typing{Lobby, false}, f.replies.reply());
        QCOMPARE(f.replies.count(), 2);
        QVERIFY(f.replies.results.at(0).ok());
        QCOMPARE(f.replies.last().error().code, ChatError::Code::RateLimited);
        QCOMPARE(f.fanout.published.size(), 1);
    }

    void expiresAfterTheTimeout()
    {
        ChatSettings settings;
        settings.typingTimeoutMs = 50;
        Fixture f(settings);
        f.typing.typing(f.member->id, RequestParser::Typing{Lobby, true}, f.replies.reply());
        QCOMPARE(f.fanout.published.size(), 1);
        QTRY_COMPARE(f.fanout.published.size(), 2);
        const TypingEvent expired = f.fanout.eventsOf<TypingEvent>().last();
        QCOMPARE(expired.room, Lobby);
        QCOMPARE(expired.userId, u"u_1"_s);
        QVERIFY(!expired.typing);
        QVERIFY(f.fanout.published.last().except == nullptr);
    }

    void stopEndsOnlyAnIndicatorThatIsOn()
    {
        Fixture f;
        f.typing.stop(*f.member, Lobby); // not typing: nothing to end
        QVERIFY(f.fanout.published.isEmpty());
        f.typing.typing(f.member->id, RequestParser::Typing{Lobby, true}, f.replies.reply());
        f.typing.stop(*f.member, Lobby);
        QCOMPARE(f.fanout.published.size(), 2);
        QVERIFY(!f.fanout.eventsOf<TypingEvent>().last().typing);
        f.typing.stop(*f.member, Lobby); // once only
        QCOMPARE(f.fanout.published.size(), 2);
    }

    void typingFalseEndsTheIndicator()
    {
        ChatSettings settings;
        settings.typingTimeoutMs = 30;
        Fixture f(settings);
        f.typing.typing(f.member->id, RequestParser::Typing{Lobby, true}, f.replies.reply());
        f.typing.typing(f.member->id, RequestParser::Typing{Lobby, false}, f.replies.reply());
        QCOMPARE(f.fanout.published.size(), 2);
        // The explicit end cleared the indicator: stop() has nothing left to end.
        f.typing.stop(*f.member, Lobby);
        QCOMPARE(f.fanout.published.size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_TypingRequests)
#include "tst_typingrequests.moc"
