#pragma once

#include <QLoggingCategory>

// The Engine.IO library's logging category (QT_LOGGING_RULES="chat.server.engineio.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcEngineIo) // chat.server.engineio: Engine.IO sessions, heartbeats
