#include "opslogging.h"

// Info and above by default; debug only when enabled through QT_LOGGING_RULES.
Q_LOGGING_CATEGORY(lcAdmin, "chat.server.admin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProcess, "chat.server.process", QtInfoMsg)
