#include "clusterlogging.h"

// Info and above by default; debug only when enabled through QT_LOGGING_RULES.
Q_LOGGING_CATEGORY(lcCluster, "chat.server.cluster", QtInfoMsg)
