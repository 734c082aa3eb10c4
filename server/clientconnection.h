#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QWebSocketProtocol>

/**
 * One client's message transport as the Engine.IO session sees it: whole text frames in
 * and out, no framing details. WebSocketConnection implements it over QWebSocket; tests
 * and later transports (e.g. HTTP long-polling) can provide others.
 */
class ClientConnection : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /**
     * Queues one text frame. The same QString can be passed to many connections: it is
     * implicitly shared, so a broadcast costs no copy here.
     * Does nothing once the connection is closing.
     */
    virtual void sendTextFrame(const QString& frame) = 0;
    /**
     * Starts a graceful close (RFC 6455 close frame with @p code and @p reason, at most 123
     * bytes of UTF-8) after the queued frames; disconnected() follows.
     */
    virtual void close(QWebSocketProtocol::CloseCode code, const QString& reason) = 0;
    /// Drops the connection at once, queued frames included; disconnected() follows.
    virtual void abort() = 0;
    /// Bytes queued but not yet written to the socket: the backpressure signal.
    virtual qint64 bytesToWrite() const = 0;
    /// The peer's address (log it at debug level only).
    virtual QHostAddress peerAddress() const = 0;
    /**
     * Why the transport itself dropped the connection (e.g. "slow consumer"), for the
     * metrics; empty when it did not (the peer left, or the session closed it).
     */
    virtual QString dropReason() const { return QString(); }

Q_SIGNALS:
    /// A complete text message arrived (valid UTF-8, at most the configured max payload).
    void textFrameReceived(const QString& frame);
    /// A complete binary message arrived; the chat protocol has no use for it.
    void binaryFrameReceived(const QByteArray& frame);
    /// The transport is gone; emitted once. The object may be deleted (deleteLater) then.
    void disconnected();
};
