#pragma once

#include <QLoggingCategory>

// The chat core's logging categories. Enable debug output with e.g.
// QT_LOGGING_RULES="chat.server.rooms.debug=true". Message text and tokens are never
// logged; user ids at info, peer addresses at debug only.
Q_DECLARE_LOGGING_CATEGORY(lcSession)  // chat.server.session: connections, identities, shutdown
Q_DECLARE_LOGGING_CATEGORY(lcRooms)    // chat.server.rooms: membership, presence, fan-out
Q_DECLARE_LOGGING_CATEGORY(lcIdentity) // chat.server.identity: the token secret
