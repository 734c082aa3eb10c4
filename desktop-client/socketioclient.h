#pragma once

#include "acktracker.h"
#include "reconnectbackoff.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QSslError;
class QWebSocket;
struct SocketPacket;

/**
 * A Socket.IO v5 client over Engine.IO v4, WebSocket transport only, default namespace.
 *
 * Owns one QWebSocket per connection attempt. Answers the server's heartbeat ping ("2")
 * with a pong ("3"), treats a server that stays silent for pingInterval + pingTimeout as
 * dead, and reconnects with ReconnectBackoff after every close it was not asked for (the
 * server never sends Socket.IO DISCONNECT to a session it wants resumed). Packets are
 * encoded and decoded with the common codec (EnginePacket, SocketPacket).
 * Source of the rules: shared protocol, "Transport".
 */
class SocketIoClient : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Offline,      ///< not connected and not trying (initial state, after close())
        Connecting,   ///< WebSocket or Socket.IO handshake under way
        Connected,    ///< Socket.IO CONNECT acknowledged; events may be emitted
        Reconnecting, ///< waiting for the next attempt (see reconnectAttempt())
    };
    Q_ENUM(State)

    /// Called once per emitEvent() with an ack callback (see AckTracker::Callback).
    using AckCallback = AckTracker::Callback;

    explicit SocketIoClient(QObject* parent = nullptr);
    ~SocketIoClient() override;

    /// Sets the server address (any form ServerEndpoint::fromAddress() accepts); used by the
    /// next open().
    void setServerUrl(const QString& serverUrl);
    QString serverUrl() const { return m_serverUrl; }

    /**
     * Sets the resume token sent in CONNECT (`40{"token":"..."}`); empty sends a bare `40`.
     * Takes effect at the next (re)connection.
     */
    void setAuthToken(const QString& token) { m_authToken = token; }
    QString authToken() const { return m_authToken; }

    /**
     * Pins the server's TLS certificate for wss:// (self-hosted servers with a self-signed
     * certificate): @p sha256 is the SHA-256 digest of the certificate (DER), 32 bytes.
     * With a pin, a certificate that fails verification against the system store is
     * accepted only if its digest matches, and a connection whose certificate does not
     * match is dropped even when the system store trusts it. Empty (the default): the
     * system store alone decides. Takes effect at the next (re)connection.
     */
    void setPinnedCertificateSha256(const QByteArray& sha256) { m_pinnedSha256 = sha256; }
    QByteArray pinnedCertificateSha256() const { return m_pinnedSha256; }

    /// Replaces the backoff (e.g. one with a fixed random source in tests).
    void setBackoff(const ReconnectBackoff& backoff) { m_backoff = backoff; }

    /// Milliseconds to wait for the WebSocket and Socket.IO handshakes (default 20000).
    void setConnectTimeoutMs(int ms) { m_connectTimeoutMs = ms; }

    /// Starts connecting (Connecting); reconnects automatically until close() is called.
    /// Does nothing when already connecting or connected.
    void open();

    /// Sends DISCONNECT if connected, closes the WebSocket and stops reconnecting (Offline).
    void close();

    /**
     * Closes the current connection as if it had dropped and reconnects at once (attempt
     * counter kept). Use when the network is known to have changed.
     */
    void reconnectNow();

    /**
     * Makes the next automatic reconnection wait @p delayMs instead of the backoff delay,
     * once; used for the server's `notice` shutting_down with retry_after_ms.
     */
    void deferNextReconnect(int delayMs) { m_deferredDelayMs = delayMs; }

    /**
     * Emits an EVENT `42[<id>]["name",payload]` on the default namespace.
     * @param callback when set, an ack id (counted from 0 per client) is added and the
     *                 callback runs once: with the ack's first argument, or with
     *                 acked=false when the connection closes first.
     * @return false (nothing sent, callback never called) unless state() is Connected.
     */
    bool emitEvent(const QString& name, const QJsonObject& payload, AckCallback callback = {});

    State state() const { return m_state; }

    /// 1-based number of the reconnection attempt being waited for or made; 0 when none.
    int reconnectAttempt() const { return m_backoff.attempts(); }

    /// Milliseconds until the next reconnection attempt while Reconnecting, else 0.
    int msUntilReconnect() const;

    /// Engine.IO session id of the current connection (from the open packet).
    QString engineSessionId() const { return m_engineSid; }

    /**
     * Round-trip time of the latest acknowledged event: from emitEvent() to its ack, in
     * milliseconds; -1 before the first ack. (The Engine.IO heartbeat cannot be timed by a
     * client: the server pings and the client only answers.)
     */
    int roundTripMs() const { return m_roundTripMs; }

Q_SIGNALS:
    /// The state changed; on Reconnecting, reconnectAttempt() and msUntilReconnect() are set.
    void stateChanged(SocketIoClient::State state);
    /// The server emitted event @p name with first argument @p argument (may be undefined).
    void eventReceived(const QString& name, const QJsonValue& argument);
    /// The server refused CONNECT (`44`); the client goes Offline.
    void connectErrorReceived(const QString& message);
    /// An ack arrived @p ms milliseconds after its event was emitted (see roundTripMs()).
    void roundTripMeasured(int ms);

private:
    void onTextMessageReceived(const QString& message);
    void onSocketConnected();
    void onSslErrors(const QList<QSslError>& errors);
    bool peerMatchesPin() const;
    void onSocketGone();
    void onDeadlineExpired();
    void onReconnectTimer();

    void startAttempt();
    void dropSocket();
    void handleEnginePayload(const QByteArray& frame);
    void handleSocketPacket(const SocketPacket& packet);
    void connectionLost(const char* why);
    void setState(State state);
    void sendFrame(const QByteArray& frame);

    QString m_serverUrl;
    QString m_authToken;
    QByteArray m_pinnedSha256;
    QPointer<QWebSocket> m_socket;
    State m_state = State::Offline;
    bool m_wantOpen = false;
    ReconnectBackoff m_backoff;
    int m_deferredDelayMs = -1;
    int m_connectTimeoutMs = 20000;
    int m_heartbeatDeadlineMs = 45000;
    QTimer m_deadline;       // connect timeout, then the heartbeat deadline
    QTimer m_reconnectTimer; // single shot: next attempt
    QString m_engineSid;
    AckTracker m_acks;
    int m_roundTripMs = -1;
};
