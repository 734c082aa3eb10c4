#include "websocketframeparser.h"

#include <cstring>
#include <utility>

namespace {

constexpr quint16 ProtocolError = 1002;
constexpr quint16 InvalidPayload = 1007;
constexpr quint16 MessageTooBig = 1009;
constexpr int MaxControlPayload = 125;

// Unmasks @p size bytes from @p source into @p target (which may be @p source), RFC 6455
// §5.3: byte i is XORed with mask[i % 4]. Eight bytes at a time, then the tail.
void unmask(const char* source, char* target, qsizetype size, const char mask[4])
{
    char mask8[8];
    std::memcpy(mask8, mask, 4);
    std::memcpy(mask8 + 4, mask, 4);
    quint64 wideMask;
    std::memcpy(&wideMask, mask8, 8);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, source + i, 8);
        word ^= wideMask;
        std::memcpy(target + i, &word, 8);
    }
    for (; i < size; ++i)
        target[i] = char(source[i] ^ mask[i & 3]);
}

QByteArray unmasked(QByteArrayView payload, const char mask[4])
{
    QByteArray result(payload.size(), Qt::Uninitialized);
    unmask(payload.data(), result.data(), payload.size(), mask);
    return result;
}

// Decodes strict UTF-8 (RFC 3629: no overlongs, surrogates or code points over U+10FFFF,
// nothing truncated). A leading BOM is kept as U+FEFF: it is part of the message.
// RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isUtf8(QByteArrayView utf8)
{
    return utf8.isValidUtf8();
}

} // namespace

WebSocketFrameParser::WebSocketFrameParser(qint64 maxMessageBytes)
    : m_maxMessageBytes(maxMessageBytes)
{}

bool WebSocketFrameParser::isValidCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
           (code >= 3000 && code <= 4999);
}

bool WebSocketFrameParser::feed(QByteArrayView bytes, QList<Message>* out)
{
    if (failed())
        return false;
    if (!m_partial.isEmpty()) {
        const qsizetype used = continuePartial(bytes, out);
        if (used < 0)
            return false;
        bytes = bytes.sliced(used);
    }
    // m_partial is empty here unless every byte went into it.
    while (!bytes.isEmpty()) {
        Header header;
        const int headerBytes = parseHeader(bytes, &header);
        if (headerBytes < 0)
            return false;
        if (headerBytes == 0 || bytes.size() - headerBytes < header.payloadBytes) {
            // Grows with what arrives, never by the announced length.
            m_partial = bytes.toByteArray();
            break;
        }
        if (!handleFrame(header, bytes.sliced(headerBytes, header.payloadBytes), out))
            return false;
        bytes = bytes.sliced(headerBytes + header.payloadBytes);
    }
    return true;
}

qsizetype WebSocketFrameParser::continuePartial(QByteArrayView bytes, QList<Message>* out)
{
    qsizetype used = 0;
    Header header;
    int headerBytes = 0;
    // Completes the header a byte at a time (at most 14), never taking the next frame's bytes.
    while ((headerBytes = parseHeader(m_partial, &header)) == 0) {
        if (used == bytes.size())
            return used;
        m_partial.append(bytes[used++]);
    }
    if (headerBytes < 0)
        return -1;
    const qint64 frameBytes = headerBytes + header.payloadBytes;
    const qsizetype take =
        qsizetype(qMin(qint64(bytes.size() - used), frameBytes - m_partial.size()));
    m_partial.append(bytes.sliced(used, take));
    used += take;
    if (m_partial.size() < frameBytes)
        return used;
    const QByteArray frame = std::exchange(m_partial, QByteArray());
    if (!handleFrame(header, QByteArrayView(frame).sliced(headerBytes), out))
        return -1;
    return used;
}

