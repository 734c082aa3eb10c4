// RoomRequests: join_room (members, history, subscription, presence, the rooms caps, an
// unavailable store), leave_room, list_rooms and the room summaries, and what a dropped or
// forgotten connection leaves behind (the presence grace period).

#include "chatreplies.h"
#include "memorymessagestore.h"
#include "nullpeer.h"
#include "participants.h"
#include "recordingfanout.h"
#include "roomrequests.h"
#include "servermetrics.h"
#include "typingrequests.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString Lobby = u"lobby"_s;

ChatSettings unthrottled()
{
    ChatSettings settings;
    settings.presenceIntervalMs = 0; // every join announced at once
    settings.presenceGraceMs = 40;
    return settings;
}

/// A memory store that can be switched unavailable, as a cluster node's without Redis.
struct SwitchableStore : MemoryMessageStore
{
    using MemoryMessageStore::MemoryMessageStore;
    bool isAvailable() const override { return available; }
    bool available = true;
};

/// Room requests over a memory store and a recording fan-out.
struct Fixture
{
    explicit Fixture(const ChatSettings& chatSettings = unthrottled())
        : settings(chatSettings)
        , typing(settings, &participants, &fanout, &metrics)
        , rooms(settings, &participants, &store, &fanout, &typing, &metrics)
    {}

    /// Adds an identified participant of user @p userId on a new peer.
    Participant& add(const QString& userId)
    {
        peers.push_back(std::make_unique<NullPeer>());
        Participant& added = participants.add(
            peers.back().get(), Participants::Rates{settings.messageRate, settings.messageBurst,
                                                    settings.requestRate, settings.requestBurst});
        added.identified = true;
        added.identity.userId = userId;
        added.identity.handle = u"Handle of "_s + userId;
        return added;
    }
    void join(const Participant& who, const QString& room, qint64 since = -1,
              WireFormat format = WireFormat::SocketIo)
    {
        rooms.join(who.id, RequestParser::JoinRoom{room, since}, format, joins.reply());
    }
    void leave(const Participant& who, const QString& room)
    {
        rooms.leave(who.id, RequestParser::RoomOnly{room}, leaves.reply());
    }
    void storeMessage(const QString& room)
    {
        store.append(MessageDraft{room, u"u_x"_s, u"X"_s, u"text"_s, QString(),
                                  QDateTime::currentDateTimeUtc()},
                     [](const ChatMessage&, bool) {});
    }
    QList<PresenceEvent> presence() const { return fanout.eventsOf<PresenceEvent>(); }

    ChatSettings settings;
    Participants participants;
    SwitchableStore store{100};
    RecordingFanout fanout;
    ServerMetrics metrics;
    TypingRequests typing;
    RoomRequests rooms;
    std::vector<std::unique_ptr<NullPeer>> peers;
    ChatReplies<JoinAnswer> joins;
    ChatReplies<LeaveAnswer> leaves;
};

QStringList memberIds(const QByteArray& membersJson)
{
    QStringList ids;
    for (const QJsonValue& member : QJsonDocument::fromJson(membersJson).array())
        ids.append(member.toObject().value(u"user_id"_s).toString());
    return ids;
}

} // namespace

