#pragma once

#include "ioworkerpool.h"
#include "localsocketpair.h"
#include "nativewebsocketconnection.h"
#include "websocketframewriter.h"
#include "websockettestframes.h"

#include <QTest>

#include <memory>

/**
 * The client end of one WebSocket stream adopted by an IoWorkerPool, over a socketpair:
 * adopt() hands the server end to the pool and starts reading; the test then writes client
 * frames and waits for the server's bytes (unmasked frames, comparable with
 * WebSocketFrameWriter::frame()).
 */
struct PoolClient
{
    LocalSocketPair sockets;
    QByteArray received;
    /// Owned here; null after release().
    std::unique_ptr<NativeWebSocketConnection> connection;

    /// Adopts the server end into @p pool with @p handshake as its first bytes, and reads.
    void adopt(IoWorkerPool& pool, const QByteArray& handshake = "HTTP/1.1 101\r\n\r\n")
    {
        connection.reset(
            pool.adopt(sockets.server, QHostAddress(QHostAddress::LocalHost), handshake));
        pool.startReading(connection.get(), {});
    }
    /// Writes a masked client Text frame with @p utf8.
    bool sendText(const QByteArray& utf8) const
    {
        return sockets.send(WebSocketTestFrames::finalFrame(0x1, utf8));
    }
    /// Waits until what the server has written contains @p expected (at most 5 s).
    bool waitFor(const QByteArray& expected)
    {
        return QTest::qWaitFor(
            [&] {
                received += sockets.receive();
                return received.contains(expected);
            },
            5000);
    }
    /// The server frame for text @p utf8.
    static QByteArray textFrame(const QByteArray& utf8)
    {
        return WebSocketFrameWriter::frame(WebSocketOpcode::Text, utf8);
    }
};
