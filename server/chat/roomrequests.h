#pragma once

#include "chatreply.h"
#include "chatsettings.h"
#include "presencethrottle.h"
#include "requestparser.h"
#include "roomjoiner.h"
#include "roomregistry.h"
#include "roomsummary.h"
#include "wireformat.h"

#include <QList>
#include <QObject>

class ChatPeer;
class MemberDirectory;
class MessageStore;
class Participants;
class RoomFanout;
class ServerMetrics;
class TypingRequests;
struct Participant;
struct PresenceEvent;

/**
 * The room event family (shared protocol, "Rooms", "Presence"): join_room, leave_room and
 * list_rooms, the presence they cause (user_joined / user_left, the grace period after a
 * drop), and what a connection leaves behind when its session ends.
 */
class RoomRequests : public QObject
{
    Q_OBJECT

public:
    /// All pointers must outlive this object.
    RoomRequests(const ChatSettings& settings, Participants* participants, MessageStore* store,
                 RoomFanout* fanout, TypingRequests* typing, ServerMetrics* metrics,
                 QObject* parent = nullptr);

    /**
     * join_room from participant @p id (idempotent): checks too_many_rooms, the rooms
     * cap and the store's availability (server_busy, MessageStore::isAvailable()), makes the user a
     * member (user_joined to the others when new), and answers with the members and the history
     * once it is read (RoomJoiner: no gap, no overlap with the broadcasts that follow, which come
     * in @p format).
     */
    void join(quint64 id, const RequestParser::JoinRoom& request, WireFormat format,
              ChatReply<JoinAnswer> reply);
    /// leave_room: not_in_room unless joined; user_left "left" when the user's last
    /// connection leaves.
    void leave(quint64 id, const RequestParser::RoomOnly& request, ChatReply<LeaveAnswer> reply);
    /**
     * Every room that exists (members or stored history), sorted by name: the list_rooms
     * answer and GET /rooms.
     */
    QList<RoomSummary> summaries() const;
    /// list_rooms for participant @p id: summaries(), or rate_limited (requestBucket).
    void list(quint64 id, ChatReply<QList<RoomSummary>> reply);
    /// Rooms that exist: with members or stored history.
    int roomCount() const;

    /**
     * A cluster's members (may be null, the default: this process's only): join_room's
     * members and the summaries' counts then come from @p directory. Must outlive this.
     */
    void setMemberDirectory(const MemberDirectory* directory) { m_directory = directory; }

    /**
     * @p participant's session ended without leave_room (`41`, a drop): it leaves every room
     * as a drop does (presence grace period, then user_left "disconnected").
     */
    void dropAll(Participant& participant);
    /// @p participant is gone for good: no subscription or answer of its may remain.
    void forget(const Participant& participant);

private:
    void onGraceExpired(const QString& room, const Member& user);
    /// The history half of a join (RoomJoiner), answered with @p members.
    void startJoin(quint64 id, const QString& room, qint64 since, WireFormat format,
                   const QByteArray& members, ChatReply<JoinAnswer> reply);

    const ChatSettings m_settings;
    Participants* m_participants;
    MessageStore* m_store;
    RoomFanout* m_fanout;
    TypingRequests* m_typing;
    ServerMetrics* m_metrics;
    RoomRegistry m_registry;
    RoomJoiner m_joiner;
    PresenceThrottle m_presence;
    const MemberDirectory* m_directory = nullptr;
};
