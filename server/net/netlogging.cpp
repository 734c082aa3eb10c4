#include "netlogging.h"

// Info and above by default; debug only when enabled through QT_LOGGING_RULES.
Q_LOGGING_CATEGORY(lcNet, "chat.server.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "chat.server.http", QtInfoMsg)
