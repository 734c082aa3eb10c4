#include "clientlogging.h"

Q_LOGGING_CATEGORY(lcClientNet, "chat.client.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientSession, "chat.client.session", QtInfoMsg)
