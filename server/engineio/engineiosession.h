#pragma once

#include "clientconnection.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QString>

class QObject;

/**
 * The Engine.IO v4 state of one connection (Engine.IO protocol v4; shared protocol,
 * "Transport"), over a ClientConnection that carries one Engine.IO packet per text message
 * (the websocket transport, or a PollingConnection: then the session keeps the polling sid
 * and announces `"upgrades":["websocket"]`):
 * - sends the open packet first (`0{"sid",...,"upgrades":[],...}`), then a ping `2` every
 *   pingInterval, and closes the connection when no pong `3` arrives within pingTimeout;
 *   answers a client ping `2<x>` with `3<x>` (e.g. "probe");
 * - a message packet `4<data>` goes to Listener::engineMessage(); a close packet `1` closes
 *   the connection; anything else (an undecodable packet, open/upgrade/noop from the
 *   client, a binary message) to Listener::engineProtocolError(), and the connection stays.
 * Knows nothing of Socket.IO: SocketIoSession sits on top.
 *
 * Not a QObject, to keep a connection small (docs/benchmarks.md, "idle"): its owner passes
 * a context object, which receives the transport's signals on the session's behalf and
 * whose timerEvent() must offer each timer event to timerEvent() here.
 */
class EngineIoSession
{
public:
    struct Settings
    {
        int pingIntervalMs = 25000;  ///< Engine.IO pingInterval, ms
        int pingTimeoutMs = 20000;   ///< Engine.IO pingTimeout, ms
        int maxPayloadBytes = 65536; ///< announced maxPayload, bytes
    };

    /// What the session reports; called on the context's thread.
    class Listener
    {
    public:
        virtual ~Listener() = default;
        /// A message packet arrived: @p data is what followed the `4` (a Socket.IO packet).
        virtual void engineMessage(const QByteArray& data) = 0;
        /// Something the protocol does not allow arrived, @p reason says what.
        virtual void engineProtocolError(const QString& reason) = 0;
        /// The transport is gone (reported once).
        virtual void engineClosed() = 0;
    };

    /**
     * @param transport the connection; ownership is taken (deleted with the session).
     * @param listener  receives what the session reports; must outlive it.
     * @param context   the owner's QObject: connections and timers live on it; must outlive
     *                  the session.
     */
    EngineIoSession(ClientConnection* transport, const Settings& settings, Listener* listener,
                    QObject* context);
    /// Deletes the transport, which drops the connection if it is still open.
    ~EngineIoSession();
    EngineIoSession(const EngineIoSession&) = delete;
    EngineIoSession& operator=(const EngineIoSession&) = delete;

    /// Sends the open packet and starts the heartbeat.
    void start();

    /// The Engine.IO session id (`sid` of the open packet), 20 characters of [0-9A-Za-z].
    QString id() const { return m_id; }
    /// False once the transport is gone or closing.
    bool isOpen() const { return m_open; }
    /// The transport (owned by this session).
    ClientConnection* transport() const { return m_transport; }
    /**
     * Why the connection ended, for the metrics: the reason given to close() (e.g.
     * "ping timeout"), else what the transport says (e.g. "slow consumer"); empty when the
     * peer went away.
     */
    QString closeReason() const;

    /**
     * Queues one complete Engine.IO packet, @p packet as UTF-8 text (e.g. `42[...]` from
     * SocketIoEncoder); dropped once closed.
     */
    void send(const QByteArray& packet,
              ClientConnection::Urgency urgency = ClientConnection::Urgency::Normal);
    /**
     * Closes the transport with @p code and @p reason (a WebSocket close frame);
     * Listener::engineClosed() follows once the transport is gone.
     */
    void close(quint16 code, const QString& reason);

    /**
     * The heartbeat: the context's timerEvent() offers each timer id here.
     * @return true when @p timerId was one of the session's timers (handled).
     */
    bool timerEvent(int timerId);

private:
    void onText(const QByteArray& utf8);
    void onDisconnected();
    void stopTimers();

    ClientConnection* const m_transport;
    const Settings m_settings;
    Listener* const m_listener;
    QObject* const m_context;
    QString m_id;
    QString m_closeReason;
    bool m_open = true;
    bool m_offersWebSocket = false; ///< opened over polling: announce the upgrade
    // QBasicTimer, not QTimer: no QObject per timer (memory per idle connection).
    QBasicTimer m_pingTimer;
    QBasicTimer m_pongDeadline;
};
