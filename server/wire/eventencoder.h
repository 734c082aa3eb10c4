#pragma once

#include "roomevent.h"
#include "wireformat.h"

#include <QByteArray>

/**
 * Writes a RoomEvent in one WireFormat, as one complete text message (UTF-8) for the
 * transport. Pure functions, no I/O: the fan-out calls encode() once per format present in
 * a room, never per recipient.
 * - WireFormat::SocketIo: the contract's event in an Engine.IO message packet
 *   (`42["message",{...}]`, `42["user_joined",{...}]`, `42["typing",{...}]`).
 * - WireFormat::SeedSocketIo: as SocketIo, except that a message is the seed app's
 *   `42["message",{"room","message","username","timestamp","id","seq","user_id","ts"}]`
 *   with `timestamp` in ms since the epoch (shared protocol 1.1, "The seed app's Socket.IO
 *   event names").
 * - WireFormat::Json: the event's payload with the event name as `type`, e.g.
 *   `{"type":"message","room",...}` (shared protocol 1.1, "Plain JSON WebSocket: /ws").
 */
class EventEncoder
{
public:
    static QByteArray encode(WireFormat format, const RoomEvent& event);
    /**
     * The format whose encoding of @p event is byte for byte that of @p format (itself
     * when no other's is), so that the fan-out can reuse one frame for both: presence and
     * typing events are the same in SeedSocketIo as in SocketIo.
     */
    static WireFormat sameEncodingAs(WireFormat format, const RoomEvent& event);
    /// The Socket.IO event name of @p event: "message", "user_joined", "user_left", "typing".
    static QLatin1StringView eventName(const RoomEvent& event);
    /// The contract's payload of @p event (the `message` event's for a ChatMessage).
    static QJsonObject payload(const RoomEvent& event);
};
