#pragma once

#include "chatsettings.h"
#include "connectionlimits.h"
#include "gateway.h"
#include "serverconfig.h"

/// Each layer's settings, taken from the one ServerConfig (units as there: ms, bytes).
class ServerSettings
{
public:
    /// Per-connection transport limits: maxPayload, send buffer, slow-consumer grace.
    static ConnectionLimits connectionLimits(const ServerConfig& config);
    /// The chat core's: presence grace, token buckets, typing, room caps, shutdown pacing.
    static ChatSettings chat(const ServerConfig& config);
    /// The gateway's: Engine.IO heartbeat and maxPayload, Socket.IO and /ws violations.
    static Gateway::Settings gateway(const ServerConfig& config);
};
