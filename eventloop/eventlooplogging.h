#pragma once

#include <QLoggingCategory>

// The event loop's logging category: chat.eventloop (dispatcher choice, kernel errors).
Q_DECLARE_LOGGING_CATEGORY(lcEventLoop)
