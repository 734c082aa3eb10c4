#pragma once

#include <QtGlobal>

/**
 * How a room's broadcasts are written for one subscriber: the dialect its client speaks.
 * A broadcast is encoded once per format present in the room (EventEncoder), never per
 * recipient.
 */
enum class WireFormat : quint8 {
    SocketIo,     ///< Socket.IO v5 events of the contract: `42["message",{...}]`
    SeedSocketIo, ///< Socket.IO, the seed app's names: `42["message",{"message","username",...}]`
    Json,         ///< the plain JSON endpoint `/ws`: `{"type":"message",...}`
};

/// Number of WireFormat values (for arrays indexed by format).
inline constexpr int WireFormatCount = 3;
