#pragma once

#include "websocketopcode.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

/**
 * Incremental parser of client-to-server WebSocket frames (RFC 6455 §5). Pure: bytes in,
 * messages out, no I/O. One per connection; feed it whatever the socket delivered.
 *
 * Protocol rules (a violation fails the parser for good, with the close code to send):
 * - 1002: a client frame not masked (§5.1); RSV1-3 set (§5.2, no extension is ever
 *   negotiated); a reserved opcode (§5.2); a control frame without FIN or with more than 125
 *   payload bytes (§5.5); a Continuation with no message started, or a Text/Binary frame
 *   while a fragmented message is unfinished (§5.4); a 64-bit length with its top bit set
 *   (§5.2); a Close payload of 1 byte, or a close code not allowed on the wire (§7.4).
 * - 1007: a Text message or a Close reason that is not valid UTF-8 (§8.1).
 * - 1009: a frame, or a data message (all fragments together), over maxMessageBytes; decided
 *   from the frame header, before any of its payload is buffered.
 * Non-minimal length encodings are accepted. Control frames may arrive between the fragments
 * of a data message (§5.4) and are delivered at once.
 *
 * Memory: only an incomplete frame and an unfinished fragmented message are held between
 * calls; an idle parser holds no heap memory.
 */
class WebSocketFrameParser
{
public:
    /// One complete message, in the order the peer sent them.
    struct Message
    {
        /// Text, Binary, Close, Ping or Pong; a reassembled data message has its first
        /// frame's opcode.
        WebSocketOpcode opcode = WebSocketOpcode::Binary;
        /// Text: the whole message, validated UTF-8; Binary, Ping, Pong: the payload;
        /// Close: the raw close payload.
        QByteArray data;
    };

    /**
     * @param maxMessageBytes largest data message (all fragments together) and largest
     *                        frame, in payload bytes; > 0.
     */
    explicit WebSocketFrameParser(qint64 maxMessageBytes);

    /**
     * Parses @p bytes appended to what earlier calls left buffered, appending each complete
     * message to @p out in order. Frames complete inside @p bytes are unmasked straight
     * into their message; only an incomplete tail and an unfinished fragmented message are
     * buffered. Messages completed before a protocol error are still appended.
     * After a Close message the peer must send nothing more (§5.5.1): the caller should
     * stop feeding.
     * @return false once the peer broke the protocol (errorCode() and errorReason() say
     *         why); from then on every call returns false and does nothing.
     */
    bool feed(QByteArrayView bytes, QList<Message>* out);

    /// Whether a protocol error was found.
    bool failed() const { return m_errorCode != 0; }
    /// Close code to send after failure (RFC 6455 §7.4.1: 1002, 1007 or 1009); 0 if none.
    quint16 errorCode() const { return m_errorCode; }
    /// Short English text for the Close reason and logs, e.g. "unmasked client frame".
    QString errorReason() const { return m_errorReason; }

    /// Bytes held between calls (partial frame + unfinished fragments); 0 when idle.
    qint64 bufferedBytes() const { return m_partial.size() + m_fragments.size(); }
    /// Heap bytes the buffers have reserved (their capacity); 0 when idle.
    qint64 allocatedBytes() const { return m_partial.capacity() + m_fragments.capacity(); }

    /**
     * Whether @p code may appear in a Close frame on the wire (RFC 6455 §7.4.1, §7.4.2):
     * 1000-1003, 1007-1014 and 3000-4999.
     */
    static bool isValidCloseCode(quint16 code);

private:
    struct Header
    {
        bool fin = false;
        WebSocketOpcode opcode = WebSocketOpcode::Continuation;
        qint64 payloadBytes = 0;
        char mask[4] = {};
    };

    // Reads a frame header from the start of @p bytes, checking each rule as soon as the
    // bytes it needs are there. Returns the header's length, 0 when more bytes are needed,
    // or -1 after fail().
    int parseHeader(QByteArrayView bytes, Header* header);
    // Handles one complete frame whose masked payload is @p payload.
    bool handleFrame(const Header& header, QByteArrayView payload, QList<Message>* out);
    // Checks an unmasked Close payload (RFC 6455 §5.5.1, §7.4) and delivers it.
    bool handleClose(const QByteArray& payload, QList<Message>* out);
    // Delivers a complete Text message from its unmasked @p utf8; false on invalid UTF-8.
    bool deliverText(QByteArray utf8, QList<Message>* out);
    // Feeds the frame started in m_partial; returns the bytes of @p bytes it consumed, or -1.
    qsizetype continuePartial(QByteArrayView bytes, QList<Message>* out);
    bool fail(quint16 code, const char* reason);

    qint64 m_maxMessageBytes;
    QByteArray m_partial;   // an incomplete frame, still masked (header included)
    QByteArray m_fragments; // unmasked payload of an unfinished fragmented message
    WebSocketOpcode m_messageOpcode = WebSocketOpcode::Continuation; // Continuation: none
    quint16 m_errorCode = 0;
    QString m_errorReason;
};
