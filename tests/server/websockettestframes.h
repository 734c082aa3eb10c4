#pragma once

// Client-to-server WebSocket frames built by hand for the codec tests (RFC 6455 §5.2):
// any first byte, any mask, any length encoding, so that tests can also build frames a
// correct client never sends.

#include <QByteArray>
#include <QByteArrayView>

namespace WebSocketTestFrames {

constexpr quint8 Fin = 0x80;
/// The masking key of the RFC 6455 §5.7 examples.
inline const QByteArray RfcMask = QByteArray("\x37\xfa\x21\x3d", 4);

/**
 * One client frame: @p first is the whole first byte (FIN, RSV, opcode); @p payload is
 * masked with @p mask (4 bytes; empty means an unmasked frame). @p lengthBytes picks the
 * length encoding: -1 the minimal one, 0 (7-bit), 2 (16-bit) or 8 (64-bit).
 */
inline QByteArray clientFrame(quint8 first, QByteArrayView payload,
                              const QByteArray& mask = RfcMask, int lengthBytes = -1)
{
    const quint64 size = quint64(payload.size());
    if (lengthBytes < 0)
        lengthBytes = size <= 125 ? 0 : size <= 0xFFFF ? 2 : 8;
    const quint8 maskBit = mask.isEmpty() ? 0 : 0x80;
    QByteArray frame;
    frame.append(char(first));
    frame.append(char(maskBit | (lengthBytes == 0 ? size : lengthBytes == 2 ? 126 : 127)));
    for (int i = lengthBytes - 1; i >= 0; --i)
        frame.append(char(size >> (8 * i)));
    frame.append(mask);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(mask.isEmpty() ? payload[i] : char(payload[i] ^ mask[i % 4]));
    return frame;
}

/// A final client frame with @p opcode (0x0-0xF) and @p payload, masked with RfcMask.
inline QByteArray finalFrame(quint8 opcode, QByteArrayView payload)
{
    return clientFrame(Fin | opcode, payload);
}

/**
 * Turns a server frame (unmasked, as WebSocketFrameWriter writes it) into the same frame
 * as a client sends it: mask bit set, @p mask inserted after the length, payload masked.
 */
inline QByteArray maskServerFrame(const QByteArray& serverFrame, const QByteArray& mask)
{
    const quint8 shortLength = quint8(serverFrame.at(1)) & 0x7F;
    const int headerBytes = 2 + (shortLength == 127 ? 8 : shortLength == 126 ? 2 : 0);
    QByteArray frame = serverFrame.left(headerBytes);
    frame[1] = char(quint8(frame[1]) | 0x80);
    frame.append(mask);
    for (qsizetype i = headerBytes; i < serverFrame.size(); ++i)
        frame.append(char(serverFrame[i] ^ mask[(i - headerBytes) % 4]));
    return frame;
}

} // namespace WebSocketTestFrames
