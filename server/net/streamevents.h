#pragma once

#include <QByteArray>
#include <QString>

/**
 * What an IoWorker reports about its WebSocket streams, identified by the id they were
 * adopted with. Called on the worker's thread; the receiver (IoWorkerPool) forwards to the
 * thread that owns the matching NativeWebSocketConnection.
 */
class StreamEvents
{
public:
    virtual ~StreamEvents() = default;

    /// A complete text message (RFC 6455 data frames reassembled): @p utf8 is valid UTF-8.
    virtual void textReceived(quint64 id, const QByteArray& utf8) = 0;
    /// A complete binary message.
    virtual void binaryReceived(quint64 id, const QByteArray& data) = 0;
    /// A Pong control frame arrived (RFC 6455 §5.5.3).
    virtual void pongReceived(quint64 id) = 0;
    /**
     * The stream is gone (peer closed, closing handshake done, error, abort); reported
     * exactly once per stream. @p dropReason is set when the server dropped it on its own
     * (e.g. "slow consumer"), empty otherwise.
     */
    virtual void finished(quint64 id, const QString& dropReason) = 0;
};
