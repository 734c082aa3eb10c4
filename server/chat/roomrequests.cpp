#include "roomrequests.h"

#include "chatlogging.h"
#include "jsontext.h"
#include "memberdirectory.h"
#include "messagestore.h"
#include "participants.h"
#include "presenceevent.h"
#include "roomfanout.h"
#include "servermetrics.h"
#include "typingrequests.h"

#include <QMap>
#include <QSet>

namespace {
// retry_after_ms of a server_busy reply to join_room.
constexpr qint64 ServerBusyRetryAfterMs = 30000;
// retry_after_ms of join_room's server_busy while the store is unavailable (a cluster node
// without Redis): as for a message it could not store (MessageRequests).
constexpr qint64 StoreUnavailableRetryAfterMs = 1000;
} // namespace

RoomRequests::RoomRequests(const ChatSettings& settings, Participants* participants,
                           MessageStore* store, RoomFanout* fanout, TypingRequests* typing,
                           ServerMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_participants(participants)
    , m_store(store)
    , m_fanout(fanout)
    , m_typing(typing)
    , m_metrics(metrics)
    , m_registry(settings.presenceGraceMs)
    , m_joiner(store, fanout)
    , m_presence(settings.presenceIntervalMs, [this](const PresenceEvent& event, quint64 exceptId) {
        const Participant* except = m_participants->find(exceptId);
        m_fanout->publish(event, except ? except->peer : nullptr);
    })
{
    connect(&m_registry, &RoomRegistry::graceExpired, this, &RoomRequests::onGraceExpired);
}

void RoomRequests::join(quint64 id, const RequestParser::JoinRoom& request, WireFormat format,
                        ChatReply<JoinAnswer> reply)
{
    Participant* participant = m_participants->find(id);
    if (!participant)
        return;
    ChatError refusal;
    if (!participant->takeRequestToken(m_participants->nowMs(), &refusal)) {
        m_metrics->countRateLimited("join_room");
        return reply(refusal);
    }
    const bool alreadyIn = participant->rooms.contains(request.room);
    if (!alreadyIn && participant->rooms.size() >= m_settings.maxRoomsPerConnection)
        return reply(ChatError{ChatError::Code::TooManyRooms,
                               QStringLiteral("a connection can join at most %1 rooms")
                                   .arg(m_settings.maxRoomsPerConnection)});
    // Total rooms cap (docs/security.md): counts rooms with members, each of which costs
    // memory here; rooms with stored history only are bounded by the store.
    if (!alreadyIn && m_registry.memberCount(request.room) == 0 &&
        m_registry.roomCount() >= m_settings.maxRooms)
        return reply(ChatError{ChatError::Code::ServerBusy,
                               QStringLiteral("the server has too many rooms; try again later"),
                               ServerBusyRetryAfterMs});
    // Before any membership or presence: a refused join leaves nothing behind.
    if (!m_store->isAvailable())
        return reply(ChatError{ChatError::Code::ServerBusy,
                               QStringLiteral("the room's history cannot be read now; retry"),
                               StoreUnavailableRetryAfterMs});

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Member me{participant->identity.userId, participant->identity.handle};
    const bool newMember = m_registry.join(request.room, id, me, now);
    if (alreadyIn) // subscribed again with the answer, whose history covers the meantime
        m_fanout->unsubscribe(request.room, participant->peer);
    else
        participant->rooms.append(request.room);
    if (newMember)
        m_presence.joined(PresenceEvent{PresenceEvent::Kind::Joined, request.room, me.userId,
                                        me.handle, now, QString()},
                          id);

    const QString room = request.room;
    const qint64 since = request.since;
    if (!m_directory)
        return startJoin(id, room, since, format, m_registry.membersJson(room), std::move(reply));
    // A cluster: the members on every node, read before the history so that the answer
    // still comes in the turn of the subscription.
    m_directory->fetchMembers(
        room, [this, id, room, since, format, reply = std::move(reply)](const QList<Member>& all) {
            Participant* joining = m_participants->find(id);
            if (!joining || !joining->identified)
                return; // the session ended meanwhile
            QByteArray members = QByteArrayLiteral("[]");
            for (const Member& member : m_directory->members(room, m_registry.members(room), all))
                JsonText::appendElement(&members, JsonText::compact(member.toJson()));
            if (!joining->rooms.contains(room)) { // left meanwhile: answered, not subscribed
                HistorySlice none;
                none.lastSeq = m_store->lastSeq(room);
                return reply(JoinAnswer{room, none, members});
            }
            startJoin(id, room, since, format, members, reply);
        });
}

void RoomRequests::startJoin(quint64 id, const QString& room, qint64 since, WireFormat format,
                             const QByteArray& members, ChatReply<JoinAnswer> reply)
{
    Participant* participant = m_participants->find(id);
    m_joiner.join(id, participant->peer, room, since, format,
                  [this, id, room, members, reply = std::move(reply)](const HistorySlice& slice) {
                      const Participant* joined = m_participants->find(id);
                      if (!joined || !joined->identified)
                          return; // the session ended meanwhile
                      reply(JoinAnswer{room, slice, members});
                  });
}

void RoomRequests::leave(quint64 id, const RequestParser::RoomOnly& request,
                         ChatReply<LeaveAnswer> reply)
{
    Participant* participant = m_participants->find(id);
    if (!participant)
        return;
    ChatError refusal;
    if (!participant->takeRequestToken(m_participants->nowMs(), &refusal)) {
        m_metrics->countRateLimited("leave_room");
        return reply(refusal);
    }
    if (!participant->rooms.removeOne(request.room))
        return reply(
            ChatError{ChatError::Code::NotInRoom,
                      QStringLiteral("this connection has not joined '%1'").arg(request.room)});
    m_fanout->unsubscribe(request.room, participant->peer);
    m_joiner.cancel(id, request.room);
    m_typing->stop(*participant, request.room);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_registry.leave(request.room, id, participant->identity.userId, now))
        m_presence.left(PresenceEvent{PresenceEvent::Kind::Left, request.room,
                                      participant->identity.userId, participant->identity.handle,
                                      now, QStringLiteral("left")});
    reply(LeaveAnswer{request.room});
}

