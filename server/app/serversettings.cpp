#include "serversettings.h"

ConnectionLimits ServerSettings::connectionLimits(const ServerConfig& config)
{
    ConnectionLimits limits;
    limits.maxMessageBytes = config.maxPayloadBytes;
    limits.maxUnsentBytes = config.maxSendBufferBytes;
    limits.slowConsumerGraceMs = config.slowConsumerGraceMs;
    return limits;
}

ChatSettings ServerSettings::chat(const ServerConfig& config)
{
    ChatSettings settings;
    settings.presenceGraceMs = config.presenceGraceMs;
    settings.messageRate = config.messageRate;
    settings.messageBurst = config.messageBurst;
    settings.requestRate = config.requestRate;
    settings.requestBurst = config.requestBurst;
    settings.typingCost = config.typingCost;
    settings.typingTimeoutMs = config.typingTimeoutMs;
    settings.maxRoomsPerConnection = config.maxRoomsPerConnection;
    settings.maxRooms = config.maxRooms;
    settings.shutdownSpreadMs = config.shutdownSpreadMs;
    settings.shutdownDrainMs = config.shutdownDrainMs;
    return settings;
}

Gateway::Settings ServerSettings::gateway(const ServerConfig& config)
{
    Gateway::Settings settings;
    settings.engineIo.pingIntervalMs = config.pingIntervalMs;
    settings.engineIo.pingTimeoutMs = config.pingTimeoutMs;
    settings.engineIo.maxPayloadBytes = config.maxPayloadBytes;
    settings.socketIo.connectTimeoutMs = config.connectTimeoutMs;
    settings.socketIo.violationLimit = config.violationLimit;
    settings.socketIo.violationWindowMs = config.violationWindowMs;
    settings.json.pingIntervalMs = config.pingIntervalMs;
    settings.json.pingTimeoutMs = config.pingTimeoutMs;
    settings.json.violationLimit = config.violationLimit;
    settings.json.violationWindowMs = config.violationWindowMs;
    return settings;
}
