#pragma once

#include <QLatin1StringView>

/**
 * The seed app's Socket.IO event names, accepted beside the contract's own for clients
 * written for a Flask-SocketIO chat (shared protocol 1.1, "The seed app's Socket.IO event
 * names (aliases)"). `message` is both a client event here and the broadcast's name.
 */
namespace SeedEvents {

// Client -> server
inline constexpr QLatin1StringView Join{"join"};
inline constexpr QLatin1StringView Leave{"leave"};
inline constexpr QLatin1StringView Message{"message"};
inline constexpr QLatin1StringView TestMessage{"test_message"};

// Server -> client
inline constexpr QLatin1StringView Connected{"connected"};
inline constexpr QLatin1StringView Joined{"joined"};
inline constexpr QLatin1StringView Left{"left"};
inline constexpr QLatin1StringView TestResponse{"test_response"};

} // namespace SeedEvents
