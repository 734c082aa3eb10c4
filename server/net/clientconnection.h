#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

class Multicast;

/**
 * One client's message transport as the layers above see it: whole text messages in and
 * out, as UTF-8, with no framing details. NativeWebSocketConnection implements it over our
 * own RFC 6455 streams on the I/O threads, QtWebSocketConnection over QWebSocket (TLS);
 * tests provide in-memory ones.
 *
 * Every implementation applies the same limits (ConnectionLimits): incoming messages over
 * the maximum payload close the connection with 1009, text that is not UTF-8 with 1007,
 * a peer that does not read is dropped by the SlowConsumerPolicy ("slow consumer"), and a
 * peer that does not answer a close frame within the close deadline is dropped.
 */
class ClientConnection : public QObject
{
    Q_OBJECT

public:
    /// How soon a message should be written relative to others queued in the same turn.
    enum class Urgency {
        Normal, ///< a room broadcast, a heartbeat
        Reply,  ///< an answer the client waits for: written before this turn's broadcasts
    };

    using QObject::QObject;

    /**
     * Queues one text message, @p utf8 (valid UTF-8). The same QByteArray can be passed to
     * many connections: it is implicitly shared, so a broadcast costs no copy here.
     * Does nothing once the connection is closing.
     */
    virtual void sendText(const QByteArray& utf8, Urgency urgency = Urgency::Normal) = 0;
    /**
     * Starts a graceful close (RFC 6455 close frame with @p code and @p reason, at most 123
     * bytes of UTF-8) after the queued messages; disconnected() follows, at the latest after
     * the close deadline.
     */
    virtual void close(quint16 code, const QString& reason) = 0;
    /// Drops the connection at once, queued messages included; disconnected() follows.
    virtual void abort() = 0;
    /**
     * Queues a WebSocket Ping control frame with an empty payload (RFC 6455 §5.5.2), for
     * protocols whose heartbeat is the WebSocket's own (the plain JSON endpoint `/ws`); the
     * peer's Pong comes back as pongReceived(). Does nothing once the connection is closing.
     */
    virtual void sendPing() = 0;
    /// Bytes queued but not yet written to the socket: the backpressure signal.
    virtual qint64 bytesToWrite() const = 0;
    /// The peer's address (log it at debug level only).
    virtual QHostAddress peerAddress() const = 0;
    /**
     * Why the transport itself dropped the connection (e.g. "slow consumer"), for the
     * metrics; empty when it did not (the peer left, or the layer above closed it).
     */
    virtual QString dropReason() const { return QString(); }

    /**
     * The shared send path of the I/O thread this connection lives on, through which one
     * message reaches many of its connections with one hand-over (see Multicast); null when
     * the connection has none (then each message goes through sendText()). Constant for the
     * connection's life.
     */
    virtual Multicast* multicast() const { return nullptr; }
    /// This connection's key in multicast(): 0 when it has none.
    virtual quint64 multicastKey() const { return 0; }

Q_SIGNALS:
    /// A complete text message arrived: valid UTF-8, at most the maximum payload.
    void textReceived(const QByteArray& utf8);
    /// A complete binary message arrived; the chat protocol has no use for it.
    void binaryReceived(const QByteArray& data);
    /// A Pong control frame arrived (the answer to sendPing(), or an unsolicited one).
    void pongReceived();
    /// The transport is gone; emitted once. The object may be deleted (deleteLater) then.
    void disconnected();
};
