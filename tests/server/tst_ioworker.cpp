// IoWorker and WebSocketStream on their own, over socketpair(2): commands applied in order,
// frames in, the shared bytes of a multicast out, replies before broadcasts, the closing handshake
// and its deadline, slow consumers, and no reports for streams that were aborted.

#include "ioworker.h"
#include "streamevents.h"
#include "websocketframewriter.h"
#include "websockettestframes.h"

#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

class RecordedEvents : public StreamEvents
{
public:
    void textReceived(quint64 id, const QByteArray& utf8) override
    {
        texts.append({id, QString::fromUtf8(utf8)});
    }
    void binaryReceived(quint64 id, const QByteArray&) override { binaries.append(id); }
    void pongReceived(quint64 id) override { pongs.append(id); }
    void finished(quint64 id, const QString& dropReason) override
    {
        ended.append({id, dropReason});
    }

    QList<std::pair<quint64, QString>> texts;
    QList<quint64> binaries;
    QList<quint64> pongs;
    QList<std::pair<quint64, QString>> ended;
};

// The client's end of a socketpair; the server's end goes to the worker.
struct Peer
{
    int fd = -1;
    QByteArray received;

    ~Peer()
    {
        if (fd >= 0)
            ::close(fd);
    }
    void write(const QByteArray& bytes) const
    {
        QCOMPARE(::write(fd, bytes.data(), bytes.size()), bytes.size());
    }
    /// Reads what is there (non-blocking); returns everything received so far.
    const QByteArray& read()
    {
        char buffer[65536];
        ssize_t count;
        while ((count = ::read(fd, buffer, sizeof buffer)) > 0)
            received.append(buffer, count);
        return received;
    }
    bool closedByServer()
    {
        char byte;
        return ::read(fd, &byte, 1) == 0;
    }
};

} // namespace

class tst_IoWorker : public QObject
{
    Q_OBJECT

private:
    /// Adopts one end of a new socketpair as stream @p id; the other end is the peer.
    void open(quint64 id, Peer* peer, int sendBufferBytes = 0)
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
        if (sendBufferBytes > 0) {
            // Small kernel buffers on both sides, so that a peer that never reads shows.
            ::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &sendBufferBytes, sizeof(int));
            ::setsockopt(fds[1], SOL_SOCKET, SO_RCVBUF, &sendBufferBytes, sizeof(int));
        }
        ::fcntl(fds[1], F_SETFL, O_NONBLOCK);
        peer->fd = fds[1];
        run({.kind = Kind::Adopt,
             .fd = fds[0],
             .id = id,
             .bytes = "HTTP/1.1 101 Switching Protocols\r\n\r\n",
             .unsent = std::make_shared<std::atomic<qint64>>(0)});
        run({.kind = Kind::StartReading, .id = id});
        QTRY_VERIFY(peer->read().startsWith("HTTP/1.1 101"));
        peer->received.clear();
    }

    using Kind = IoWorker::Command::Kind;
    static constexpr quint64 Room = 1; ///< a multicast group

    void run(IoWorker::Command&& command) { m_worker->execute(command); }
    void join(quint64 id) { run({.kind = Kind::Join, .id = id, .group = Room}); }
    void publish(const QByteArray& frame, quint64 exceptId)
    {
        run({.kind = Kind::Publish, .id = exceptId, .group = Room, .bytes = frame});
    }
    void send(quint64 id, const QByteArray& frame)
    {
        run({.kind = Kind::SendReply, .id = id, .bytes = frame});
    }

    RecordedEvents m_events;
    std::unique_ptr<IoWorker> m_worker;

