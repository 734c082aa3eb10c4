// libFuzzer target: the WebSocket codec (RFC 6455). Input: byte 0 picks where the stream
// is cut in two, byte 1 the parser's size limit, the rest is a client byte stream. Checks,
// beyond "no crash, no leak, no undefined behaviour", that feeding the stream in one call,
// in two chunks and byte by byte gives the same messages and the same error; that an idle
// parser holds no memory; and that every message, written back by WebSocketFrameWriter and
// masked as a client would, parses to itself. The opening handshake's checks see the
// stream as an HTTP request too.

#include "httprequest.h"
#include "websocketframeparser.h"
#include "websocketframewriter.h"
#include "websockethandshake.h"

#include <QStringDecoder>

#include <cstdint>
#include <cstdlib>

namespace {

using Message = WebSocketFrameParser::Message;

struct Result
{
    QList<Message> messages;
    bool ok = true;
    quint16 errorCode = 0;
    QString errorReason;
};

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// Feeds @p chunks in order into a fresh parser.
Result parse(const QList<QByteArrayView>& chunks, qint64 maxMessageBytes)
{
    WebSocketFrameParser parser(maxMessageBytes);
    Result result;
    for (QByteArrayView chunk : chunks) {
        result.ok = parser.feed(chunk, &result.messages);
        // What is held is bounded by the limit: one partial frame plus one message.
        check(parser.bufferedBytes() <= 2 * maxMessageBytes + 14);
        if (parser.bufferedBytes() == 0)
            check(parser.allocatedBytes() == 0);
        if (!result.ok)
            break;
    }
    result.errorCode = parser.errorCode();
    result.errorReason = parser.errorReason();
    check(result.ok == !parser.failed());
    return result;
}

bool sameMessages(const QList<Message>& a, const QList<Message>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].opcode != b[i].opcode || a[i].data != b[i].data)
            return false;
    }
    return true;
}

void checkSame(const Result& a, const Result& b)
{
    check(a.ok == b.ok && a.errorCode == b.errorCode && a.errorReason == b.errorReason);
    check(sameMessages(a.messages, b.messages));
}

// A frame written by the server side, masked with @p mask as a client sends it.
QByteArray masked(const QByteArray& serverFrame, const char mask[4])
{
    const quint8 shortLength = quint8(serverFrame.at(1)) & 0x7F;
    const int headerBytes = 2 + (shortLength == 127 ? 8 : shortLength == 126 ? 2 : 0);
    QByteArray frame = serverFrame.left(headerBytes);
    frame[1] = char(quint8(frame[1]) | 0x80);
    frame.append(mask, 4);
    for (qsizetype i = headerBytes; i < serverFrame.size(); ++i)
        frame.append(char(serverFrame[i] ^ mask[(i - headerBytes) % 4]));
    return frame;
}

void checkRoundTrip(const QList<Message>& messages, qint64 maxMessageBytes)
{
    const char mask[4] = {'\x5a', '\x01', '\xff', '\x80'};
    QByteArray stream;
    for (const Message& message : messages) {
        if (message.opcode == WebSocketOpcode::Text) {
            // What the parser accepts as UTF-8, Qt's strict decoder accepts too.
            QStringDecoder decoder(QStringDecoder::Utf8,
                                   QStringDecoder::Flag::Stateless |
                                       QStringDecoder::Flag::ConvertInitialBom);
            const QString decoded = decoder.decode(message.data);
            check(!decoder.hasError());
        }
        stream += masked(WebSocketFrameWriter::frame(message.opcode, message.data), mask);
    }
    const Result again = parse({stream}, maxMessageBytes);
    check(again.ok && sameMessages(again.messages, messages));
}

void checkHandshake(QByteArrayView bytes)
{
    (void)WebSocketHandshake::acceptKey(bytes);
    HttpRequest request;
    qsizetype headBytes = 0;
    if (HttpRequest::parseHead(bytes, 8192, &request, &headBytes) != HttpRequest::Parse::Complete)
        return;
    int status = 0;
    QByteArray reason;
    if (WebSocketHandshake::validate(request, &status, &reason))
        check(WebSocketHandshake::response(request).endsWith("\r\n\r\n"));
    else
        check((status == 400 || status == 426) && !reason.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    const QByteArrayView stream(reinterpret_cast<const char*>(data) + 2, qsizetype(size - 2));
    const qsizetype cut = stream.size() * data[0] / 255;
    const qint64 maxMessageBytes = 16 * (1 + qint64(data[1])); // 16 .. 4096 bytes

    const Result whole = parse({stream}, maxMessageBytes);
    checkSame(whole, parse({stream.first(cut), stream.sliced(cut)}, maxMessageBytes));
    if (stream.size() <= 1024) {
        QList<QByteArrayView> bytes;
        for (qsizetype i = 0; i < stream.size(); ++i)
            bytes.append(stream.sliced(i, 1));
        checkSame(whole, parse(bytes, maxMessageBytes));
    }
    checkRoundTrip(whole.messages, maxMessageBytes);
    checkHandshake(stream);
    return 0;
}
