// WebSocketFrameParser: RFC 6455 §5 client frames, incremental feeding at every split,
// fragmentation with interleaved control frames, every protocol error and its close code,
// limits decided from the header, and no memory held when idle.

#include "websocketframeparser.h"
#include "websockettestframes.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

using namespace WebSocketTestFrames;
using Message = WebSocketFrameParser::Message;

namespace {

constexpr qint64 Max = 1000;

QString describe(const Message& message)
{
    switch (message.opcode) {
    case WebSocketOpcode::Text:
        return QStringLiteral("text:") + QString::fromUtf8(message.data);
    case WebSocketOpcode::Binary:
        return QStringLiteral("binary:") + QString::fromLatin1(message.data.toHex());
    case WebSocketOpcode::Close:
        return QStringLiteral("close:") + QString::fromLatin1(message.data.toHex());
    case WebSocketOpcode::Ping:
        return QStringLiteral("ping:") + QString::fromLatin1(message.data.toHex());
    case WebSocketOpcode::Pong:
        return QStringLiteral("pong:") + QString::fromLatin1(message.data.toHex());
    default:
        return QStringLiteral("unexpected opcode %1").arg(int(message.opcode));
    }
}

QStringList describe(const QList<Message>& messages)
{
    QStringList result;
    for (const Message& message : messages)
        result.append(describe(message));
    return result;
}

// Feeds @p chunks one after the other; returns the messages, or "error <code>" last.
QStringList parse(const QList<QByteArray>& chunks, qint64 max = Max)
{
    WebSocketFrameParser parser(max);
    QList<Message> out;
    for (const QByteArray& chunk : chunks) {
        if (!parser.feed(chunk, &out))
            return describe(out) << QStringLiteral("error %1").arg(parser.errorCode());
    }
    if (parser.bufferedBytes() != 0)
        return describe(out) << QStringLiteral("incomplete");
    return describe(out);
}

QStringList parse(const QByteArray& bytes, qint64 max = Max)
{
    return parse(QList<QByteArray>{bytes}, max);
}

// A stream using every feature: single frames, a fragmented message with control frames
// between its fragments, empty frames, a 16-bit length, a close.
QByteArray sampleStream()
{
    return finalFrame(0x1, "Hello") + clientFrame(0x2, "\x01\x02") + finalFrame(0x9, "p1") +
           clientFrame(0x0, "\x03") + finalFrame(0xA, "") + clientFrame(Fin | 0x0, "\x04") +
           finalFrame(0x1, "") + clientFrame(0x1, "caf\xC3") + clientFrame(Fin, "\xA9!") +
           finalFrame(0x2, QByteArray(300, 'x')) +
           finalFrame(0x8, "\x03\xE8"
                           "bye");
}

const QStringList SampleMessages = {
    QStringLiteral("text:Hello"),
    QStringLiteral("ping:7031"),
    QStringLiteral("pong:"),
    QStringLiteral("binary:01020304"),
    QStringLiteral("text:"),
    QStringLiteral("text:café!"),
    QStringLiteral("binary:") + QString::fromLatin1(QByteArray(300, 'x').toHex()),
    QStringLiteral("close:03e8627965"),
};

} // namespace

