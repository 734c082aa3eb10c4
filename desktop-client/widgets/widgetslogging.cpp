#include "widgetslogging.h"

Q_LOGGING_CATEGORY(lcClientUi, "chat.client.ui", QtInfoMsg)
