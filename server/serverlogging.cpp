#include "serverlogging.h"

// Info and above by default; debug only when enabled through QT_LOGGING_RULES.
Q_LOGGING_CATEGORY(lcServerNet, "chat.server.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerHttp, "chat.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerSession, "chat.server.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerRooms, "chat.server.rooms", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerStore, "chat.server.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerAdmin, "chat.server.admin", QtInfoMsg)
