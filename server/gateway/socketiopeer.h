#pragma once

#include "chatpeer.h"
#include "socketiosession.h"
#include "wireformat.h"

#include <QJsonValue>

class ChatService;
class ServerMetrics;
struct ChatError;

/**
 * A Socket.IO client as a chat participant: the contract's events over a SocketIoSession
 * (shared protocol, "Client -> server events", "Server -> client events"). Each event's
 * payload is validated by RequestParser and handed to the chat core; its answer or refusal
 * comes back as the ack (or an `error` event when the client asked for no ack). Broadcasts
 * to this peer are frames of the WireFormat it joined the room with, passed through as
 * they are.
 *
 * The seed app's names are aliases (shared protocol 1.1): after CONNECT the client also
 * gets `connected`; `join`/`leave`/`message`/`test_message` work like join_room/leave_room/
 * send_message, answered with `joined`/`left`/`test_response` events (and the ack when one
 * was asked for); a room joined with `join` is delivered in WireFormat::SeedSocketIo.
 *
 * The one QObject of the connection above its transport: it holds the Socket.IO and
 * Engine.IO sessions by value and is their context (signals, timers).
 */
class SocketIoPeer : public ChatPeer, private SocketIoSession::Listener
{
    Q_OBJECT

public:
    /**
     * @param transport the client's connection; ownership is taken.
     * @param channel   the delivery channel of the transport (its multicast), or null.
     * @p chat and @p metrics must outlive the peer.
     */
    SocketIoPeer(ChatService* chat, ClientConnection* transport,
                 const EngineIoSession::Settings& engineSettings,
                 const SocketIoSession::Settings& socketSettings, DeliveryChannel* channel,
                 ServerMetrics* metrics, QObject* parent = nullptr);
    ~SocketIoPeer() override;

    /// Starts the session (open packet first) as participant @p id of the chat core.
    void start(quint64 id);

    void sendFrame(const QByteArray& frame) override;
    DeliveryChannel* deliveryChannel() const override { return m_channel; }
    quint64 deliveryKey() const override;
    QHostAddress peerAddress() const override;
    bool kick(const QString& reason) override;
    void shutDown(qint64 retryAfterMs) override;
    QString closeReason() const override;

protected:
    /// The sessions' timers.
    void timerEvent(QTimerEvent* event) override;

private:
    // SocketIoSession::Listener
    void socketConnected(const QJsonObject& auth) override;
    void socketEvent(const QString& name, const QJsonValue& argument, qint64 ackId) override;
    void socketDisconnected() override;
    void socketClosed() override;
    void invalidPayloadReplied() override;

    void joinRoom(const QJsonValue& payload, qint64 ackId);
    void leaveRoom(const QJsonValue& payload, qint64 ackId);
    void sendMessage(const QJsonValue& payload, qint64 ackId);
    void listRooms(const QJsonValue& payload, qint64 ackId);
    void history(const QJsonValue& payload, qint64 ackId);
    void typing(const QJsonValue& payload, qint64 ackId);
    // The seed app's names.
    void seedJoin(const QJsonValue& payload, qint64 ackId);
    void seedLeave(const QJsonValue& payload, qint64 ackId);
    void seedMessage(const QJsonValue& payload, qint64 ackId);
    void seedTestMessage(const QJsonValue& payload, qint64 ackId);
    void join(const QJsonValue& payload, qint64 ackId, WireFormat format);
    /// leave_room, or the seed app's `leave` (which answers `left` too) when @p seed.
    void leave(const QJsonValue& payload, qint64 ackId, bool seed);
    /// Acks @p ackId with @p payload, if the client asked for an ack.
    void ack(qint64 ackId, const QJsonObject& payload);
    void refuse(const ChatError& error, qint64 ackId);

    ChatService* const m_chat;
    SocketIoSession m_session;
    DeliveryChannel* const m_channel;
    ServerMetrics* const m_metrics;
    quint64 m_id = 0;
};
