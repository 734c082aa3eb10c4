#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/**
 * One Engine.IO protocol v4 packet as carried in a WebSocket text frame: a single ASCII
 * type digit followed by the payload ("2" is a ping, "4..." carries a Socket.IO packet).
 *
 * Pure value type: no I/O. Source of the rules: Engine.IO protocol v4, "Packet encoding".
 */
struct EnginePacket
{
    /// Engine.IO v4 packet types, with their wire digits.
    enum class Type : char {
        Open = '0',
        Close = '1',
        Ping = '2',
        Pong = '3',
        Message = '4',
        Upgrade = '5',
        Noop = '6',
    };

    Type type = Type::Noop;
    /// Everything after the type digit, unchanged (may be empty).
    QByteArray payload;

    /**
     * Decodes one text frame.
     * @param frame   the whole frame (UTF-8 bytes).
     * @param out     receives the packet on success; untouched on failure.
     * @param error   on failure, a one-line English reason (e.g. "empty Engine.IO packet").
     * @return false for an empty frame or a type digit outside 0-6; never throws.
     */
    static bool decode(QByteArrayView frame, EnginePacket* out, QString* error);

    /// The wire form: type digit followed by the payload.
    QByteArray encode() const;

    /// Shortcut for the wire form of a Message packet ("4" + @p socketPayload).
    static QByteArray encodeMessage(QByteArrayView socketPayload);
};
