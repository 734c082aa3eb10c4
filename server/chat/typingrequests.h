#pragma once

#include "chatreply.h"
#include "chatsettings.h"
#include "requestparser.h"
#include "typingexpiry.h"

#include <QObject>

class ChatPeer;
class Participants;
class RoomFanout;
class ServerMetrics;
struct Member;
struct Participant;

/**
 * The `typing` event family (shared protocol, "typing"): a member's indicator goes to the
 * others in the room, costs typingCost rate tokens, and ends by itself after
 * typingTimeoutMs (TypingExpiry) or when the member leaves or drops.
 */
class TypingRequests : public QObject
{
    Q_OBJECT

public:
    /// All pointers must outlive this object.
    TypingRequests(const ChatSettings& settings, Participants* participants, RoomFanout* fanout,
                   ServerMetrics* metrics, QObject* parent = nullptr);

    /**
     * `typing` from participant @p id: requires membership (not_in_room) and a rate token
     * share (rate_limited). Broadcasts `typing` to the room's other members.
     */
    void typing(quint64 id, const RequestParser::Typing& request, ChatReply<TypingAnswer> reply);

    /// Ends @p participant's indicator in @p room, if any (broadcasts `typing:false`).
    void stop(const Participant& participant, const QString& room);

private:
    void publish(const QString& room, const Member& user, bool typing, const ChatPeer* except);

    const ChatSettings m_settings;
    Participants* m_participants;
    RoomFanout* m_fanout;
    ServerMetrics* m_metrics;
    TypingExpiry m_expiry;
};
