#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>

class DeliveryChannel;

/**
 * One client connection as the chat core sees it, whatever its transport (WebSocket,
 * long-polling, TLS or not) and dialect: frames out, a few ways to end, nothing else. The
 * gateway implements it for each dialect and turns what the client sends into calls on
 * ChatService, RoomRequests, MessageRequests and TypingRequests.
 *
 * Owned by the ChatService from ChatService::attach() on, which deletes it (deleteLater)
 * once the peer reported its end with ChatService::peerClosed(), or at once in
 * ChatService::closeAllNow(); deleting it drops the connection.
 */
class ChatPeer : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /**
     * Queues @p frame, a room broadcast already encoded in the WireFormat this peer
     * subscribed to that room with (EventEncoder). The same QByteArray goes to many peers.
     */
    virtual void sendFrame(const QByteArray& frame) = 0;
    /**
     * Where this peer's frames are written together with other peers' (see
     * DeliveryChannel), so that the fan-out hands a broadcast over once per channel; null
     * when the peer takes each frame through sendFrame(). Constant while the peer is
     * subscribed to any room.
     */
    virtual DeliveryChannel* deliveryChannel() const { return nullptr; }
    /// This peer's key in deliveryChannel(); 0 when it has none.
    virtual quint64 deliveryKey() const { return 0; }

    /// The client's address (log it at debug level only).
    virtual QHostAddress peerAddress() const = 0;
    /**
     * Ends the connection for the admin (a kick or ban): standard Socket.IO clients get
     * `41` first so that they do not come back by themselves; then the connection closes
     * with 1008 and @p reason. ChatService::peerClosed() follows.
     * @return false when the connection was already closing (nothing done).
     */
    virtual bool kick(const QString& reason) = 0;
    /**
     * Graceful shutdown (shared protocol, "Shutdown"): a `notice` shutting_down with
     * @p retryAfterMs, then the connection closes with 1001, never with a `41`.
     * ChatService::peerClosed() follows.
     */
    virtual void shutDown(qint64 retryAfterMs) = 0;
    /**
     * Why the connection ended, for the metrics: e.g. "ping timeout", "slow consumer";
     * empty when the peer went away.
     */
    virtual QString closeReason() const = 0;
};
