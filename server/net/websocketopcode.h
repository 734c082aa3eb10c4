#pragma once

#include <QtGlobal>

/**
 * WebSocket frame opcodes (RFC 6455 §5.2, "Base Framing Protocol", and §11.8). Values 0x3-0x7
 * and 0xB-0xF are reserved: a frame carrying one is a protocol error.
 */
enum class WebSocketOpcode : quint8 {
    Continuation = 0x0, ///< a further fragment of a data message (§5.4)
    Text = 0x1,         ///< data message of UTF-8 text (§5.6)
    Binary = 0x2,       ///< data message of arbitrary bytes (§5.6)
    Close = 0x8,        ///< control: close handshake, optional code + reason (§5.5.1)
    Ping = 0x9,         ///< control: answered by a Pong with the same payload (§5.5.2)
    Pong = 0xA,         ///< control: answer to a Ping, or unsolicited heartbeat (§5.5.3)
};

/// Whether @p opcode is a control opcode (Close, Ping, Pong: the high bit of the nibble set).
constexpr bool isControlOpcode(WebSocketOpcode opcode)
{
    return (quint8(opcode) & 0x8) != 0;
}
