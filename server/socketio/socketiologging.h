#pragma once

#include <QLoggingCategory>

// The Socket.IO library's logging category (QT_LOGGING_RULES="chat.server.socketio.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcSocketIo) // chat.server.socketio: CONNECT, events, violations
