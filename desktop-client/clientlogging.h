#pragma once

#include <QLoggingCategory>

// Logging categories of the chatclient library, info and above by default (enable debug
// with QT_LOGGING_RULES="chat.client.*.debug=true"). Message text and tokens are logged at
// debug level at most.
Q_DECLARE_LOGGING_CATEGORY(lcClientNet)     // chat.client.net: WebSocket, Engine.IO, Socket.IO
Q_DECLARE_LOGGING_CATEGORY(lcClientSession) // chat.client.session: identity, rooms, outbox
