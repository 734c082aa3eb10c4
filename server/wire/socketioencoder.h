#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

struct ChatError;

/**
 * Builds complete outgoing Socket.IO frames as UTF-8 text: an Engine.IO message packet
 * ("4") around a Socket.IO packet of the default namespace, e.g. `42["message",{...}]` or
 * `43<id>[{...}]` (Socket.IO protocol v5, "Packet encoding"). The same bytes serve every
 * Engine.IO transport (a WebSocket text message, a long-polling payload record).
 *
 * Pure functions, no I/O. A broadcast is encoded once and the returned QByteArray,
 * implicitly shared, goes to every recipient: no per-recipient JSON.
 */
class SocketIoEncoder
{
public:
    /// `42["name",argument]`; an undefined @p argument is written as null.
    static QByteArray event(const QString& name, const QJsonValue& argument);
    /// event() with the argument already written: @p argumentJson is one complete compact
    /// JSON value.
    static QByteArray eventJson(const QString& name, const QByteArray& argumentJson);
    /// `43<ackId>[argument]`; @p ackId is echoed exactly (0 .. 2^53-1).
    static QByteArray ack(qint64 ackId, const QJsonValue& argument);
    /// ack() with the argument already written: @p argumentJson is one complete compact JSON
    /// value (QJsonDocument's, or JsonText's assembly of such).
    static QByteArray ackJson(qint64 ackId, const QByteArray& argumentJson);
    /**
     * The reply to a failed request: the error ack `{"ok":false,"error":{...}}` when the
     * request had an ack id (@p ackId >= 0), else an `error` event `{"code","message"}`
     * (shared protocol, "Error ack").
     */
    static QByteArray error(const ChatError& error, qint64 ackId);
};
