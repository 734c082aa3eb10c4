// IoWorker and WebSocketStream on their own, over socketpair(2): frames in, the shared
// bytes of a room broadcast out, replies before broadcasts, the closing handshake and its
// deadline, slow consumers, and no reports for streams that were aborted.

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
    void textReceived(quint64 id, const QString& text) override { texts.append({id, text}); }
    void binaryReceived(quint64 id, const QByteArray&) override { binaries.append(id); }
    void finished(quint64 id, const QString& dropReason) override
    {
        ended.append({id, dropReason});
    }

    QList<std::pair<quint64, QString>> texts;
    QList<quint64> binaries;
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
        m_worker->adopt(id, fds[0], "HTTP/1.1 101 Switching Protocols\r\n\r\n",
                        std::make_shared<std::atomic<qint64>>(0));
        m_worker->startReading(id, QByteArray());
        QTRY_VERIFY(peer->read().startsWith("HTTP/1.1 101"));
        peer->received.clear();
    }

    RecordedEvents m_events;
    std::unique_ptr<IoWorker> m_worker;

private Q_SLOTS:
    void init()
    {
        m_events = RecordedEvents();
        IoWorker::Limits limits;
        limits.maxMessageBytes = 1024;
        limits.sendBufferBytes = 64 * 1024;
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
            m_worker->subscribe(QStringLiteral("room"), id);
        const QByteArray frame = WebSocketFrameWriter::textFrame(u"42[\"message\",{}]");
        QCOMPARE(m_worker->publish(QStringLiteral("room"), frame, 2), 2);
        m_worker->unsubscribe(QStringLiteral("room"), 3);
        QCOMPARE(m_worker->publish(QStringLiteral("room"), frame, 0), 2);
        QTRY_COMPARE(a.read(), frame + frame);
        QTRY_COMPARE(c.read(), frame);
        QTRY_COMPARE(b.read(), frame);
    }

    void oneStreamKeepsItsOrder()
    {
        Peer peer;
        open(1, &peer);
        m_worker->subscribe(QStringLiteral("room"), 1);
        const QByteArray broadcast = WebSocketFrameWriter::textFrame(u"broadcast");
        const QByteArray reply = WebSocketFrameWriter::textFrame(u"reply");
        m_worker->publish(QStringLiteral("room"), broadcast, 0);
        m_worker->send(1, reply);
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
        m_worker->close(9, 1000, QStringLiteral("done"));
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
        m_worker->subscribe(QStringLiteral("room"), 1);
        m_worker->subscribe(QStringLiteral("room"), 2);
        const QByteArray frame = WebSocketFrameWriter::textFrame(QString(1000, QLatin1Char('x')));
        // 400 KB to a peer that never reads: far over the 64 KiB limit once the kernel's
        // buffers are full; the fast peer keeps reading and stays.
        for (int i = 0; i < 400; ++i)
            m_worker->publish(QStringLiteral("room"), frame, 0);
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
        m_worker->subscribe(QStringLiteral("room"), 3);
        m_worker->abort(3);
        m_worker->abort(3);
        m_worker->send(3, "x");
        QCOMPARE(m_worker->publish(QStringLiteral("room"), "x", 0), 0);
        QCOMPARE(m_events.ended.size(), 1);
        QTRY_VERIFY(peer.closedByServer());
    }
};

QTEST_GUILESS_MAIN(tst_IoWorker)
#include "tst_ioworker.moc"
