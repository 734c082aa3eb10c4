#include "clientlogging.h"

Q_LOGGING_CATEGORY(lcClientNet, "chat.client.net")
Q_LOGGING_CATEGORY(lcClientSession, "chat.client.session")
