#pragma once

#include <QLoggingCategory>

// The server's logging categories. Enable debug output with e.g.
// QT_LOGGING_RULES="chat.server.*.debug=true". Message text, tokens and peer addresses are
// logged at debug level only.
Q_DECLARE_LOGGING_CATEGORY(lcServerNet)     // chat.server.net: sockets, WebSocket framing
Q_DECLARE_LOGGING_CATEGORY(lcServerHttp)    // chat.server.http: the front door's HTTP routes
Q_DECLARE_LOGGING_CATEGORY(lcServerSession) // chat.server.session: Engine.IO/Socket.IO sessions
Q_DECLARE_LOGGING_CATEGORY(lcServerRooms)   // chat.server.rooms: membership, presence, fan-out
Q_DECLARE_LOGGING_CATEGORY(lcServerStore)   // chat.server.store: message storage, secrets
Q_DECLARE_LOGGING_CATEGORY(lcServerAdmin)   // chat.server.admin: the admin API (never the token)
