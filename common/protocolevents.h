#pragma once

#include <QLatin1StringView>

/**
 * Event names of the chat protocol (shared protocol, "Client -> server events" and
 * "Server -> client events"). None of them is a name standard Socket.IO clients reserve.
 */
namespace ProtocolEvents {

// Client -> server
inline constexpr QLatin1StringView JoinRoom{"join_room"};
inline constexpr QLatin1StringView LeaveRoom{"leave_room"};
inline constexpr QLatin1StringView SendMessage{"send_message"};
inline constexpr QLatin1StringView ListRooms{"list_rooms"};
inline constexpr QLatin1StringView History{"history"};
inline constexpr QLatin1StringView Typing{"typing"};

// Server -> client
inline constexpr QLatin1StringView Session{"session"};
inline constexpr QLatin1StringView Message{"message"};
inline constexpr QLatin1StringView UserJoined{"user_joined"};
inline constexpr QLatin1StringView UserLeft{"user_left"};
inline constexpr QLatin1StringView Error{"error"};
inline constexpr QLatin1StringView Notice{"notice"};

/// Number of messages a `join_room` without `since` answers with.
inline constexpr int DefaultHistory = 50;

} // namespace ProtocolEvents
