#pragma once

#include "websocketopcode.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

/**
 * Builds server-to-client WebSocket frames (RFC 6455 §5.2): always final (FIN set), never
 * masked (§5.1: a server MUST NOT mask), no extensions (RSV bits 0). Pure: no I/O.
 *
 * Each complete frame is one QByteArray of exactly its size, built in one allocation, so a
 * broadcast frame encoded once can be shared by every recipient's send queue.
 */
class WebSocketFrameWriter
{
public:
    /// Largest Close reason in UTF-8 bytes: 125-byte control payload minus the 2-byte code.
    static constexpr qsizetype MaxCloseReasonBytes = 123;

    /**
     * Header of one final unmasked frame carrying @p payloadBytes bytes: 2 bytes for a length
     * up to 125, 4 bytes (16-bit length) up to 65535, else 10 bytes (64-bit length).
     * @p payloadBytes must be >= 0.
     */
    static QByteArray header(WebSocketOpcode opcode, qint64 payloadBytes);

    /// Length of header() for @p payloadBytes: 2, 4 or 10.
    static int headerSize(qint64 payloadBytes);

    /// header() followed by @p payload, in one allocation of the exact size.
    static QByteArray frame(WebSocketOpcode opcode, QByteArrayView payload);

    /**
     * A Text frame carrying @p text encoded as UTF-8 straight after the header, in one
     * allocation of the exact size. Lone surrogates become '?', as QString::toUtf8() does.
     */
    static QByteArray textFrame(QStringView text);

    /**
     * A Close frame (RFC 6455 §5.5.1): @p code as 2 bytes big-endian, then @p reason as UTF-8
     * truncated to at most MaxCloseReasonBytes at a code point boundary (a control payload is
     * at most 125 bytes, §5.5). @p code should be one a sender may use (§7.4.1: not 1005,
     * 1006 or 1015); it is not checked here.
     */
    static QByteArray closeFrame(quint16 code, QStringView reason);

private:
    /// Writes the header into @p out (room for 10 bytes); returns its length.
    static int writeHeader(char* out, WebSocketOpcode opcode, qint64 payloadBytes);
};
