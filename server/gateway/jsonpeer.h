#pragma once

#include "chatpeer.h"
#include "violationwindow.h"

#include <QBasicTimer>
#include <QByteArrayList>
#include <QJsonObject>
#include <QList>
#include <QPointer>

class ChatService;
class ClientConnection;
class ServerMetrics;
struct ChatError;

/**
 * A client of the plain JSON WebSocket endpoint `/ws` as a chat participant (shared
 * protocol 1.1, "Plain JSON WebSocket: /ws"): one room per connection, every frame a UTF-8
 * JSON object with a "type", no Engine.IO or Socket.IO framing.
 *
 * On start: `{"type":"session",...}` then `{"type":"joined",...}` (the join_room answer,
 * with the recovery history when the URL carried `since`). Afterwards the room's broadcasts
 * arrive as WireFormat::Json frames. From the client: `{"type":"message","text","client_id"?}`
 * (a frame that is not a JSON object is the text of a message), `{"type":"typing","typing"}`
 * and `{"type":"history","before"?,"limit"?}`. A message's acknowledgement is its broadcast;
 * a retry of a stored client_id gets the original message back as that broadcast frame, to
 * this client only. Refusals are `{"type":"error","code","message","retry_after_ms"?,
 * "client_id"?}`; repeated invalid payloads close with 1008, as on Socket.IO.
 *
 * Heartbeat: a WebSocket Ping every pingInterval; no Pong within pingTimeout drops the
 * connection ("ping timeout"). Owns its transport.
 */
class JsonPeer : public ChatPeer
{
    Q_OBJECT

public:
    struct Settings
    {
        int pingIntervalMs = 25000; ///< ms between Ping frames
        int pingTimeoutMs = 20000;  ///< ms a Pong may take
        int violationLimit = 10;    ///< invalid payloads tolerated per window
        int violationWindowMs = 10000;
    };
    /// What the client asked for in the URL (`/ws?room=NAME&token=T&since=N`).
    struct Query
    {
        QString room = QStringLiteral("lobby"); ///< as given (validated by start())
        QString token;                          ///< empty: a new identity
        QString since;                          ///< empty: no recovery, else an integer >= 0
        /// Reads room, token and since from @p items (other keys are ignored).
        static Query fromItems(const QList<std::pair<QString, QString>>& items);
    };

    /**
     * @param transport the client's connection; ownership is taken.
     * @param channel   the delivery channel of the transport (its multicast), or null.
     * @p chat and @p metrics must outlive the peer.
     */
    JsonPeer(ChatService* chat, ClientConnection* transport, const Settings& settings,
             DeliveryChannel* channel, ServerMetrics* metrics, QObject* parent = nullptr);
    ~JsonPeer() override;

    /**
     * Starts the session as participant @p id: session, then the join of @p query's room. A
     * bad room name or `since` gets an `error` frame and a 1008 close.
     */
    void start(quint64 id, const Query& query);

    void sendFrame(const QByteArray& frame) override;
    DeliveryChannel* deliveryChannel() const override { return m_channel; }
    quint64 deliveryKey() const override;
    QHostAddress peerAddress() const override;
    bool kick(const QString& reason) override;
    void shutDown(qint64 retryAfterMs) override;
    QString closeReason() const override;

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    void onText(const QByteArray& utf8);
    void onDisconnected();
    void sendMessage(QJsonObject request);
    void sendTyping(QJsonObject request);
    void sendHistory(QJsonObject request);
    /// Sends `{"type":...}` with @p fields.
    void sendObject(const QString& type, QJsonObject fields);
    /// An `error` frame (with @p clientId when set); invalid payloads count as violations.
    void refuse(const ChatError& error, const QString& clientId = QString());
    void close(quint16 code, const QString& reason);

    ChatService* const m_chat;
    ClientConnection* const m_transport;
    const Settings m_settings;
    DeliveryChannel* const m_channel;
    ServerMetrics* const m_metrics;
    ViolationWindow m_violations;
    QBasicTimer m_pingTimer;
    QBasicTimer m_pongDeadline;
    quint64 m_id = 0;
    QString m_room; ///< canonical, once joined
    bool m_joined = false;
    QByteArrayList m_early; ///< frames received before the join was answered
    bool m_closing = false;
    QString m_closeReason;
};
