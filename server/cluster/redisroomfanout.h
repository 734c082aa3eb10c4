#pragma once

#include "localroomfanout.h"

#include <QByteArray>

class RedisLink;
class RedisPresence;
class RedisRoomFeed;

/**
 * RoomFanout of a cluster node: every node delivers what any node stores or publishes to
 * its own subscribers, through Redis Pub/Sub (one pattern subscription per node, the
 * rooms' channels chat:r:ROOM), encoded once per wire format by the LocalRoomFanout
 * inside.
 * - Messages come from the RedisRoomFeed (in seq order, each once, this node's own ones
 *   included), so publish() of a ChatMessage delivers nothing more: the feed did it before
 *   the store acknowledged the append. It returns the room's local subscribers.
 * - Presence events go to RedisPresence, whose scripts publish user_joined / user_left
 *   cluster-wide ("e|*|j|JSON", "e|*|l|JSON") when a user's first node joins or last one
 *   leaves; every node, this one included, delivers what comes back.
 * - Typing events are delivered here at once and published as "e|NODE|t|JSON"; a node
 *   skips what carries its own node id.
 */
class RedisRoomFanout : public RoomFanout
{
public:
    /// @p commands, @p feed and @p presence must outlive the fan-out; @p nodeId is unique per
    /// process.
    RedisRoomFanout(RedisLink* commands, RedisRoomFeed* feed, RedisPresence* presence,
                    const QByteArray& nodeId);

    void subscribe(const QString& room, ChatPeer* peer, WireFormat format) override;
    void unsubscribe(const QString& room, ChatPeer* peer) override;
    int publish(const RoomEvent& event, const ChatPeer* except = nullptr) override;

    /// Subscribers of @p room on this node.
    int subscriberCount(const QString& room) const { return m_local.subscriberCount(room); }

    /**
     * The event of a payload another node published (after "e|"), or false when it is this
     * node's own or malformed. Exposed for the fuzzer and tests.
     */
    static bool decodeEvent(const QByteArray& payload, const QByteArray& ownNode, RoomEvent* out);
    /// The payload publish() sends for @p event (after "e|").
    static QByteArray encodeEvent(const RoomEvent& event, const QByteArray& node);

private:
    void onRemoteEvent(const QString& room, const QByteArray& payload);

    RedisLink* m_commands;
    RedisPresence* m_presence;
    LocalRoomFanout m_local;
    const QByteArray m_nodeId;
};
