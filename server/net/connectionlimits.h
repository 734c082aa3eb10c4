#pragma once

#include <QtGlobal>

/**
 * The limits every client transport applies, whichever path it takes (our WebSocket
 * streams on the I/O threads, QWebSocket for TLS): docs/security.md has the table.
 */
struct ConnectionLimits
{
    qint64 maxMessageBytes = 65536;  ///< largest incoming frame and message, bytes (over: 1009)
    qint64 maxUnsentBytes = 0;       ///< slow-consumer limit on unsent bytes; 0 = none
    int slowConsumerGraceMs = 10000; ///< how long unsent bytes may stay over it, ms
    int closeDeadlineMs = 3000;      ///< time a peer has to answer our close frame, ms
};
