// IoWorkerPool: streams adopted round-robin onto its workers, messages both ways on one
// and on several threads, the multicast of each worker, and shutting down with streams
// still open.

#include "ioworkerpool.h"
#include "multicast.h"
#include "nativewebsocketconnection.h"
#include "poolclient.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

class tst_IoWorkerPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void threads_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("on this thread") << 1;
        QTest::newRow("two I/O threads") << 2;
    }

    void threads()
    {
        QFETCH(int, threads);
        IoWorkerPool pool(threads, ConnectionLimits(), {});
        QCOMPARE(pool.threadCount(), threads);
        PoolClient client;
        client.adopt(pool, "HTTP/1.1 101 Switching Protocols\r\n\r\n");
        QVERIFY(client.waitFor("HTTP/1.1 101 Switching Protocols\r\n\r\n"));
        QSignalSpy texts(client.connection.get(), &ClientConnection::textReceived);
        QVERIFY(client.sendText("hello"));
        QTRY_COMPARE(texts.count(), 1);
        QCOMPARE(texts.first().first().toByteArray(), "hello");
        client.connection->sendText("world");
        QVERIFY(client.waitFor(PoolClient::textFrame("world")));
    }

    void atLeastOneThread()
    {
        IoWorkerPool pool(0, ConnectionLimits(), {});
        QCOMPARE(pool.threadCount(), 1);
    }

    void roundRobin()
    {
        IoWorkerPool pool(2, ConnectionLimits(), {});
        PoolClient a, b, c;
        a.adopt(pool);
        b.adopt(pool);
        c.adopt(pool);
        QCOMPARE(a.connection->worker(), 0);
        QCOMPARE(b.connection->worker(), 1);
        QCOMPARE(c.connection->worker(), 0);
        // Keys are unique within the pool.
        QVERIFY(a.connection->multicastKey() != b.connection->multicastKey());
        QVERIFY(a.connection->multicastKey() != c.connection->multicastKey());
        QCOMPARE(a.connection->multicast(), pool.multicast(0));
        QCOMPARE(b.connection->multicast(), pool.multicast(1));
    }

    void multicastReachesTheGroupExceptOne_data() { threads_data(); }

    void multicastReachesTheGroupExceptOne()
    {
        QFETCH(int, threads);
        IoWorkerPool pool(threads, ConnectionLimits(), {});
        PoolClient a, b, c, outsider;
        for (PoolClient* client : {&a, &b, &c, &outsider}) {
            client->adopt(pool);
            QVERIFY(client->waitFor("\r\n\r\n"));
        }
        for (PoolClient* client : {&a, &b, &c})
            client->connection->multicast()->join(7, client->connection->multicastKey());
        for (PoolClient* client : {&a, &b, &c})
            client->connection->multicast()->send(7, "to all", b.connection->multicastKey());
        // One send per worker: with two threads, a and c share worker 0, b is on worker 1.
        const QByteArray frame = PoolClient::textFrame("to all");
        QVERIFY(a.waitFor(frame));
        QVERIFY(c.waitFor(frame));
        // b was excepted and the outsider is in no group: a direct message after the
        // broadcast arrives alone.
        for (PoolClient* client : {&b, &outsider}) {
            client->connection->sendText("direct");
            QVERIFY(client->waitFor(PoolClient::textFrame("direct")));
            QVERIFY(!client->received.contains(frame));
        }
        // Sent by every member's worker once, so a got it once per send to worker 0.
        const int perWorker = threads == 1 ? 3 : 2;
        QTRY_COMPARE(int(a.received.count(frame)), perWorker);
        a.connection->multicast()->leave(7, a.connection->multicastKey());
        a.connection->multicast()->send(7, "after", 0);
        QVERIFY(c.waitFor(PoolClient::textFrame("after")));
        a.connection->sendText("marker");
        QVERIFY(a.waitFor(PoolClient::textFrame("marker")));
        QVERIFY(!a.received.contains(PoolClient::textFrame("after")));
    }

    void peerGoneIsReported_data() { threads_data(); }

    void peerGoneIsReported()
    {
        QFETCH(int, threads);
        IoWorkerPool pool(threads, ConnectionLimits(), {});
        PoolClient client;
        client.adopt(pool);
        QSignalSpy disconnected(client.connection.get(), &ClientConnection::disconnected);
        client.sockets.closeClient();
        QTRY_COMPARE(disconnected.count(), 1);
    }

    void shutdownWithOpenStreams()
    {
        PoolClient a, b;
        {
            IoWorkerPool pool(2, ConnectionLimits(), {});
            a.adopt(pool);
            b.adopt(pool);
            QVERIFY(a.waitFor("\r\n\r\n"));
            QVERIFY(b.waitFor("\r\n\r\n"));
        }
        // The streams are closed with their workers; the handles outlive the pool safely.
        QTRY_VERIFY(a.sockets.serverClosed());
        QTRY_VERIFY(b.sockets.serverClosed());
        a.connection->sendText("nobody listens");
        a.connection->close(1000, QStringLiteral("late"));
        QVERIFY(a.connection->multicast() == nullptr);
    }
};

QTEST_GUILESS_MAIN(tst_IoWorkerPool)
#include "tst_ioworkerpool.moc"