class tst_WebSocketFrameParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfcExamples()
    {
        // RFC 6455 §5.7: a single-frame masked text message, verbatim.
        QCOMPARE(parse(QByteArray::fromHex("818537fa213d7f9f4d5158")),
                 QStringList{QStringLiteral("text:Hello")});
        // The same frame unmasked is a valid server frame but not a valid client frame.
        QCOMPARE(parse(QByteArray::fromHex("810548656c6c6f")),
                 QStringList{QStringLiteral("error 1002")});
        // A fragmented text message, a ping, and the masked pong, verbatim.
        QCOMPARE(parse(clientFrame(0x1, "Hel") + clientFrame(Fin, "lo")),
                 QStringList{QStringLiteral("text:Hello")});
        QCOMPARE(parse(finalFrame(0x9, "Hello")), QStringList{QStringLiteral("ping:48656c6c6f")});
        QCOMPARE(parse(QByteArray::fromHex("8a8537fa213d7f9f4d5158")),
                 QStringList{QStringLiteral("pong:48656c6c6f")});
        // 256 bytes (16-bit length) and 64 KiB (64-bit length) binary messages.
        const QByteArray b256(256, '\xAB'), b64k(65536, '\xCD');
        QVERIFY(finalFrame(0x2, b256).startsWith(QByteArray::fromHex("82fe0100")));
        QVERIFY(finalFrame(0x2, b64k).startsWith(QByteArray::fromHex("82ff0000000000010000")));
        QCOMPARE(parse(finalFrame(0x2, b256)),
                 QStringList{QStringLiteral("binary:") + QString::fromLatin1(b256.toHex())});
        QCOMPARE(parse(finalFrame(0x2, b64k), 65536),
                 QStringList{QStringLiteral("binary:") + QString::fromLatin1(b64k.toHex())});
    }

    void severalFramesInOneFeed() { QCOMPARE(parse(sampleStream()), SampleMessages); }

    void byteByByte()
    {
        const QByteArray stream = sampleStream();
        QList<QByteArray> chunks;
        for (char byte : stream)
            chunks.append(QByteArray(1, byte));
        QCOMPARE(parse(chunks), SampleMessages);
    }

    void splitAtEveryOffset()
    {
        const QByteArray stream = sampleStream();
        for (qsizetype at = 0; at <= stream.size(); ++at) {
            QCOMPARE(parse({stream.left(at), stream.mid(at)}), SampleMessages);
            // And a third cut further on, so that partial frames meet partial frames.
            const qsizetype second = at + (stream.size() - at) / 3;
            QCOMPARE(parse({stream.left(at), stream.mid(at, second - at), stream.mid(second)}),
                     SampleMessages);
        }
    }

    void unmaskingAtEveryLength()
    {
        // The 8-byte unmasking loop and its tail, at every alignment, with random masks.
        auto* random = QRandomGenerator::global();
        for (int size = 0; size <= 70; ++size) {
            QByteArray payload(size, Qt::Uninitialized), mask(4, Qt::Uninitialized);
            random->fillRange(reinterpret_cast<quint32*>(mask.data()), 1);
            for (char& byte : payload)
                byte = char(random->bounded(256));
            const QStringList expected{QStringLiteral("binary:") +
                                       QString::fromLatin1(payload.toHex())};
            QCOMPARE(parse(clientFrame(Fin | 0x2, payload, mask)), expected);
            // Offset by a few bytes in the stream too (unaligned source).
            const QByteArray ping = finalFrame(0x9, QByteArray(size % 7, 'p'));
            QCOMPARE(parse(ping + clientFrame(Fin | 0x2, payload, mask)).last(), expected.last());
        }
    }

    void nonMinimalLengthsAccepted()
    {
        for (int lengthBytes : {0, 2, 8}) {
            QCOMPARE(parse(clientFrame(Fin | 0x1, "Hi", RfcMask, lengthBytes)),
                     QStringList{QStringLiteral("text:Hi")});
            QCOMPARE(parse(clientFrame(Fin | 0xA, "Hi", RfcMask, lengthBytes)),
                     QStringList{QStringLiteral("pong:4869")});
        }
    }

    void textKeepsBom()
    {
        WebSocketFrameParser parser(Max);
        QList<Message> out;
        QVERIFY(parser.feed(finalFrame(0x1, "\xEF\xBB\xBFhi"), &out));
        QCOMPARE(out.size(), 1);
        QCOMPARE(out[0].data, QByteArray("\xEF\xBB\xBFhi")); // delivered as sent
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        const QByteArray start = clientFrame(0x1, "a"); // an unfinished text message

        QTest::newRow("unmasked") << clientFrame(Fin | 0x1, "a", QByteArray()) << 1002;
        QTest::newRow("rsv1") << finalFrame(0x40 | 0x1, "a") << 1002;
        QTest::newRow("rsv2") << finalFrame(0x20 | 0x2, "a") << 1002;
        QTest::newRow("rsv3") << finalFrame(0x10 | 0x9, "") << 1002;
        for (quint8 opcode : {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
            QTest::addRow("opcode %d", opcode) << finalFrame(opcode, "") << 1002;
        QTest::newRow("ping without fin") << clientFrame(0x9, "") << 1002;
        QTest::newRow("close without fin") << clientFrame(0x8, "") << 1002;
        QTest::newRow("ping of 126") << finalFrame(0x9, QByteArray(126, 'p')) << 1002;
        QTest::newRow("ping of 126 as 64-bit")
            << clientFrame(Fin | 0x9, QByteArray(126, 'p'), RfcMask, 8) << 1002;
        QTest::newRow("continuation first") << clientFrame(Fin, "a") << 1002;
        QTest::newRow("continuation after end")
            << finalFrame(0x1, "a") + clientFrame(0x0, "b") << 1002;
        QTest::newRow("text inside message") << start + finalFrame(0x1, "b") << 1002;
        QTest::newRow("binary inside message") << start + clientFrame(0x2, "b") << 1002;
        QTest::newRow("64-bit top bit") << QByteArray::fromHex("82ff8000000000000001") << 1002;
        QTest::newRow("frame too big") << finalFrame(0x2, QByteArray(Max + 1, 'x')) << 1009;
        QTest::newRow("message too big") << start + clientFrame(0x0, QByteArray(Max, 'x')) << 1009;
        QTest::newRow("truncated utf-8") << finalFrame(0x1, "ab\xE2\x82") << 1007;
        QTest::newRow("overlong utf-8") << finalFrame(0x1, "\xC0\xAF") << 1007;
        QTest::newRow("surrogate utf-8") << finalFrame(0x1, "\xED\xA0\x80") << 1007;
        QTest::newRow("above U+10FFFF") << finalFrame(0x1, "\xF4\x90\x80\x80") << 1007;
        QTest::newRow("bad utf-8 fragmented") << start + clientFrame(Fin, "\xFF") << 1007;
        QTest::newRow("close of 1 byte") << finalFrame(0x8, "\x03") << 1002;
        for (int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            const char payload[2] = {char(code >> 8), char(code)};
            QTest::addRow("close code %d", code)
                << finalFrame(0x8, QByteArrayView(payload, 2)) << 1002;
        }
        QTest::newRow("close reason not utf-8") << finalFrame(0x8, "\x03\xE8\xC3") << 1007;
    }

    void protocolErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        WebSocketFrameParser parser(Max);
        QList<Message> out;
        QVERIFY(!parser.feed(bytes, &out));
        QVERIFY(parser.failed());
        QCOMPARE(int(parser.errorCode()), code);
        QVERIFY(!parser.errorReason().isEmpty());
        QCOMPARE(parser.bufferedBytes(), qint64(0));
        QCOMPARE(parser.allocatedBytes(), qint64(0));
        // Failed for good: even a valid frame is refused and nothing is delivered.
        out.clear();
        QVERIFY(!parser.feed(finalFrame(0x1, "ok"), &out));
        QVERIFY(out.isEmpty());
        QCOMPARE(int(parser.errorCode()), code);
        // Byte by byte, the same error.
        WebSocketFrameParser slow(Max);
        bool ok = true;
        for (qsizetype i = 0; i < bytes.size() && ok; ++i)
            ok = slow.feed(bytes.mid(i, 1), &out);
        QVERIFY(!ok);
        QCOMPARE(int(slow.errorCode()), code);
    }

    void validCloseCodes()
    {
        for (int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                         3000, 4000, 4999}) {
            const QByteArray payload = QByteArray(1, char(code >> 8)) + char(code) + "r\xC3\xA9";
            QCOMPARE(parse(finalFrame(0x8, payload)),
                     QStringList{QStringLiteral("close:") + QString::fromLatin1(payload.toHex())});
        }
        QCOMPARE(parse(finalFrame(0x8, "")), QStringList{QStringLiteral("close:")});
    }

    void messagesBeforeAnErrorAreDelivered()
    {
        QCOMPARE(parse(finalFrame(0x1, "one") + finalFrame(0x9, "") + finalFrame(0x3, "")),
                 (QStringList{QStringLiteral("text:one"), QStringLiteral("ping:"),
                              QStringLiteral("error 1002")}));
    }

    void limitsAreExact()
    {
        QCOMPARE(parse(finalFrame(0x2, QByteArray(Max, 'x'))).size(), 1);
        const QByteArray halves =
            clientFrame(0x1, QByteArray(Max / 2, 'x')) + clientFrame(Fin, QByteArray(Max / 2, 'y'));
        QCOMPARE(parse(halves), QStringList{QStringLiteral("text:") + QString(Max / 2, u'x') +
                                            QString(Max / 2, u'y')});
    }

    void tooBigDecidedFromTheHeader()
    {
        // Only the header of a frame of 1 MiB, and of 2^40 bytes: refused at once, nothing
        // buffered, before any payload arrives.
        for (const QByteArray& header : {QByteArray::fromHex("82ff000000000010000037fa213d"),
                                         QByteArray::fromHex("82ff000001000000000037fa213d"),
                                         QByteArray::fromHex("82ff0000010000000000")}) {
            WebSocketFrameParser parser(Max);
            QList<Message> out;
            QVERIFY(!parser.feed(header, &out));
            QCOMPARE(parser.errorCode(), quint16(1009));
            QCOMPARE(parser.bufferedBytes(), qint64(0));
        }
        // A continuation that would push the message over the limit, header only.
        WebSocketFrameParser parser(Max);
        QList<Message> out;
        QVERIFY(parser.feed(clientFrame(0x2, QByteArray(600, 'x')), &out));
        QCOMPARE(parser.bufferedBytes(), qint64(600));
        QVERIFY(!parser.feed(clientFrame(0x0, QByteArray(401, 'x')).left(8), &out));
        QCOMPARE(parser.errorCode(), quint16(1009));
        QCOMPARE(parser.bufferedBytes(), qint64(0));
    }

    void idleParserHoldsNoMemory()
    {
        WebSocketFrameParser parser(100000);
        QList<Message> out;
        QCOMPARE(parser.bufferedBytes(), qint64(0));
        QCOMPARE(parser.allocatedBytes(), qint64(0));
        const QByteArray big = finalFrame(0x2, QByteArray(50000, 'z'));
        QVERIFY(parser.feed(big.left(3), &out)); // partial header
        QCOMPARE(parser.bufferedBytes(), qint64(3));
        QVERIFY(parser.feed(big.mid(3, 20000), &out)); // partial payload
        QCOMPARE(parser.bufferedBytes(), qint64(20003));
        QVERIFY(parser.feed(QByteArray(big.mid(20003) + clientFrame(0x1, "ab")), &out));
        QCOMPARE(out.size(), 1);
        QCOMPARE(parser.bufferedBytes(), qint64(2)); // the unfinished message
        QVERIFY(parser.feed(clientFrame(Fin, "c"), &out));
        QCOMPARE(describe(out.last()), QStringLiteral("text:abc"));
        QCOMPARE(parser.bufferedBytes(), qint64(0));
        QCOMPARE(parser.allocatedBytes(), qint64(0));
        // Idle between the frames of a byte-by-byte stream, too.
        for (char byte : sampleStream())
            QVERIFY(parser.feed(QByteArray(1, byte), &out));
        QCOMPARE(parser.allocatedBytes(), qint64(0));
    }
};

QTEST_APPLESS_MAIN(tst_WebSocketFrameParser)
#include "tst_websocketframeparser.moc"
