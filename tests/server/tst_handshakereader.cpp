// HandshakeReader: request heads read straight from accepted descriptors, handed on complete,
// invalid or too large; connections that close or miss the deadline are closed and forgotten.

#include "handshakereader.h"
#include "localsocketpair.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxHeadBytes = 1024;

const QByteArray Upgrade = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                           "Host: localhost\r\n"
                           "Upgrade: websocket\r\n"
                           "Connection: Upgrade\r\n"
                           "\r\n";

/// Collects the heads the reader hands on and closes their descriptors.
struct Heads
{
    std::vector<HandshakeReader::Head> heads;
    ~Heads()
    {
        for (const auto& head : heads)
            ::close(head.fd);
    }
    HandshakeReader::HeadHandler handler()
    {
        return [this](HandshakeReader::Head&& head) {
            heads.push_back(std::move(head));
        };
    }
};

/// Hands the descriptors of accepted TCP connections to the test as they are.
class DescriptorServer : public QTcpServer
{
public:
    QList<int> descriptors;

protected:
    void incomingConnection(qintptr descriptor) override { descriptors.append(int(descriptor)); }
};

} // namespace

class tst_HandshakeReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headAlreadyThereIsHandedOnDuringAdd()
    {
        Heads heads;
        HandshakeReader reader(5000, MaxHeadBytes, heads.handler());
        LocalSocketPair pair;
        QVERIFY(pair.server >= 0);
        // A first WebSocket frame right behind the head is handed on with it.
        const QByteArray after = "\x81\x85"
                                 "abcdefghi";
        QVERIFY(pair.send(Upgrade + after));
        reader.add(pair.server);
        QCOMPARE(heads.heads.size(), size_t(1));
        QCOMPARE(reader.pendingCount(), 0);
        const HandshakeReader::Head& head = heads.heads.front();
        QCOMPARE(head.fd, pair.server);
        QCOMPARE(head.result, HttpRequest::Parse::Complete);
        QCOMPARE(head.request.method, QByteArray("GET"));
        QCOMPARE(head.request.path, u"/socket.io/"_s);
        QCOMPARE(head.request.header("upgrade"), QByteArray("websocket"));
        QCOMPARE(head.headBytes, Upgrade.size());
        QCOMPARE(head.bytes, Upgrade + after);
        QVERIFY(head.ageMs >= 0);
        // The descriptor is the handler's now, and non-blocking.
        QVERIFY(!pair.serverClosed());
        QVERIFY(::fcntl(head.fd, F_GETFL) & O_NONBLOCK);
    }

    void headInPiecesWaitsForTheRest()
    {
        Heads heads;
        HandshakeReader reader(5000, MaxHeadBytes, heads.handler());
        LocalSocketPair pair;
        reader.add(pair.server);
        QCOMPARE(reader.pendingCount(), 1);
        QVERIFY(heads.heads.empty());
        const qsizetype half = Upgrade.size() / 2;
        QVERIFY(pair.send(Upgrade.left(half)));
        QVERIFY(pair.send(Upgrade.mid(half, Upgrade.size() - half - 1)));
        // Everything but the last '\n': no blank line yet, nothing to hand on.
        QCoreApplication::processEvents();
        QVERIFY(heads.heads.empty());
        QCOMPARE(reader.pendingCount(), 1);
        QVERIFY(pair.send("\n"));
        QTRY_COMPARE(heads.heads.size(), size_t(1));
        QCOMPARE(reader.pendingCount(), 0);
        QCOMPARE(heads.heads.front().result, HttpRequest::Parse::Complete);
        QCOMPARE(heads.heads.front().bytes, Upgrade);
    }

    void invalidAndTooLargeHeadsAreHandedOn_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<HttpRequest::Parse>("result");
        QTest::newRow("not HTTP") << QByteArray("HELLO\r\n\r\n") << HttpRequest::Parse::Invalid;
        QTest::newRow("target without '/'")
            << QByteArray("GET x HTTP/1.1\r\n\r\n") << HttpRequest::Parse::Invalid;
        QTest::newRow("HTTP/2 request line")
            << QByteArray("GET / HTTP/2\r\n\r\n") << HttpRequest::Parse::Invalid;
        QTest::newRow("too large, no blank line")
            << QByteArray("GET / HTTP/1.1\r\nX-Long: " + QByteArray(2 * MaxHeadBytes, 'a'))
            << HttpRequest::Parse::TooLarge;
    }

    void invalidAndTooLargeHeadsAreHandedOn()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(HttpRequest::Parse, result);
        Heads heads;
        HandshakeReader reader(5000, MaxHeadBytes, heads.handler());
        LocalSocketPair pair;
        reader.add(pair.server);
        QVERIFY(pair.send(bytes));
        QTRY_COMPARE(heads.heads.size(), size_t(1));
        QCOMPARE(heads.heads.front().result, result);
        QCOMPARE(reader.pendingCount(), 0);
        // The handler answers (400 / 431): the descriptor is still open for it.
        QVERIFY(!pair.serverClosed());
    }

    void clientClosingBeforeItsHeadIsForgotten_data()
    {
        QTest::addColumn<bool>("beforeAdd");
        QTest::newRow("while pending") << false;
        // The bytes that were there are read in add(), the end of stream on the next turn.
        QTest::newRow("before add") << true;
    }

    void clientClosingBeforeItsHeadIsForgotten()
    {
        QFETCH(bool, beforeAdd);
        Heads heads;
        HandshakeReader reader(5000, MaxHeadBytes, heads.handler());
        LocalSocketPair pair;
        if (!beforeAdd)
            reader.add(pair.server);
        QVERIFY(pair.send(Upgrade.left(20)));
        pair.closeClient();
        if (beforeAdd)
            reader.add(pair.server);
        QTRY_COMPARE(reader.pendingCount(), 0);
        QVERIFY(heads.heads.empty());
        // Closed by the reader: the descriptor is invalid now.
        QCOMPARE(::fcntl(pair.server, F_GETFD), -1);
    }

    void invalidDescriptorIsRefused()
    {
        Heads heads;
        HandshakeReader reader(5000, MaxHeadBytes, heads.handler());
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        ::close(fds[1]);
        ::close(fds[0]);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"cannot make an accepted socket non-blocking"_s));
        reader.add(fds[0]); // closed already: cannot be made non-blocking
        QCOMPARE(reader.pendingCount(), 0);
        QVERIFY(heads.heads.empty());
    }

    void silentConnectionIsClosedAfterTheDeadline()
    {
        constexpr int TimeoutMs = 80;
        Heads heads;
        HandshakeReader reader(TimeoutMs, MaxHeadBytes, heads.handler());
        LocalSocketPair silent;
        LocalSocketPair slow;
        QElapsedTimer clock;
        clock.start();
        reader.add(silent.server);
        reader.add(slow.server);
        QVERIFY(slow.send(Upgrade.left(30)));
        QCOMPARE(reader.pendingCount(), 2);
        QTRY_COMPARE(reader.pendingCount(), 0);
        // Not before the deadline; a partial head does not extend it.
        QVERIFY(clock.elapsed() >= TimeoutMs);
        QVERIFY(heads.heads.empty());
        QVERIFY(silent.serverClosed());
        QVERIFY(slow.serverClosed());
    }

    void destructorClosesPendingConnections()
    {
        Heads heads;
        LocalSocketPair pair;
        {
            HandshakeReader reader(5000, MaxHeadBytes, heads.handler());
            reader.add(pair.server);
            QCOMPARE(reader.pendingCount(), 1);
            QVERIFY(!pair.serverClosed());
        }
        QVERIFY(pair.serverClosed());
        QVERIFY(heads.heads.empty());
    }

    void tcpConnectionReportsItsPeer()
    {
        DescriptorServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(client.waitForConnected(5000));
        QTRY_COMPARE(server.descriptors.size(), 1);

        Heads heads;
        HandshakeReader reader(5000, MaxHeadBytes, heads.handler());
        reader.add(server.descriptors.first());
        client.write(Upgrade);
        QTRY_COMPARE(heads.heads.size(), size_t(1));
        const HandshakeReader::Head& head = heads.heads.front();
        QCOMPARE(head.result, HttpRequest::Parse::Complete);
        QCOMPARE(head.peer, QHostAddress(QHostAddress::LocalHost));
        // Nagle's algorithm is off on the handed-on descriptor.
        int noDelay = 0;
        socklen_t length = sizeof noDelay;
        QCOMPARE(::getsockopt(head.fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &length), 0);
        QVERIFY(noDelay != 0);
    }
};

QTEST_GUILESS_MAIN(tst_HandshakeReader)
#include "tst_handshakereader.moc"