class tst_RoomRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void joinAnswersMembersAndHistory()
    {
        Fixture f;
        f.storeMessage(Lobby);
        f.storeMessage(Lobby);
        Participant& alice = f.add(u"u_a"_s);
        f.join(alice, Lobby, -1, WireFormat::Json);
        QCOMPARE(f.joins.count(), 1);
        QVERIFY(f.joins.last().ok());
        const JoinAnswer answer = f.joins.last().value();
        QCOMPARE(answer.room, Lobby);
        QCOMPARE(answer.history.messages.size(), 2);
        QCOMPARE(answer.history.lastSeq, 2);
        QCOMPARE(memberIds(answer.membersJson), QStringList{u"u_a"_s});
        QCOMPARE(alice.rooms, QList<QString>{Lobby});
        QCOMPARE(f.fanout.subscriptions.size(), 1);
        QCOMPARE(f.fanout.subscriptions.first().peer, static_cast<ChatPeer*>(alice.peer));
        QCOMPARE(f.fanout.subscriptions.first().format, WireFormat::Json);
        // user_joined to the others, not to the joiner.
        QCOMPARE(f.presence().size(), 1);
        QCOMPARE(f.presence().first().kind, PresenceEvent::Kind::Joined);
        QCOMPARE(f.presence().first().userId, u"u_a"_s);
        QCOMPARE(f.fanout.published.first().except, static_cast<const ChatPeer*>(alice.peer));
    }

    void secondConnectionOfAUserIsNoNewMember()
    {
        Fixture f;
        Participant& first = f.add(u"u_a"_s);
        Participant& second = f.add(u"u_a"_s);
        Participant& bob = f.add(u"u_b"_s);
        f.join(first, Lobby);
        f.join(second, Lobby);
        f.join(bob, Lobby);
        QCOMPARE(f.presence().size(), 2); // u_a once, u_b once
        QCOMPARE(memberIds(f.joins.last().value().membersJson), (QStringList{u"u_a"_s, u"u_b"_s}));
        QCOMPARE(f.rooms.summaries().first().members, 2);
        QCOMPARE(f.fanout.subscriptions.size(), 3);
    }

    void rejoinResubscribes()
    {
        Fixture f;
        Participant& alice = f.add(u"u_a"_s);
        f.join(alice, Lobby);
        f.join(alice, Lobby, 0, WireFormat::SeedSocketIo);
        QCOMPARE(f.joins.count(), 2);
        QVERIFY(f.joins.last().ok());
        QCOMPARE(alice.rooms, QList<QString>{Lobby}); // once
        QCOMPARE(f.fanout.unsubscriptions.size(), 1); // before the second subscription
        QCOMPARE(f.fanout.subscriptions.size(), 2);
        QCOMPARE(f.fanout.subscriptions.last().format, WireFormat::SeedSocketIo);
        QCOMPARE(f.presence().size(), 1); // no second user_joined
    }

    void tooManyRoomsPerConnection()
    {
        ChatSettings settings = unthrottled();
        settings.maxRoomsPerConnection = 2;
        Fixture f(settings);
        Participant& alice = f.add(u"u_a"_s);
        f.join(alice, u"a"_s);
        f.join(alice, u"b"_s);
        f.join(alice, u"c"_s);
        QCOMPARE(f.joins.count(), 3);
        QCOMPARE(f.joins.last().error().code, ChatError::Code::TooManyRooms);
        QCOMPARE(alice.rooms.size(), 2);
        f.join(alice, u"b"_s); // a rejoin is no new room
        QVERIFY(f.joins.last().ok());
    }

    void roomsCapIsServerBusy()
    {
        ChatSettings settings = unthrottled();
        settings.maxRooms = 1;
        Fixture f(settings);
        Participant& alice = f.add(u"u_a"_s);
        Participant& bob = f.add(u"u_b"_s);
        f.join(alice, Lobby);
        f.join(bob, u"other"_s);
        QCOMPARE(f.joins.last().error().code, ChatError::Code::ServerBusy);
        QCOMPARE(f.joins.last().error().retryAfterMs, 30000);
        QVERIFY(bob.rooms.isEmpty());
        f.join(bob, Lobby); // a room with members costs nothing more
        QVERIFY(f.joins.last().ok());
    }

    void unavailableStoreIsServerBusy()
    {
        Fixture f;
        f.storeMessage(Lobby);
        Participant& alice = f.add(u"u_a"_s);
        f.store.available = false; // a cluster node that lost Redis
        f.join(alice, Lobby);
        QCOMPARE(f.joins.count(), 1);
        // Not an empty history that looks complete: a refusal to retry, leaving nothing.
        QCOMPARE(f.joins.last().error().code, ChatError::Code::ServerBusy);
        QCOMPARE(f.joins.last().error().retryAfterMs, 1000);
        QVERIFY(alice.rooms.isEmpty());
        QVERIFY(f.presence().isEmpty());
        QVERIFY(f.fanout.subscriptions.isEmpty());
        QCOMPARE(f.rooms.summaries().first().members, 0);
        f.store.available = true;
        f.join(alice, Lobby);
        QVERIFY(f.joins.last().ok());
        QCOMPARE(f.joins.last().value().history.messages.size(), 1);
    }

    void joinIsRateLimited()
    {
        ChatSettings settings = unthrottled();
        settings.requestRate = 0.001;
        settings.requestBurst = 1;
        Fixture f(settings);
        Participant& alice = f.add(u"u_a"_s);
        f.join(alice, u"a"_s);
        f.join(alice, u"b"_s);
        QCOMPARE(f.joins.last().error().code, ChatError::Code::RateLimited);
        QCOMPARE(alice.rooms, QList<QString>{u"a"_s});
        f.leave(alice, u"a"_s);
        QCOMPARE(f.leaves.last().error().code, ChatError::Code::RateLimited);
        ChatReplies<QList<RoomSummary>> lists;
        f.rooms.list(alice.id, lists.reply());
        QCOMPARE(lists.last().error().code, ChatError::Code::RateLimited);
        QCOMPARE(f.metrics.rateLimitedByReason.value("join_room"), quint64(1));
        QCOMPARE(f.metrics.rateLimitedByReason.value("leave_room"), quint64(1));
        QCOMPARE(f.metrics.rateLimitedByReason.value("list_rooms"), quint64(1));
    }

    void unknownParticipantIsNotAnswered()
    {
        Fixture f;
        f.rooms.join(42, RequestParser::JoinRoom{Lobby, -1}, WireFormat::SocketIo, f.joins.reply());
        f.rooms.leave(42, RequestParser::RoomOnly{Lobby}, f.leaves.reply());
        QCOMPARE(f.joins.count(), 0);
        QCOMPARE(f.leaves.count(), 0);
        QCOMPARE(f.rooms.roomCount(), 0);
    }

    void leave()
    {
        Fixture f;
        Participant& alice = f.add(u"u_a"_s);
        f.leave(alice, Lobby);
        QCOMPARE(f.leaves.last().error().code, ChatError::Code::NotInRoom);
        f.join(alice, Lobby);
        f.typing.typing(alice.id, RequestParser::Typing{Lobby, true}, [](const auto&) {});
        f.fanout.published.clear();
        f.leave(alice, Lobby);
        QVERIFY(f.leaves.last().ok());
        QCOMPARE(f.leaves.last().value().room, Lobby);
        QVERIFY(alice.rooms.isEmpty());
        QCOMPARE(f.fanout.unsubscriptions.size(), 1);
        QCOMPARE(f.fanout.unsubscriptions.first().room, Lobby);
        // Her indicator ends, and the room hears she left.
        QCOMPARE(f.fanout.eventsOf<TypingEvent>().size(), 1);
        QVERIFY(!f.fanout.eventsOf<TypingEvent>().first().typing);
        QCOMPARE(f.presence().size(), 1);
        QCOMPARE(f.presence().first().kind, PresenceEvent::Kind::Left);
        QCOMPARE(f.presence().first().reason, u"left"_s);
        QCOMPARE(f.rooms.summaries().size(), 0);
    }

    void leaveOfOneOfTwoConnectionsKeepsTheMember()
    {
        Fixture f;
        Participant& first = f.add(u"u_a"_s);
        Participant& second = f.add(u"u_a"_s);
        f.join(first, Lobby);
        f.join(second, Lobby);
        f.leave(first, Lobby);
        QVERIFY(f.leaves.last().ok());
        QCOMPARE(f.presence().size(), 1); // the join only: u_a is still in the room
        QCOMPARE(f.rooms.summaries().first().members, 1);
    }

    void summariesAndRoomCount()
    {
        Fixture f;
        f.storeMessage(u"stored"_s);
        f.storeMessage(Lobby);
        Participant& alice = f.add(u"u_a"_s);
        Participant& bob = f.add(u"u_b"_s);
        f.join(alice, u"zoo"_s);
        f.join(alice, Lobby);
        f.join(bob, Lobby);
        const QList<RoomSummary> summaries = f.rooms.summaries();
        QCOMPARE(summaries.size(), 3);
        QCOMPARE(summaries.at(0).room, Lobby); // sorted by name
        QCOMPARE(summaries.at(0).members, 2);
        QCOMPARE(summaries.at(1).room, u"stored"_s);
        QCOMPARE(summaries.at(1).members, 0);
        QVERIFY(summaries.at(1).lastActivity.isValid()); // its last message
        QCOMPARE(summaries.at(2).room, u"zoo"_s);
        QCOMPARE(f.rooms.roomCount(), 3);
        ChatReplies<QList<RoomSummary>> lists;
        f.rooms.list(alice.id, lists.reply());
        QCOMPARE(lists.last().value().size(), 3);
    }

    void dropKeepsTheMemberForTheGracePeriod()
    {
        Fixture f;
        Participant& alice = f.add(u"u_a"_s);
        Participant& bob = f.add(u"u_b"_s);
        f.join(alice, Lobby);
        f.join(alice, u"other"_s);
        f.join(bob, Lobby);
        f.fanout.published.clear();
        f.rooms.dropAll(alice);
        QVERIFY(alice.rooms.isEmpty());
        QCOMPARE(f.fanout.unsubscriptions.size(), 2);
        QVERIFY(f.presence().isEmpty()); // still a member during the grace period
        QCOMPARE(f.rooms.summaries().first().members, 2);
        QTRY_COMPARE(f.presence().size(), 2);
        for (const PresenceEvent& event : f.presence()) {
            QCOMPARE(event.kind, PresenceEvent::Kind::Left);
            QCOMPARE(event.userId, u"u_a"_s);
            QCOMPARE(event.reason, u"disconnected"_s);
        }
        QCOMPARE(f.rooms.summaries().first().members, 1);
    }

    void returnWithinTheGracePeriodIsNoPresenceChange()
    {
        Fixture f;
        Participant& alice = f.add(u"u_a"_s);
        Participant& probe = f.add(u"u_probe"_s);
        f.join(alice, Lobby);
        f.join(probe, u"probe"_s);
        f.rooms.dropAll(alice);
        f.participants.take(alice.id);
        // Dropped after alice: its grace period ends after hers would have.
        f.rooms.dropAll(probe);
        f.fanout.published.clear();
        Participant& back = f.add(u"u_a"_s);
        f.join(back, Lobby);
        QVERIFY(f.joins.last().ok());
        QTRY_COMPARE(f.presence().size(), 1);
        // Only the probe left: alice came back in time, no user_left nor second user_joined.
        QCOMPARE(f.presence().first().userId, u"u_probe"_s);
        QCOMPARE(f.rooms.summaries().first().members, 1);
    }

    void forgetUnsubscribesEverywhere()
    {
        Fixture f;
        Participant& alice = f.add(u"u_a"_s);
        f.join(alice, Lobby);
        f.join(alice, u"other"_s);
        f.rooms.forget(alice);
        QCOMPARE(f.fanout.unsubscriptions.size(), 2);
        for (const auto& entry : f.fanout.unsubscriptions)
            QCOMPARE(entry.peer, static_cast<ChatPeer*>(alice.peer));
    }
};

QTEST_GUILESS_MAIN(tst_RoomRequests)
#include "tst_roomrequests.moc"