void RoomRequests::list(quint64 id, ChatReply<QList<RoomSummary>> reply)
{
    Participant* participant = m_participants->find(id);
    if (!participant)
        return;
    ChatError refusal;
    if (!participant->takeRequestToken(m_participants->nowMs(), &refusal)) {
        m_metrics->countRateLimited("list_rooms");
        return reply(refusal);
    }
    reply(summaries());
}

QList<RoomSummary> RoomRequests::summaries() const
{
    QMap<QString, RoomSummary> rooms; // sorted by name
    for (const QString& name : m_registry.rooms())
        rooms.insert(
            name, RoomSummary{name, m_registry.memberCount(name), m_registry.lastActivity(name)});
    if (m_directory) {
        for (const QString& name : m_directory->rooms()) {
            RoomSummary& summary = rooms[name];
            summary.room = name;
            summary.members = int(m_directory->members(name, m_registry.members(name), {}).size());
        }
    }
    for (const StoredRoom& stored : m_store->rooms()) {
        RoomSummary& summary = rooms[stored.room];
        summary.room = stored.room;
        if (!summary.lastActivity.isValid() || stored.lastMessageAt > summary.lastActivity)
            summary.lastActivity = stored.lastMessageAt;
    }
    return rooms.values();
}

int RoomRequests::roomCount() const
{
    QStringList live = m_registry.rooms();
    if (m_directory)
        live += m_directory->rooms();
    QSet<QString> names(live.cbegin(), live.cend());
    for (const StoredRoom& stored : m_store->rooms())
        names.insert(stored.room);
    return int(names.size());
}

void RoomRequests::dropAll(Participant& participant)
{
    for (const QString& room : std::as_const(participant.rooms)) {
        m_fanout->unsubscribe(room, participant.peer);
        m_typing->stop(participant, room);
        m_registry.dropConnection(room, participant.id, participant.identity.userId);
    }
    participant.rooms.clear();
    m_joiner.cancelAll(participant.id);
}

void RoomRequests::forget(const Participant& participant)
{
    for (const QString& room : std::as_const(participant.rooms))
        m_fanout->unsubscribe(room, participant.peer);
    m_joiner.removeConnection(participant.id);
}

void RoomRequests::onGraceExpired(const QString& room, const Member& user)
{
    qCDebug(lcRooms) << user.userId << "did not come back to" << room;
    m_presence.left(PresenceEvent{PresenceEvent::Kind::Left, room, user.userId, user.handle,
                                  QDateTime::currentDateTimeUtc(), QStringLiteral("disconnected")});
}
