#include "websocketframewriter.h"

#include <QChar>
#include <QString>

#include <cstring>

namespace {

constexpr quint8 FinBit = 0x80;

// UTF-8 length of @p text as QString::toUtf8() encodes it: a lone surrogate becomes '?'.
qsizetype utf8Length(QStringView text)
{
    const char16_t* units = text.utf16();
    const qsizetype size = text.size();
    qsizetype length = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = units[i];
        if (unit < 0x80) {
            length += 1;
        } else if (unit < 0x800) {
            length += 2;
        } else if (!QChar::isSurrogate(unit)) {
            length += 3;
        } else if (QChar::isHighSurrogate(unit) && i + 1 < size &&
                   QChar::isLowSurrogate(units[i + 1])) {
            length += 4;
            ++i;
        } else {
            length += 1;
        }
    }
    return length;
}

// Writes @p text as UTF-8 to @p out (exactly utf8Length(text) bytes); returns the end.
char* writeUtf8(QStringView text, char* out)
{
    const char16_t* units = text.utf16();
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = units[i];
        if (unit < 0x80) {
            *out++ = char(unit);
        } else if (unit < 0x800) {
            *out++ = char(0xC0 | (unit >> 6));
            *out++ = char(0x80 | (unit & 0x3F));
        } else if (!QChar::isSurrogate(unit)) {
            *out++ = char(0xE0 | (unit >> 12));
            *out++ = char(0x80 | ((unit >> 6) & 0x3F));
            *out++ = char(0x80 | (unit & 0x3F));
        } else if (QChar::isHighSurrogate(unit) && i + 1 < size &&
                   QChar::isLowSurrogate(units[i + 1])) {
            const char32_t codePoint = QChar::surrogateToUcs4(unit, units[++i]);
            *out++ = char(0xF0 | (codePoint >> 18));
            *out++ = char(0x80 | ((codePoint >> 12) & 0x3F));
            *out++ = char(0x80 | ((codePoint >> 6) & 0x3F));
            *out++ = char(0x80 | (codePoint & 0x3F));
        } else {
            *out++ = '?';
        }
    }
    return out;
}

} // namespace

int WebSocketFrameWriter::headerSize(qint64 payloadBytes)
{
    if (payloadBytes <= 125)
        return 2;
    if (payloadBytes <= 0xFFFF)
        return 4;
    return 10;
}

int WebSocketFrameWriter::writeHeader(char* out, WebSocketOpcode opcode, qint64 payloadBytes)
{
    Q_ASSERT(payloadBytes >= 0);
    out[0] = char(FinBit | quint8(opcode));
    const int size = headerSize(payloadBytes);
    if (size == 2) {
        out[1] = char(payloadBytes);
    } else if (size == 4) {
        out[1] = char(126);
        out[2] = char(payloadBytes >> 8);
        out[3] = char(payloadBytes);
    } else {
        out[1] = char(127);
        for (int i = 0; i < 8; ++i)
            out[2 + i] = char(quint64(payloadBytes) >> (8 * (7 - i)));
    }
    return size;
}

QByteArray WebSocketFrameWriter::header(WebSocketOpcode opcode, qint64 payloadBytes)
{
    char bytes[10];
    const int size = writeHeader(bytes, opcode, payloadBytes);
    return QByteArray(bytes, size);
}

QByteArray WebSocketFrameWriter::frame(WebSocketOpcode opcode, QByteArrayView payload)
{
    const int headerBytes = headerSize(payload.size());
    QByteArray result(headerBytes + payload.size(), Qt::Uninitialized);
    writeHeader(result.data(), opcode, payload.size());
    if (!payload.isEmpty())
        std::memcpy(result.data() + headerBytes, payload.data(), size_t(payload.size()));
    return result;
}

QByteArray WebSocketFrameWriter::textFrame(QStringView text)
{
    const qsizetype payloadBytes = utf8Length(text);
    const int headerBytes = headerSize(payloadBytes);
    QByteArray result(headerBytes + payloadBytes, Qt::Uninitialized);
    writeHeader(result.data(), WebSocketOpcode::Text, payloadBytes);
    char* end = writeUtf8(text, result.data() + headerBytes);
    Q_ASSERT(end == result.data() + result.size());
    Q_UNUSED(end);
    return result;
}

QByteArray WebSocketFrameWriter::closeFrame(quint16 code, QStringView reason)
{
    const QByteArray utf8 = reason.toUtf8();
    qsizetype reasonBytes = utf8.size();
    if (reasonBytes > MaxCloseReasonBytes) {
        // Cut before the code point that straddles the limit: step back over the
        // continuation bytes (10xxxxxx) of the first byte left out.
        reasonBytes = MaxCloseReasonBytes;
        while (reasonBytes > 0 && (quint8(utf8.at(reasonBytes)) & 0xC0) == 0x80)
            --reasonBytes;
    }
    char payload[2 + MaxCloseReasonBytes];
    payload[0] = char(code >> 8);
    payload[1] = char(code);
    if (reasonBytes > 0)
        std::memcpy(payload + 2, utf8.constData(), size_t(reasonBytes));
    return frame(WebSocketOpcode::Close, QByteArrayView(payload, 2 + reasonBytes));
}
