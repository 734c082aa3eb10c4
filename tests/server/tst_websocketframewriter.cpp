// WebSocketFrameWriter: RFC 6455 §5.2 header sizes at the length boundaries, exact-size
// frames, UTF-8 text straight into the frame, close reasons cut at a code point boundary,
// and a round trip writer -> masked as a client would -> WebSocketFrameParser.

#include "websocketframeparser.h"
#include "websocketframewriter.h"
#include "websockettestframes.h"

#include <QTest>

using namespace WebSocketTestFrames;

class tst_WebSocketFrameWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerSizes_data()
    {
        QTest::addColumn<qint64>("payloadBytes");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("0") << qint64(0) << QByteArray::fromHex("8100");
        QTest::newRow("125") << qint64(125) << QByteArray::fromHex("817d");
        QTest::newRow("126") << qint64(126) << QByteArray::fromHex("817e007e");
        QTest::newRow("65535") << qint64(65535) << QByteArray::fromHex("817effff");
        QTest::newRow("65536") << qint64(65536) << QByteArray::fromHex("817f0000000000010000");
        QTest::newRow("2^40") << (qint64(1) << 40) << QByteArray::fromHex("817f0000010000000000");
    }

    void headerSizes()
    {
        QFETCH(qint64, payloadBytes);
        QFETCH(QByteArray, expected);
        QCOMPARE(WebSocketFrameWriter::header(WebSocketOpcode::Text, payloadBytes).toHex(),
                 expected.toHex());
        QCOMPARE(WebSocketFrameWriter::headerSize(payloadBytes), int(expected.size()));
    }

    void opcodeAndFin()
    {
        // FIN set, RSV clear, the opcode in the low nibble, the mask bit clear.
        QCOMPARE(WebSocketFrameWriter::header(WebSocketOpcode::Binary, 3).toHex(), "8203");
        QCOMPARE(WebSocketFrameWriter::header(WebSocketOpcode::Close, 2).toHex(), "8802");
        QCOMPARE(WebSocketFrameWriter::header(WebSocketOpcode::Ping, 0).toHex(), "8900");
        QCOMPARE(WebSocketFrameWriter::header(WebSocketOpcode::Pong, 125).toHex(), "8a7d");
    }

    void frameIsHeaderPlusPayload()
    {
        for (int size : {0, 1, 125, 126, 65535, 65536}) {
            const QByteArray payload(size, char('a' + size % 26));
            const QByteArray frame = WebSocketFrameWriter::frame(WebSocketOpcode::Binary, payload);
            QCOMPARE(frame, WebSocketFrameWriter::header(WebSocketOpcode::Binary, size) + payload);
            QCOMPARE(frame.capacity(), frame.size()); // one allocation of the exact size
        }
    }

    void textFrameEncodesUtf8_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("ascii") << QStringLiteral("Hello");
        QTest::newRow("two-byte") << QStringLiteral("café ñ");
        QTest::newRow("three-byte") << QStringLiteral("€ 日本語");
        QTest::newRow("four-byte") << QStringLiteral("😀 𝄞");
        QTest::newRow("lone high surrogate") << (QStringLiteral("a") + QChar(0xD800) + u'b');
        QTest::newRow("lone low surrogate") << (QString(QChar(0xDC00)) + u'c');
        QTest::newRow("high surrogate at end") << (QStringLiteral("d") + QChar(0xD83D));
        QTest::newRow("126 bytes") << QString(42, QChar(0x20AC));
        QTest::newRow("125 bytes") << (QString(41, QChar(0x20AC)) + u'x' + u'y');
        QTest::newRow("65536 bytes") << QString(32768, QChar(0xE9));
    }

    void textFrameEncodesUtf8()
    {
        QFETCH(QString, text);
        const QByteArray frame = WebSocketFrameWriter::textFrame(text);
        QCOMPARE(frame, WebSocketFrameWriter::frame(WebSocketOpcode::Text, text.toUtf8()));
        QCOMPARE(frame.capacity(), frame.size());
    }

    void closeFrame()
    {
        QCOMPARE(WebSocketFrameWriter::closeFrame(1000, u"").toHex(), "880203e8");
        QCOMPARE(WebSocketFrameWriter::closeFrame(4001, u"bye").toHex(), "88050fa1627965");
    }

    void closeReasonTruncated_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("reasonBytes");
        QTest::newRow("123 ascii") << QString(123, u'a') << 123;
        QTest::newRow("200 ascii") << QString(200, u'a') << 123;
        // 2-byte characters: 61 fit (122 bytes), the 62nd would straddle the limit.
        QTest::newRow("two-byte") << QString(100, QChar(0xE9)) << 122;
        // 3-byte characters: exactly 41 fit.
        QTest::newRow("three-byte") << QString(50, QChar(0x20AC)) << 123;
        // 4-byte characters: 30 fit (120 bytes).
        QString emoji;
        for (int i = 0; i < 40; ++i)
            emoji += QStringLiteral("😀");
        QTest::newRow("four-byte") << emoji << 120;
        QTest::newRow("ascii then four-byte") << (QString(121, u'a') + emoji) << 121;
    }

    void closeReasonTruncated()
    {
        QFETCH(QString, reason);
        QFETCH(int, reasonBytes);
        const QByteArray frame = WebSocketFrameWriter::closeFrame(1001, reason);
        QCOMPARE(frame.size(), 2 + 2 + reasonBytes);
        const QByteArray head = QByteArray("\x88") + char(2 + reasonBytes) + "\x03\xE9";
        QCOMPARE(frame.left(4).toHex(), head.toHex());
        const QByteArray reasonUtf8 = frame.mid(4);
        QVERIFY(reason.toUtf8().startsWith(reasonUtf8));
        QCOMPARE(QString::fromUtf8(reasonUtf8).toUtf8(), reasonUtf8); // whole code points
        // The parser accepts it.
        WebSocketFrameParser parser(1000);
        QList<WebSocketFrameParser::Message> out;
        QVERIFY(parser.feed(maskServerFrame(frame, RfcMask), &out));
        QCOMPARE(out.size(), 1);
        QCOMPARE(out[0].data, frame.mid(2));
    }

    void roundTrip()
    {
        const QByteArray mask = QByteArray::fromHex("a1b2c3d4");
        QList<QByteArray> stream;
        QStringList texts;
        QList<QByteArray> binaries;
        for (int size : {0, 1, 7, 8, 9, 125, 126, 127, 65535, 65536, 70001}) {
            const QString text = QString(size, QChar(u'a' + size % 26));
            texts.append(text);
            stream.append(maskServerFrame(WebSocketFrameWriter::textFrame(text), mask));
            QByteArray binary(size, Qt::Uninitialized);
            for (int i = 0; i < size; ++i)
                binary[i] = char(i * 7 + size);
            binaries.append(binary);
            stream.append(maskServerFrame(
                WebSocketFrameWriter::frame(WebSocketOpcode::Binary, binary), mask));
            stream.append(maskServerFrame(
                WebSocketFrameWriter::frame(WebSocketOpcode::Ping, binary.left(125)), mask));
        }
        stream.append(maskServerFrame(WebSocketFrameWriter::closeFrame(1000, u"done"), mask));

        WebSocketFrameParser parser(100000);
        QList<WebSocketFrameParser::Message> out;
        QVERIFY(parser.feed(stream.join(), &out));
        QCOMPARE(out.size(), stream.size());
        for (int i = 0; i < texts.size(); ++i) {
            QCOMPARE(out[3 * i].opcode, WebSocketOpcode::Text);
            QCOMPARE(QString::fromUtf8(out[3 * i].data), texts[i]);
            QCOMPARE(out[3 * i + 1].opcode, WebSocketOpcode::Binary);
            QCOMPARE(out[3 * i + 1].data, binaries[i]);
            QCOMPARE(out[3 * i + 2].opcode, WebSocketOpcode::Ping);
            QCOMPARE(out[3 * i + 2].data, binaries[i].left(125));
        }
        QCOMPARE(out.last().opcode, WebSocketOpcode::Close);
        QCOMPARE(out.last().data, QByteArray("\x03\xE8"
                                             "done"));
        QCOMPARE(parser.bufferedBytes(), qint64(0));
    }
};

QTEST_APPLESS_MAIN(tst_WebSocketFrameWriter)
#include "tst_websocketframewriter.moc"
