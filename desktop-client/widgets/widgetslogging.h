#pragma once

#include <QLoggingCategory>

// Logging category of the chatclientwidgets library.
Q_DECLARE_LOGGING_CATEGORY(lcClientUi) // chat.client.ui: windows, dialogs, user actions