int WebSocketFrameParser::parseHeader(QByteArrayView bytes, Header* header)
{
    if (bytes.isEmpty())
        return 0;
    const quint8 first = quint8(bytes[0]);
    if (first & 0x70)
        return fail(ProtocolError, "reserved bits set"), -1;
    const quint8 opcode = first & 0x0F;
    if (opcode > 0xA || (opcode > 0x2 && opcode < 0x8))
        return fail(ProtocolError, "reserved opcode"), -1;
    header->fin = (first & 0x80) != 0;
    header->opcode = WebSocketOpcode(opcode);
    const bool control = isControlOpcode(header->opcode);
    if (control && !header->fin)
        return fail(ProtocolError, "fragmented control frame"), -1;
    const bool inMessage = m_messageOpcode != WebSocketOpcode::Continuation;
    if (header->opcode == WebSocketOpcode::Continuation && !inMessage)
        return fail(ProtocolError, "continuation frame without a message"), -1;
    if (!control && header->opcode != WebSocketOpcode::Continuation && inMessage)
        return fail(ProtocolError, "new message inside a fragmented message"), -1;

    if (bytes.size() < 2)
        return 0;
    const quint8 second = quint8(bytes[1]);
    if (!(second & 0x80))
        return fail(ProtocolError, "unmasked client frame"), -1;
    const quint8 shortLength = second & 0x7F;
    const int lengthBytes = shortLength == 127 ? 8 : shortLength == 126 ? 2 : 0;
    if (bytes.size() < 2 + lengthBytes)
        return 0;
    quint64 length = shortLength;
    if (lengthBytes > 0) {
        length = 0;
        for (int i = 0; i < lengthBytes; ++i)
            length = (length << 8) | quint8(bytes[2 + i]);
    }
    if (length >> 63)
        return fail(ProtocolError, "64-bit length with the top bit set"), -1;
    if (control && length > MaxControlPayload)
        return fail(ProtocolError, "control frame over 125 bytes"), -1;
    if (qint64(length) > m_maxMessageBytes)
        return fail(MessageTooBig, "frame too big"), -1;
    if (!control && qint64(length) > m_maxMessageBytes - m_fragments.size())
        return fail(MessageTooBig, "message too big"), -1;

    const int headerBytes = 2 + lengthBytes + 4;
    if (bytes.size() < headerBytes)
        return 0;
    std::memcpy(header->mask, bytes.data() + 2 + lengthBytes, 4);
    header->payloadBytes = qint64(length);
    return headerBytes;
}

bool WebSocketFrameParser::handleFrame(const Header& header, QByteArrayView payload,
                                       QList<Message>* out)
{
    switch (header.opcode) {
    case WebSocketOpcode::Close:
        return handleClose(unmasked(payload, header.mask), out);
    case WebSocketOpcode::Ping:
    case WebSocketOpcode::Pong:
        out->append(Message{header.opcode, unmasked(payload, header.mask)});
        return true;
    case WebSocketOpcode::Continuation: {
        const qsizetype start = m_fragments.size();
        m_fragments.append(payload);
        unmask(m_fragments.data() + start, m_fragments.data() + start, payload.size(), header.mask);
        if (!header.fin)
            return true;
        const WebSocketOpcode opcode =
            std::exchange(m_messageOpcode, WebSocketOpcode::Continuation);
        QByteArray message = std::exchange(m_fragments, QByteArray());
        if (opcode == WebSocketOpcode::Text)
            return deliverText(std::move(message), out);
        out->append(Message{opcode, std::move(message)});
        return true;
    }
    case WebSocketOpcode::Text:
        if (header.fin) // unmasked straight into the message's only copy
            return deliverText(unmasked(payload, header.mask), out);
        break;
    case WebSocketOpcode::Binary:
        if (header.fin) {
            out->append(Message{header.opcode, unmasked(payload, header.mask)});
            return true;
        }
        break;
    }
    // First fragment of a data message.
    m_messageOpcode = header.opcode;
    m_fragments = unmasked(payload, header.mask);
    return true;
}

bool WebSocketFrameParser::deliverText(QByteArray utf8, QList<Message>* out)
{
    if (!isUtf8(utf8))
        return fail(InvalidPayload, "text message not UTF-8");
    out->append(Message{WebSocketOpcode::Text, std::move(utf8)});
    return true;
}

bool WebSocketFrameParser::handleClose(const QByteArray& payload, QList<Message>* out)
{
    if (payload.size() == 1)
        return fail(ProtocolError, "close payload of 1 byte");
    if (payload.size() >= 2) {
        const quint16 code = quint16((quint8(payload[0]) << 8) | quint8(payload[1]));
        if (!isValidCloseCode(code))
            return fail(ProtocolError, "invalid close code");
        if (!isUtf8(QByteArrayView(payload).sliced(2)))
            return fail(InvalidPayload, "close reason not UTF-8");
    }
    out->append(Message{WebSocketOpcode::Close, payload});
    return true;
}

bool WebSocketFrameParser::fail(quint16 code, const char* reason)
{
    m_errorCode = code;
    m_errorReason = QString::fromLatin1(reason);
    m_partial = QByteArray();
    m_fragments = QByteArray();
    m_messageOpcode = WebSocketOpcode::Continuation;
    return false;
}
