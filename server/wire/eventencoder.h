#pragma once

#include "roomevent.h"
#include "wireformat.h"

#include <QByteArray>

/**
 * Writes a RoomEvent in one WireFormat, as one complete text message (UTF-8) for the
 * transport: for WireFormat::SocketIo the event of the contract in an Engine.IO message
 * packet (`42["message",{...}]`, `42["user_joined",{...}]`, `42["typing",{...}]`).
 * Pure function, no I/O: the fan-out calls it once per format present in a room.
 */
class EventEncoder
{
public:
    static QByteArray encode(WireFormat format, const RoomEvent& event);
};
