// WebSocketStream: one WebSocket connection's I/O on a descriptor (RFC 6455 framing in,
// queued frames out with writev), over a socket pair and a host that records what it hears.

#include "localsocketpair.h"
#include "streamhost.h"
#include "websocketframewriter.h"
#include "websocketstream.h"
#include "websockettestframes.h"

#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace WebSocketTestFrames;

namespace {

constexpr qint64 MaxMessageBytes = 1024;

/// An IoWorker stand-in: records messages, flush requests, closing watches and finishes.
class RecordingHost : public StreamHost
{
public:
    struct Message
    {
        WebSocketOpcode opcode;
        QByteArray payload;
    };
    QList<Message> messages;
    int flushRequests = 0;
    int closingWatches = 0;
    int finishes = 0;
    QString dropReason;

    char* readBuffer() override { return m_buffer.get(); }
    void messageReceived(WebSocketStream*, WebSocketOpcode opcode,
                         const QByteArray& payload) override
    {
        messages.append({opcode, payload});
    }
    void scheduleFlush(WebSocketStream*) override { ++flushRequests; }
    void watchClosing(WebSocketStream*) override { ++closingWatches; }
    void finish(WebSocketStream* stream, const QString& reason) override
    {
        ++finishes;
        dropReason = reason;
        stream->shutDown(); // what IoWorker does before deleting it
    }

private:
    std::unique_ptr<char[]> m_buffer{new char[ReadBufferBytes]};
};

/// A stream on the server end of a socket pair, reading.
struct Harness
{
    Harness()
    {
        stream = std::make_unique<WebSocketStream>(&host, 7, pair.server, MaxMessageBytes, unsent);
    }
    LocalSocketPair pair;
    RecordingHost host;
    std::shared_ptr<std::atomic<qint64>> unsent = std::make_shared<std::atomic<qint64>>(0);
    std::unique_ptr<WebSocketStream> stream;
};

QByteArray closeFrame(quint16 code, const QString& reason = {})
{
    return WebSocketFrameWriter::closeFrame(code, reason);
}

} // namespace

