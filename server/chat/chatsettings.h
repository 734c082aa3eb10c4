#pragma once

/**
 * The chat core's settings, with the contract's defaults (shared protocol; docs/security.md
 * for the limits). ChatServer fills it from ServerConfig; tests set what they need.
 */
struct ChatSettings
{
    int presenceGraceMs = 15000;   ///< how long a dropped user stays a member, ms (0: none)
    int presenceIntervalMs = 1000; ///< least time between two announced joins of a user, ms
    double messageRate = 2.0;      ///< send_message tokens per second; 0 = unlimited
    int messageBurst = 10;         ///< token bucket capacity; 0 = unlimited
    double typingCost = 0.2;       ///< tokens a `typing` event costs
    /// Other requests (join_room, leave_room, list_rooms, history, typing) per second; 0 =
    /// unlimited.
    double requestRate = 20.0;
    int requestBurst = 100;     ///< their bucket's capacity (a rejoin of every room at once fits)
    int typingTimeoutMs = 6000; ///< a `typing:true` expires after this, ms
    int maxRoomsPerConnection = 50; ///< over it: too_many_rooms
    int maxRooms = 10000;           ///< rooms with members at once; over it: server_busy
    int shutdownSpreadMs = 5000;    ///< notice retry_after_ms spread across clients, ms
    int shutdownDrainMs = 2000;     ///< longest wait for connections to go on shutdown, ms
};
