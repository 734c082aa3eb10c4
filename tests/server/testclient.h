#pragma once

#include "enginehandshake.h"
#include "sessioninfo.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>

/**
 * A minimal Socket.IO client for server tests: a real QWebSocket over loopback, the
 * common codec for every packet, and a record of everything received. Waiting helpers run
 * the event loop until a frame satisfies them (no sleeps) and return false on timeout.
 */
class TestClient : public QObject
{
    Q_OBJECT

public:
    struct Event
    {
        QString name;
        QJsonValue argument;
    };

    explicit TestClient(QObject* parent = nullptr);

    /// ws://127.0.0.1:<port>/socket.io/?EIO=4&transport=websocket (wss:// after setTls(true))
    static QUrl socketUrl(quint16 port);
    /**
     * Makes every TestClient made afterwards, and httpRaw(), speak TLS (wss://, https://)
     * without verifying the certificate: for the suites' TLS runs against a server with a
     * test certificate. Default: plain.
     */
    static void setTls(bool on);
    static bool usesTls();

    struct HttpResult
    {
        int status = 0; ///< 0 when no valid response arrived
        QByteArray headers;
        QByteArray body;
    };
    /**
     * Sends @p rawRequest over a fresh TCP connection to 127.0.0.1:@p port and reads until
     * the server closes it.
     */
    static HttpResult httpRaw(quint16 port, const QByteArray& rawRequest);
    /// `GET <target> HTTP/1.1` with a Host header, through httpRaw().
    static HttpResult httpGet(quint16 port, const QByteArray& target);

    /// Opens the WebSocket and waits for the Engine.IO open packet.
    bool open(quint16 port);
    /**
     * open() plus CONNECT (`40`, or `40<auth>` when @p auth is not empty), waiting for the
     * `40{"sid"}` reply and the `session` event.
     */
    bool connectTo(quint16 port, const QJsonObject& auth = {});

    /// Sends `42<id>["name",payload]` and waits for the ack; returns its argument ({} on timeout).
    QJsonObject request(const QString& name, const QJsonValue& payload);
    /// Sends `42<id>["name",payload]` without waiting; returns the ack id.
    qint64 send(const QString& name, const QJsonValue& payload);
    /// Waits for the ack of @p ackId; returns its argument ({} on timeout).
    QJsonObject waitForAck(qint64 ackId);
    /// True when the ack of @p ackId has arrived.
    bool hasAck(qint64 ackId) const { return m_acks.contains(ackId); }
    /// Sends one raw text frame (no framing added).
    void sendRaw(const QString& frame);

    /// Waits until at least @p count events named @p name have arrived.
    bool waitForEvents(const QString& name, int count = 1, int timeoutMs = 5000);
    /// Arguments of received events named @p name, in arrival order.
    QList<QJsonObject> events(const QString& name) const;
    /// Every received event, in arrival order.
    const QList<Event>& allEvents() const { return m_events; }
    /// Every received text frame, raw.
    const QStringList& frames() const { return m_frames; }
    /// Waits until a raw frame equal to @p frame has arrived.
    bool waitForFrame(const QString& frame, int timeoutMs = 5000);

    /// Waits until the WebSocket is closed.
    bool waitForClosed(int timeoutMs = 5000);
    bool isClosed() const { return m_closed; }
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    QString closeReason() const { return m_socket.closeReason(); }
    /// Drops the TCP connection without a close frame (a client killed mid-session).
    void kill();

    /// Answer server pings `2` with `3` (default true).
    void setAutoPong(bool on) { m_autoPong = on; }
    int pingsReceived() const { return m_pings; }

    const EngineHandshake& handshake() const { return m_handshake; }
    const SessionInfo& session() const { return m_session; }
    QString socketId() const { return m_socketId; }
    QWebSocket* socket() { return &m_socket; }

    /**
     * Runs the event loop until @p predicate holds, re-checking after every received frame
     * and on close; false after @p timeoutMs.
     */
    bool waitUntil(const std::function<bool()>& predicate, int timeoutMs = 5000);

Q_SIGNALS:
    /// A frame arrived or the socket closed.
    void progressed();

private:
    void onText(const QString& frame);

    QWebSocket m_socket;
    bool m_opened = false;
    bool m_closed = false;
    bool m_autoPong = true;
    int m_pings = 0;
    qint64 m_nextAckId = 0;
    EngineHandshake m_handshake;
    SessionInfo m_session;
    bool m_hasSession = false;
    QString m_socketId;
    QString m_connectError;
    QStringList m_frames;
    QList<Event> m_events;
    QHash<qint64, QJsonObject> m_acks;
};