private Q_SLOTS:
    void init()
    {
        m_events = RecordedEvents();
        ConnectionLimits limits;
        limits.maxMessageBytes = 1024;
        limits.maxUnsentBytes = 64 * 1024;
        limits.slowConsumerGraceMs = 200;
        limits.closeDeadlineMs = 300;
        m_worker = std::make_unique<IoWorker>(&m_events, limits);
    }
    void cleanup() { m_worker.reset(); }

    void textMessagesArriveInOrder()
    {
        Peer peer;
        open(7, &peer);
        // A fragmented message between two whole ones, in one write.
        peer.write(WebSocketTestFrames::finalFrame(0x1, "first") +
                   WebSocketTestFrames::clientFrame(0x1, "sec") +
                   WebSocketTestFrames::finalFrame(0x0, "ond") +
                   WebSocketTestFrames::finalFrame(0x1, "third"));
        QTRY_COMPARE(m_events.texts.size(), 3);
        QCOMPARE(m_events.texts[0], std::make_pair(quint64(7), QStringLiteral("first")));
        QCOMPARE(m_events.texts[1].second, QStringLiteral("second"));
        QCOMPARE(m_events.texts[2].second, QStringLiteral("third"));
    }

    void broadcastSendsTheSameBytesToEveryMemberButTheExcepted()
    {
        Peer a, b, c;
        open(1, &a);
        open(2, &b);
        open(3, &c);
        for (quint64 id : {1, 2, 3})
            join(id);
        QCOMPARE(m_worker->groupSize(Room), 3);
        const QByteArray frame = WebSocketFrameWriter::textFrame(u"42[\"message\",{}]");
        publish(frame, 2);
        run({.kind = Kind::Leave, .id = 3, .group = Room});
        QCOMPARE(m_worker->groupSize(Room), 2);
        publish(frame, 0);
        QTRY_COMPARE(a.read(), frame + frame);
        QTRY_COMPARE(c.read(), frame);
        QTRY_COMPARE(b.read(), frame);
    }

    void oneStreamKeepsItsOrder()
    {
        Peer peer;
        open(1, &peer);
        join(1);
        const QByteArray broadcast = WebSocketFrameWriter::textFrame(u"broadcast");
        const QByteArray reply = WebSocketFrameWriter::textFrame(u"reply");
        publish(broadcast, 0);
        send(1, reply);
        // Replies are flushed before other streams' broadcasts, but within one stream
        // the order of queuing holds.
        QTRY_COMPARE(peer.read(), broadcast + reply);
    }

    void peerCloseIsAnsweredWithItsCode()
    {
        Peer peer;
        open(5, &peer);
        peer.write(
            WebSocketTestFrames::finalFrame(0x8, QByteArray(QByteArray("\x03\xE9", 2) + "bye")));
        QTRY_COMPARE(m_events.ended.size(), 1);
        QCOMPARE(m_events.ended.first(), std::make_pair(quint64(5), QString()));
        QTRY_COMPARE(peer.read(), QByteArray("\x88\x02\x03\xE9", 4)); // 1001 echoed
        QTRY_VERIFY(peer.closedByServer());
        QCOMPARE(m_worker->streamCount(), 0);
    }

    void unansweredCloseEndsAtTheDeadline()
    {
        Peer peer;
        open(9, &peer);
        run({.kind = Kind::Close, .code = 1000, .id = 9, .reason = QStringLiteral("done")});
        QTRY_VERIFY(peer.read().startsWith("\x88"));
        QCOMPARE(m_events.ended.size(), 0); // waiting for the peer's close frame
        QTRY_COMPARE_WITH_TIMEOUT(m_events.ended.size(), 1, 3000);
        QVERIFY(peer.closedByServer());
    }

    void protocolErrorClosesWithItsCode()
    {
        Peer peer;
        open(4, &peer);
        peer.write(QByteArray("\x81\x02hi", 4)); // unmasked
        QTRY_VERIFY(peer.read().size() >= 4);
        QVERIFY(peer.received.startsWith(QByteArray("\x88", 1)));
        QCOMPARE(quint8(peer.received.at(2)) << 8 | quint8(peer.received.at(3)), 1002);
        QTRY_COMPARE(m_events.ended.size(), 1);
        QVERIFY(m_events.texts.isEmpty());
    }

    void slowConsumerIsDropped()
    {
        Peer slow, fast;
        open(1, &slow, 16 * 1024);
        open(2, &fast);
        join(1);
        join(2);
        const QByteArray frame = WebSocketFrameWriter::textFrame(QString(1000, QLatin1Char('x')));
        // 400 KB to a peer that never reads: far over the 64 KiB limit once the kernel's
        // buffers are full; the fast peer keeps reading and stays.
        for (int i = 0; i < 400; ++i)
            publish(frame, 0);
        QTRY_VERIFY_WITH_TIMEOUT((fast.read(), m_events.ended.contains(std::make_pair(
                                                   quint64(1), QStringLiteral("slow consumer")))),
                                 5000);
        QTRY_COMPARE(fast.read().size(), 400 * frame.size());
        QCOMPARE(m_events.ended.size(), 1);
        QCOMPARE(m_worker->streamCount(), 1);
    }

    void abortReportsOnceAndIgnoresLaterCalls()
    {
        Peer peer;
        open(3, &peer);
        join(3);
        run({.kind = Kind::Abort, .id = 3});
        run({.kind = Kind::Abort, .id = 3});
        send(3, "x");
        QCOMPARE(m_worker->groupSize(Room), 0); // a finished stream leaves its groups
        publish("x", 0);
        QCOMPARE(m_events.ended.size(), 1);
        QTRY_VERIFY(peer.closedByServer());
    }

    void postedCommandsAreAppliedInOrder()
    {
        Peer peer;
        open(6, &peer);
        const QByteArray first = WebSocketFrameWriter::textFrame(u"first");
        const QByteArray second = WebSocketFrameWriter::textFrame(u"second");
        // As from another thread: applied later, in one batch, in the order posted.
        m_worker->post({.kind = Kind::Join, .id = 6, .group = Room});
        m_worker->post({.kind = Kind::Send, .id = 6, .bytes = first});
        m_worker->post({.kind = Kind::Publish, .group = Room, .bytes = second});
        m_worker->post({.kind = Kind::Close, .code = 1000, .id = 6});
        QCOMPARE(m_worker->groupSize(Room), 0); // nothing applied yet
        QTRY_VERIFY(peer.read().size() > first.size() + second.size());
        QVERIFY(peer.received.startsWith(QByteArray(first + second + QByteArray("\x88", 1))));
    }
};

QTEST_GUILESS_MAIN(tst_IoWorker)
#include "tst_ioworker.moc"
