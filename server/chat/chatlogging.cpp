#include "chatlogging.h"

// Info and above by default; debug only when enabled through QT_LOGGING_RULES.
Q_LOGGING_CATEGORY(lcSession, "chat.server.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRooms, "chat.server.rooms", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIdentity, "chat.server.identity", QtInfoMsg)
