#pragma once

#include <QLoggingCategory>

// The storage library's logging category (enable debug with
// QT_LOGGING_RULES="chat.server.store.debug=true"). Message text is never logged.
Q_DECLARE_LOGGING_CATEGORY(lcStore) // chat.server.store: message storage
