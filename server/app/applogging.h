#pragma once

#include <QLoggingCategory>

// The server application's logging category: start-up, listening, shutdown.
Q_DECLARE_LOGGING_CATEGORY(lcServer) // chat.server.main
