#pragma once

#include "roomevent.h"
#include "wireformat.h"

#include <QString>

class ChatPeer;

/**
 * Delivers room events to the peers subscribed to a room, each in the wire format it
 * subscribed with: encoded once per format present in the room, never per recipient.
 * LocalRoomFanout delivers within this process; a cluster bus (Redis) would publish to
 * every node and deliver to each node's local subscribers.
 */
class RoomFanout
{
public:
    virtual ~RoomFanout() = default;

    /**
     * Adds @p peer to @p room's recipients with @p format (idempotent; a second call with
     * another format switches it). The peer must unsubscribe before it is destroyed.
     */
    virtual void subscribe(const QString& room, ChatPeer* peer, WireFormat format) = 0;
    /// Removes @p peer from @p room's recipients (idempotent).
    virtual void unsubscribe(const QString& room, ChatPeer* peer) = 0;
    /**
     * Sends @p event to every recipient of its room except @p except (may be null).
     * @return the number of local recipients it was queued for.
     */
    virtual int publish(const RoomEvent& event, const ChatPeer* except = nullptr) = 0;
};
