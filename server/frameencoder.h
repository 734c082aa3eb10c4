#pragma once

#include <QJsonValue>
#include <QString>

struct ChatError;

/**
 * Builds complete outgoing WebSocket text frames: Engine.IO message packet ("4") around a
 * Socket.IO packet, e.g. `42["message",{...}]` or `43<id>[{...}]`.
 *
 * A broadcast is encoded once with event() and the returned QString, implicitly shared, is
 * handed to every recipient: no per-recipient JSON (issue 7's hot-path rule).
 */
class FrameEncoder
{
public:
    /// `42["name",argument]`, default namespace, no ack id.
    static QString event(const QString& name, const QJsonValue& argument);
    /// `43<ackId>[argument]`; @p ackId is echoed exactly (0 .. 2^53-1).
    static QString ack(qint64 ackId, const QJsonValue& argument);
    /// ack() with the argument already written: @p argumentJson is one complete compact JSON
    /// value (QJsonDocument's, or JsonText's assembly of such).
    static QString ackJson(qint64 ackId, const QByteArray& argumentJson);
    /**
     * The reply to a failed request: the error ack `{"ok":false,"error":{...}}` when the
     * request had an ack id (@p ackId >= 0), else an `error` event `{"code","message"}`.
     */
    static QString error(const ChatError& error, qint64 ackId);
    /// Engine.IO packet without Socket.IO content, e.g. ping "2" or pong "3probe".
    static QString engine(char type, const QByteArray& payload = {});
};
