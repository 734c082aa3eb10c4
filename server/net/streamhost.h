#pragma once

#include "websocketopcode.h"

#include <QByteArray>
#include <QString>

class WebSocketStream;

/**
 * What a WebSocketStream needs from the I/O thread that owns it (IoWorker implements it):
 * a shared read buffer, a once-per-turn flush, the close deadline, and somewhere to report
 * messages and its end. Keeps the stream free of the worker's type.
 */
class StreamHost
{
public:
    /// Size of the shared read buffer, bytes (one per thread, not per connection).
    static constexpr int ReadBufferBytes = 64 * 1024;

    virtual ~StreamHost() = default;

    /// The thread's read buffer, ReadBufferBytes long; valid during one read.
    virtual char* readBuffer() = 0;
    /// A complete data message of @p stream: Text (valid UTF-8) or Binary.
    virtual void messageReceived(WebSocketStream* stream, WebSocketOpcode opcode,
                                 const QByteArray& payload) = 0;
    /// @p stream queued bytes: flush it once, at the start of the next event-loop turn.
    virtual void scheduleFlush(WebSocketStream* stream) = 0;
    /// @p stream sent a close frame: drop it if the peer does not answer in time.
    virtual void watchClosing(WebSocketStream* stream) = 0;
    /**
     * @p stream is done (peer gone, handshake done, error): close it, report it once with
     * @p dropReason (empty unless the server dropped it on its own) and delete it outside
     * of its own handlers.
     */
    virtual void finish(WebSocketStream* stream, const QString& dropReason) = 0;
};
