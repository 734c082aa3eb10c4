#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

class QWebSocket;
class QWebSocketServer;

/**
 * A scripted Socket.IO server for client tests: Engine.IO open with configurable
 * heartbeat, optional pings, CONNECT answered with `40{"sid"}` and a `session` event, and
 * events passed to a handler whose return value (if any) is sent as the ack. Records the
 * CONNECT payloads and every event it receives. Not a chat server: tests script the rest.
 */
class FakeSocketIoServer : public QObject
{
    Q_OBJECT

public:
    struct ReceivedEvent
    {
        QString name;
        QJsonObject payload;
        qint64 ackId = -1;
    };
    /// Returns the ack's argument, or nullopt for no ack.
    using Handler =
        std::function<std::optional<QJsonValue>(const QString& name, const QJsonObject& payload)>;

    explicit FakeSocketIoServer(QObject* parent = nullptr);
    ~FakeSocketIoServer() override;

    /// Listens on 127.0.0.1:@p port (0 = any free port). @return false when it cannot.
    bool listen(quint16 port = 0);
    quint16 port() const;
    QString url() const;
    /// Stops listening and aborts every connection at once (a crashed server).
    void stop();

    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    /// When false the server never pings (a silent server).
    bool sendPings = true;
    /// When false CONNECT gets no answer.
    bool answerConnect = true;
    /// Handle emitted in `session`; the user id is "u_" + handle lower-cased.
    QString sessionHandle = QStringLiteral("Amber Otter");
    Handler handler;

    /// Sends `42["name",payload]` to every connected client.
    void emitToAll(const QString& name, const QJsonValue& payload);
    /// Sends raw Engine.IO text to every connected client.
    void sendRawToAll(const QString& frame);

    int connectionCount() const { return int(m_clients.size()); }
    /// CONNECT payloads received, in order (empty object for a bare `40`).
    QList<QJsonObject> connects;
    /// Events received, in order.
    QList<ReceivedEvent> events;
    /// The payloads of the events named @p name received, in order.
    QList<QJsonObject> payloadsOf(const QString& name) const;
    /// Number of pongs received.
    int pongs = 0;

Q_SIGNALS:
    void eventReceived(const QString& name, const QJsonObject& payload);

private:
    void onNewConnection();
    void onTextMessage(QWebSocket* client, const QString& text);

    QWebSocketServer* m_server;
    QList<QWebSocket*> m_clients;
    int m_sids = 0;
};
