#pragma once

#include <QLoggingCategory>

// The operations library's logging categories (QT_LOGGING_RULES="chat.server.admin.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)   // chat.server.admin: the admin API (never the token)
Q_DECLARE_LOGGING_CATEGORY(lcProcess) // chat.server.process: signals, limits, memory