class tst_WebSocketStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // SIGPIPE at its default, which ends the process (Qt 6.4 does not ignore it, and
        // neither does chat-server's main(); a parent may have left it ignored, so set it):
        // the stream writes with MSG_NOSIGNAL, so a write to a gone peer must come back as
        // EPIPE, or this test dies.
        ::signal(SIGPIPE, SIG_DFL);
    }

    void constructorMakesTheDescriptorNonBlocking()
    {
        Harness h;
        QCOMPARE(h.stream->id(), quint64(7));
        QCOMPARE(h.stream->state(), WebSocketStream::State::Open);
        QVERIFY(::fcntl(h.pair.server, F_GETFL) & O_NONBLOCK);
    }

    void messagesReachTheHost()
    {
        Harness h;
        h.stream->startReading({});
        QVERIFY(h.pair.send(finalFrame(0x1, "hello") + finalFrame(0x2, QByteArray("\x00\x01", 2))));
        // A fragmented text message arrives whole (RFC 6455 §5.4).
        QVERIFY(h.pair.send(clientFrame(0x1, "frag") + clientFrame(Fin | 0x0, "ment")));
        QTRY_COMPARE(h.host.messages.size(), 3);
        QCOMPARE(h.host.messages.at(0).opcode, WebSocketOpcode::Text);
        QCOMPARE(h.host.messages.at(0).payload, QByteArray("hello"));
        QCOMPARE(h.host.messages.at(1).opcode, WebSocketOpcode::Binary);
        QCOMPARE(h.host.messages.at(1).payload, QByteArray("\x00\x01", 2));
        QCOMPARE(h.host.messages.at(2).payload, QByteArray("fragment"));
        QCOMPARE(h.host.finishes, 0);
    }

    void bytesReadWithTheUpgradeComeFirst()
    {
        Harness h;
        // The front door read the first frame with the upgrade request.
        h.stream->startReading(finalFrame(0x1, "early"));
        QCOMPARE(h.host.messages.size(), 1);
        QCOMPARE(h.host.messages.at(0).payload, QByteArray("early"));
        QVERIFY(h.pair.send(finalFrame(0x1, "late")));
        QTRY_COMPARE(h.host.messages.size(), 2);
        QCOMPARE(h.host.messages.at(1).payload, QByteArray("late"));
    }

    void sendQueuesUntilFlush()
    {
        Harness h;
        const QByteArray a = WebSocketFrameWriter::textFrame(u"first"_s);
        const QByteArray b = WebSocketFrameWriter::textFrame(u"second"_s);
        h.stream->send(a);
        h.stream->send(b);
        QCOMPARE(h.host.flushRequests, 2);
        QCOMPARE(h.stream->unsentBytes(), a.size() + b.size());
        QCOMPARE(h.unsent->load(), a.size() + b.size()); // for readers on other threads
        QVERIFY(h.pair.receive().isEmpty());             // nothing written before flush()
        h.stream->flush();
        QCOMPARE(h.pair.receive(), a + b);
        QCOMPARE(h.stream->unsentBytes(), 0);
        QCOMPARE(h.unsent->load(), 0);
    }

    void partialWritesKeepOrder()
    {
        Harness h;
        // Far more than the socket buffer takes at once, in frames of odd sizes.
        QByteArray expected;
        for (int i = 0; i < 400; ++i) {
            const QByteArray frame = WebSocketFrameWriter::frame(
                WebSocketOpcode::Binary, QByteArray(1000 + i * 7, char('a' + i % 26)));
            expected += frame;
            h.stream->send(frame);
        }
        h.stream->flush();
        QVERIFY(h.stream->unsentBytes() > 0); // the kernel's buffer is full
        // What bytesToWrite() reads on the main thread is what is left, not what was queued.
        QCOMPARE(h.unsent->load(), h.stream->unsentBytes());
        // The write notifier takes over as the client reads.
        QByteArray received;
        QTRY_VERIFY((received += h.pair.receive(), received.size() == expected.size()));
        QCOMPARE(received, expected);
        QCOMPARE(h.stream->unsentBytes(), 0);
        QCOMPARE(h.host.finishes, 0);
    }

    void pingIsAnsweredWithPong()
    {
        Harness h;
        h.stream->startReading({});
        QVERIFY(h.pair.send(finalFrame(0x9, "are you there")));
        QTRY_COMPARE(h.host.flushRequests, 1);
        h.stream->flush();
        // RFC 6455 §5.5.3: the Pong carries the Ping's application data.
        QCOMPARE(h.pair.receive(),
                 WebSocketFrameWriter::frame(WebSocketOpcode::Pong, "are you there"));
        QVERIFY(h.host.messages.isEmpty());
    }

    void serverCloseWaitsForThePeer()
    {
        Harness h;
        h.stream->startReading({});
        h.stream->close(4000, u"kicked"_s);
        QCOMPARE(h.stream->state(), WebSocketStream::State::Closing);
        QCOMPARE(h.host.closingWatches, 1);
        // Nothing more is sent, nor a second close.
        h.stream->send(WebSocketFrameWriter::textFrame(u"late"_s));
        h.stream->close(4001, u"again"_s);
        h.stream->flush();
        QCOMPARE(h.pair.receive(), closeFrame(4000, u"kicked"_s));
        QCOMPARE(h.host.finishes, 0); // waiting for the answer
        // Data still arriving is not delivered any more; the peer's close ends the stream.
        QVERIFY(
            h.pair.send(finalFrame(0x1, "ignored") + maskServerFrame(closeFrame(4000), RfcMask)));
        QTRY_COMPARE(h.host.finishes, 1);
        QVERIFY(h.host.messages.isEmpty());
        QVERIFY(h.host.dropReason.isEmpty());
        QCOMPARE(h.stream->state(), WebSocketStream::State::Finished);
        QVERIFY(h.pair.serverClosed());
    }

    void peerCloseIsEchoed()
    {
        Harness h;
        h.stream->startReading({});
        QVERIFY(h.pair.send(maskServerFrame(closeFrame(1001, u"going away"_s), RfcMask)));
        QTRY_COMPARE(h.stream->state(), WebSocketStream::State::Closing);
        QCOMPARE(h.host.finishes, 0);
        h.stream->flush();
        // RFC 6455 §5.5.1: the answer echoes the status code; then the stream ends.
        QCOMPARE(h.pair.receive(),
                 WebSocketFrameWriter::frame(WebSocketOpcode::Close, QByteArray("\x03\xe9", 2)));
        QCOMPARE(h.host.finishes, 1);
        QVERIFY(h.pair.serverClosed());
    }

    void protocolErrorsCloseWithTheParsersCode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<quint16>("code");
        // RFC 6455 §5.1: client frames must be masked; §7.4.1 codes.
        QTest::newRow("unmasked") << clientFrame(Fin | 0x1, "x", QByteArray()) << quint16(1002);
        QTest::newRow("too big") << finalFrame(0x1, QByteArray(MaxMessageBytes + 1, 'x'))
                                 << quint16(1009);
        QTest::newRow("not UTF-8") << finalFrame(0x1, "\xff\xfe") << quint16(1007);
    }

    void protocolErrorsCloseWithTheParsersCode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(quint16, code);
        Harness h;
        h.stream->startReading({});
        QVERIFY(h.pair.send(bytes));
        QTRY_COMPARE(h.stream->state(), WebSocketStream::State::Closing);
        QVERIFY(h.host.messages.isEmpty());
        h.stream->flush();
        const QByteArray sent = h.pair.receive();
        QVERIFY(sent.size() >= 4);
        QCOMPARE(quint8(sent.at(0)), quint8(0x88)); // FIN + Close
        QCOMPARE(quint16((quint8(sent.at(2)) << 8) | quint8(sent.at(3))), code);
        QCOMPARE(h.host.finishes, 1); // finished once the close frame is written
    }

    void peerGoneFinishes()
    {
        Harness h;
        h.stream->startReading({});
        h.pair.closeClient();
        QTRY_COMPARE(h.host.finishes, 1);
        QVERIFY(h.host.dropReason.isEmpty());
        QCOMPARE(h.stream->state(), WebSocketStream::State::Finished);
        // Finished: sends are dropped, buffers are empty.
        h.stream->send(WebSocketFrameWriter::textFrame(u"late"_s));
        QCOMPARE(h.stream->unsentBytes(), 0);
    }

    void writeToAGonePeerFinishes()
    {
        Harness h;
        h.pair.closeClient();
        h.stream->send(WebSocketFrameWriter::textFrame(u"into the void"_s));
        h.stream->flush(); // EPIPE
        QCOMPARE(h.host.finishes, 1);
        QCOMPARE(h.stream->unsentBytes(), 0);
        QCOMPARE(h.unsent->load(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_WebSocketStream)
#include "tst_websocketstream.moc"
