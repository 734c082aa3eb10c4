#pragma once

#include "clientconnection.h"
#include "engineiosession.h"
#include "violationwindow.h"

#include <QBasicTimer>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

class QObject;
struct ChatError;

/**
 * The Socket.IO v5 state of one connection, default namespace only (Socket.IO protocol v5;
 * shared protocol, "Transport"), over the EngineIoSession it owns:
 * - CONNECT (`40`, `40{}`, `40{"token":...}`) to "/" is answered `40{"sid":...}` (no pid)
 *   and reported with Listener::socketConnected(); another namespace gets
 *   `44<nsp>,{"message":"Invalid namespace"}`; `41` ends the Socket.IO session
 *   (Listener::socketDisconnected(), the Engine.IO session stays); no CONNECT within
 *   connectTimeoutMs closes the connection with 1008;
 * - EVENTs after CONNECT go to Listener::socketEvent(); everything malformed (codec errors,
 *   binary packets, EVENT before CONNECT, unexpected packet types, and what the Engine.IO
 *   session reports as protocol errors) is answered with an `error` event, or an error ack
 *   when an ack id was read, and counted: more than violationLimit within violationWindowMs
 *   closes the connection with 1008 ("too many protocol errors").
 * The session never sends `41` on its own and never emits a name standard clients reserve.
 *
 * Not a QObject (see EngineIoSession): the owner's context object carries the connections
 * and timers, and its timerEvent() offers each timer event to timerEvent() here.
 */
class SocketIoSession : private EngineIoSession::Listener
{
public:
    struct Settings
    {
        int connectTimeoutMs = 45000;  ///< CONNECT deadline after the open packet, ms
        int violationLimit = 20;       ///< protocol violations tolerated per window
        int violationWindowMs = 60000; ///< window for violationLimit, ms
    };

    /// What the session reports; called on the context's thread.
    class Listener
    {
    public:
        virtual ~Listener() = default;
        /// A CONNECT to "/" was accepted (`40{"sid"}` already sent); @p auth is its data or {}.
        virtual void socketConnected(const QJsonObject& auth) = 0;
        /// An EVENT: name, first argument (undefined when absent), ack id (-1 when none).
        virtual void socketEvent(const QString& name, const QJsonValue& argument, qint64 ackId) = 0;
        /// The client sent `41`: its Socket.IO session ended, the connection may stay open.
        virtual void socketDisconnected() = 0;
        /// The connection is gone (reported once).
        virtual void socketClosed() = 0;
        /// An invalid_payload reply was sent (for metrics).
        virtual void invalidPayloadReplied() = 0;
    };

    /**
     * @param transport the connection; ownership is taken.
     * @param listener  receives what the session reports; must outlive it.
     * @param context   the owner's QObject (see the class comment); must outlive it.
     */
    SocketIoSession(ClientConnection* transport, const EngineIoSession::Settings& engineSettings,
                    const Settings& settings, Listener* listener, QObject* context);
    ~SocketIoSession() override;

    /// Starts the Engine.IO session (open packet, heartbeat) and the CONNECT deadline.
    void start();

    /// The Engine.IO session (owned).
    const EngineIoSession& engine() const { return m_engine; }
    /// Socket.IO socket id of the current CONNECT; empty before it.
    QString socketId() const { return m_socketId; }
    /// True between an accepted CONNECT and `41` or the end of the connection.
    bool isSocketConnected() const { return m_socketConnected; }
    /// False once the connection is gone or closing.
    bool isOpen() const { return m_engine.isOpen(); }

    /// Queues one complete frame (SocketIoEncoder output); dropped once closed.
    void send(const QByteArray& frame,
              ClientConnection::Urgency urgency = ClientConnection::Urgency::Normal);
    /// Emits event @p name (not a reserved name) with @p argument.
    void emitEvent(const QString& name, const QJsonValue& argument);
    /// Acknowledges ack id @p ackId with @p argument; does nothing when @p ackId < 0.
    void sendAck(qint64 ackId, const QJsonValue& argument);
    /// sendAck() with the argument already written as compact JSON text.
    void sendAckJson(qint64 ackId, const QByteArray& argumentJson);
    /**
     * Replies to a failed request: error ack when @p ackId >= 0, else an `error` event.
     * An invalid_payload error counts as a protocol violation.
     */
    void replyError(const ChatError& error, qint64 ackId);
    /**
     * Ends the Socket.IO session from the server's side: sends `41` (standard clients then
     * do not reconnect by themselves) if a CONNECT was accepted.
     */
    void disconnectSocket();
    /// Closes the connection with @p code and @p reason (never a `41`); socketClosed() follows.
    void close(quint16 code, const QString& reason);

    /**
     * The CONNECT deadline and the Engine.IO heartbeat: the context's timerEvent() offers
     * each timer id here. @return true when it was one of the session's timers.
     */
    bool timerEvent(int timerId);

private:
    // EngineIoSession::Listener
    void engineMessage(const QByteArray& data) override;
    void engineProtocolError(const QString& reason) override;
    void engineClosed() override;

    void protocolError(const QString& reason, qint64 ackId = -1);

    EngineIoSession m_engine;
    const Settings m_settings;
    Listener* const m_listener;
    QObject* const m_context;
    QString m_socketId;
    bool m_socketConnected = false;
    QBasicTimer m_connectDeadline;
    ViolationWindow m_violations;
};
