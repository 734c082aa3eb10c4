#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QHostAddress>

/// A plain (non-TLS) WebSocket upgrade, accepted and detached from Qt's sockets.
struct NativeUpgrade
{
    int fd = -1;         ///< the connection (non-blocking, TCP_NODELAY); handler owns it
    QHostAddress peer;   ///< the client's address (forwarded by a trusted proxy, or TCP)
    QByteArray response; ///< the HTTP 101 head to send first (RFC 6455 §4.2.2)
    QByteArray input;    ///< bytes read past the request head (usually none)
    int endpoint = 0;    ///< HttpRoute::endpoint of the request
    HttpRequest request; ///< the upgrade request (e.g. for its query)
};
