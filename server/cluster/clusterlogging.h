#pragma once

#include <QLoggingCategory>

// The cluster library's logging category (enable debug with
// QT_LOGGING_RULES="chat.server.cluster.debug=true"). Message text is never logged.
Q_DECLARE_LOGGING_CATEGORY(lcCluster) // chat.server.cluster: the Redis link, store and bus
