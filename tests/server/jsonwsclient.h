#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QWebSocket>

/**
 * A client of the plain JSON WebSocket endpoint `/ws` over QWebSocket (which answers the
 * server's Ping frames by itself): every text frame it receives is kept as the JSON object
 * it holds, in order.
 */
class JsonWsClient : public QObject
{
    Q_OBJECT

public:
    explicit JsonWsClient(QObject* parent = nullptr);

    /**
     * Opens `ws://127.0.0.1:<port>/ws<query>` (@p query e.g. "?room=x&since=3", or "") and
     * waits for the `session` frame. @return false on a refusal or after 5 s.
     */
    bool open(quint16 port, const QString& query = {});
    /// open() and then waits for `joined`.
    bool join(quint16 port, const QString& query = {});
    /// Sends @p object as one compact JSON text frame.
    void send(const QJsonObject& object);
    /// Sends @p text as it is, one text frame.
    void sendText(const QString& text) { m_socket.sendTextMessage(text); }

    /// Frames of type @p type received so far, oldest first.
    QList<QJsonObject> frames(const QString& type) const;
    /// Every frame received so far, oldest first.
    const QList<QJsonObject>& allFrames() const { return m_frames; }
    /// Waits until @p count frames of type @p type have arrived (5 s).
    bool waitForFrames(const QString& type, int count = 1);
    /// Waits until the server closes the connection (5 s).
    bool waitForClosed();
    bool isClosed() const { return m_closed; }
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    QWebSocket* socket() { return &m_socket; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    bool m_closed = false;
};
