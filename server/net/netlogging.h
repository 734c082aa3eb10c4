#pragma once

#include <QLoggingCategory>

// The network library's logging categories. Enable debug output with e.g.
// QT_LOGGING_RULES="chat.server.net.debug=true". Peer addresses are logged at debug only.
Q_DECLARE_LOGGING_CATEGORY(lcNet)  // chat.server.net: sockets, WebSocket framing, I/O threads
Q_DECLARE_LOGGING_CATEGORY(lcHttp) // chat.server.http: the front door's HTTP routes
