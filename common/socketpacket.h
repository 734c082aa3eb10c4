#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonValue>
#include <QString>

/**
 * One Socket.IO protocol v5 packet, the payload of an Engine.IO Message packet:
 * `<type>[<namespace>,][<ack id>][<JSON data>]`, e.g. `42["join_room",{"room":"lobby"}]`,
 * `421["send_message",{...}]`, `431[{"ok":true}]`, `40{"token":"..."}`, `44/x,{...}`.
 *
 * Pure value type: no I/O. Source of the rules: Socket.IO protocol v5, "Packet encoding".
 * Binary packets (types 5 and 6) are recognised but refused by decode().
 */
struct SocketPacket
{
    /// Socket.IO v5 packet types, with their wire digits.
    enum class Type : char {
        Connect = '0',
        Disconnect = '1',
        Event = '2',
        Ack = '3',
        ConnectError = '4',
        BinaryEvent = '5',
        BinaryAck = '6',
    };

    /// Largest ack id accepted (2^53 - 1, the largest integer a JavaScript client can count to).
    static constexpr qint64 MaxAckId = 9007199254740991LL;
    /// Deepest nesting of arrays and objects accepted in packet data (the outer array is 1).
    static constexpr int MaxJsonDepth = 32;

    Type type = Type::Event;
    /// Namespace; "/" is the default namespace and is omitted on the wire.
    QString nsp = QStringLiteral("/");
    /// Ack id, or -1 when the packet carries none.
    qint64 id = -1;
    /// Connect / ConnectError: an object or undefined; Event / Ack: an array; else undefined.
    QJsonValue data = QJsonValue(QJsonValue::Undefined);

    /**
     * Decodes a Socket.IO packet (the Engine.IO Message payload, without the leading "4").
     *
     * Strict: the type digit must be 0-6; a namespace must start with '/' and end at ',';
     * the ack id is at most 16 decimal digits and at most MaxAckId; the data must be JSON of
     * the shape the type requires (Event: a non-empty array whose first element is a string
     * event name; Ack: an array and an ack id; Connect: an object or nothing; Disconnect:
     * nothing). Binary packets are refused ("binary packets are not supported"), as are
     * raw control characters in JSON strings and nesting deeper than MaxJsonDepth ("packet
     * data is nested too deeply"). The size is bounded by the transport (maxPayload).
     *
     * @param payload the packet bytes (UTF-8).
     * @param out     receives the packet. On failure, out->type, out->nsp and out->id hold
     *                whatever was decoded before the error (id stays -1 if it was not
     *                reached), so that the caller can answer an Event with an error ack.
     * @param error   on failure, a one-line English reason.
     * @return false on any malformed input; never throws.
     */
    static bool decode(QByteArrayView payload, SocketPacket* out, QString* error);

    /// The wire form (without the Engine.IO "4" prefix).
    QByteArray encode() const;

    /// Event name of an Event packet (first array element), else an empty string.
    QString eventName() const;
    /// First argument after the event name, or undefined when there is none.
    QJsonValue eventArgument() const;

    /// An Event packet `2["name",argument]` on the default namespace (no ack id).
    static SocketPacket event(const QString& name, const QJsonValue& argument);
    /// An Ack packet `3<id>[argument]` on the default namespace.
    static SocketPacket ack(qint64 id, const QJsonValue& argument);
};
