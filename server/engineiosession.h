#pragma once

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include <deque>

class ClientConnection;
struct ChatError;

/**
 * The Engine.IO v4 and Socket.IO v5 state of one connection (shared protocol, "Transport"):
 * - sends the Engine.IO open packet first, then `2` every pingInterval, and closes the
 *   connection when no `3` arrives within pingTimeout; answers a client ping `2<x>` with
 *   `3<x>` (e.g. "probe");
 * - CONNECT (`40`, `40{}`, `40{"token":...}`) to "/" is answered `40{"sid":...}` (no pid)
 *   and reported with socketConnected(); another namespace gets
 *   `44<nsp>,{"message":"Invalid namespace"}`; `41` ends the Socket.IO session
 *   (socketDisconnected(), the WebSocket stays); Engine.IO close `1` closes the connection;
 * - EVENTs after CONNECT become eventReceived(); everything malformed (codec errors,
 *   binary packets, binary frames, EVENT before CONNECT, unexpected packet types) is answered
 *   with an `error` event, or an error ack when an ack id was read, and counted: more than
 *   violationLimit within violationWindowMs closes the connection with 1008.
 * The session never sends `41` and never emits a name standard clients reserve.
 */
class EngineIoSession : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        int pingIntervalMs = 25000;    ///< Engine.IO pingInterval, ms
        int pingTimeoutMs = 20000;     ///< Engine.IO pingTimeout, ms
        int maxPayloadBytes = 65536;   ///< announced maxPayload, bytes
        int connectTimeoutMs = 45000;  ///< CONNECT deadline after the open packet, ms
        int violationLimit = 20;       ///< protocol violations tolerated per window
        int violationWindowMs = 60000; ///< window for violationLimit, ms
    };

    /**
     * @param connection the transport; ownership is taken (it becomes a child).
     */
    EngineIoSession(ClientConnection* connection, const Settings& settings,
                    QObject* parent = nullptr);
    ~EngineIoSession() override;

    /// Sends the open packet and starts the heartbeat and CONNECT deadline.
    void start();

    /// Engine.IO session id (from the open packet).
    QString engineId() const { return m_engineId; }
    /// Socket.IO socket id of the current CONNECT; empty before it.
    QString socketId() const { return m_socketId; }
    /// True between an accepted CONNECT and `41` or the end of the connection.
    bool isSocketConnected() const { return m_socketConnected; }
    /// False once the transport is gone or closing.
    bool isOpen() const { return m_open; }
    /// The transport (owned by this session).
    ClientConnection* connection() const { return m_connection; }
    /// The reason given to close(), e.g. "ping timeout"; empty when the peer went away.
    QString closeReason() const { return m_closeReason; }

    /// Queues a complete, pre-encoded frame (see FrameEncoder); dropped once closed.
    void sendFrame(const QString& frame);
    /// Emits event @p name with @p argument; @p name must not be a reserved name.
    void emitEvent(const QString& name, const QJsonValue& argument);
    /// Acknowledges ack id @p ackId with @p argument; does nothing when @p ackId < 0.
    void sendAck(qint64 ackId, const QJsonValue& argument);
    /**
     * Replies to a failed request: error ack when @p ackId >= 0, else an `error` event.
     * An invalid_payload error counts as a protocol violation.
     */
    void replyError(const ChatError& error, qint64 ackId);
    /**
     * Closes the WebSocket with @p code and @p reason (never a Socket.IO `41`); closed()
     * follows once the transport is gone.
     */
    void close(int code, const QString& reason);

Q_SIGNALS:
    /// A CONNECT to "/" was accepted (`40{"sid"}` already sent); @p auth is its data or {}.
    void socketConnected(const QJsonObject& auth);
    /// An EVENT: name, first argument (undefined when absent), ack id (-1 when none).
    void eventReceived(const QString& name, const QJsonValue& argument, qint64 ackId);
    /// The client sent `41`: its Socket.IO session ended, the transport may stay open.
    void socketDisconnected();
    /// The transport is gone (emitted once); the session can be deleted (deleteLater).
    void closed();
    /// An invalid_payload reply was sent (for metrics).
    void invalidPayloadReplied();

protected:
    /// The heartbeat, pong deadline and CONNECT deadline timers.
    void timerEvent(QTimerEvent* event) override;

private:
    void onTextFrame(const QString& frame);
    void onBinaryFrame();
    void onSocketPacket(const QByteArray& payload);
    void onDisconnected();
    void sendPing();
    void protocolError(const QString& reason, qint64 ackId = -1);

    ClientConnection* m_connection = nullptr;
    const Settings m_settings;
    QString m_engineId;
    QString m_socketId;
    QString m_closeReason;
    bool m_open = true;
    bool m_socketConnected = false;
    // QBasicTimer, not QTimer: no QObject per timer (memory per idle connection).
    QBasicTimer m_pingTimer;
    QBasicTimer m_pongDeadline;
    QBasicTimer m_connectDeadline;
    QElapsedTimer m_clock;
    std::deque<qint64> m_violations; ///< m_clock times of recent violations, ms
};
