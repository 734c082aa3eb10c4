// Slow consumers (docs/security.md): a client that joins a busy room and then never reads
// is dropped once its unsent bytes stay over the send buffer limit; the other members keep
// receiving meanwhile; the dropped client resumes with its token and `since` and misses
// nothing. (The rule itself, SlowConsumerPolicy, has its own unit test.)

#include "chatserver.h"
#include "rawwebsocket.h"
#include "testclient.h"
#include "testiothreads.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

QJsonObject room(const QString& name)
{
    return QJsonObject{{QStringLiteral("room"), name}};
}

// Open connections as GET /health reports them; -1 on failure.
int connections(quint16 port)
{
    const TestClient::HttpResult health = TestClient::httpGet(port, "/health");
    if (health.status != 200)
        return -1;
    return QJsonDocument::fromJson(health.body)
        .object()
        .value(QStringLiteral("connections"))
        .toInt(-1);
}

} // namespace

class tst_SlowConsumer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void slowReaderIsDroppedAndResumesWithoutLoss()
    {
        QTemporaryDir dataDir;
        ServerConfig config;
        config.port = 0;
        config.dataDir = dataDir.path();
        config.storage = ServerConfig::Storage::Memory;
        config.messageRate = 0; // one sender produces the whole flood
        config.maxSendBufferBytes = 256 * 1024;
        // Server and clients share this test's one thread, so even the fast readers can lag
        // a few hundred ms behind while the server works: a longer grace than the default.
        config.slowConsumerGraceMs = 2000;
        applyTestIoThreads(&config);
        ChatServer server(config);
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));

        TestClient sender;
        TestClient reader;
        QVERIFY(sender.connectTo(server.port()));
        QVERIFY(reader.connectTo(server.port()));
        for (TestClient* client : {&sender, &reader})
            QVERIFY(client->request(QStringLiteral("join_room"), room(QStringLiteral("bulk")))
                        .value(QStringLiteral("ok"))
                        .toBool());

        // The slow one: joins like any client, then stops reading.
        RawWebSocket slow;
        QVERIFY(slow.upgrade(server.port()));
        slow.sendText("40");
        QVERIFY(slow.waitForTextStartingWith("42[\"session\""));
        QByteArray sessionFrame;
        for (const QByteArray& text : slow.texts()) {
            if (text.startsWith("42[\"session\""))
                sessionFrame = text;
        }
        const QString token = QJsonDocument::fromJson(sessionFrame.mid(2))
                                  .array()
                                  .at(1)
                                  .toObject()
                                  .value(QStringLiteral("token"))
                                  .toString();
        QVERIFY(!token.isEmpty());
        slow.sendText(R"(420["join_room",{"room":"bulk"}])");
        QVERIFY(slow.waitForTextStartingWith("430["));
        slow.stopReading();

        // ~7 MB for everyone: more than the kernel buffers of a loopback connection hold
        // (~4 MB) plus the limit. Each text is 4000 three-byte code points (12 kB UTF-8).
        constexpr int Count = 600;
        const QString text(4000, QChar(0x20AC));
        // Sent in batches of 10, each one delivered before the next: in this single-threaded
        // test server and clients share one CPU, so the pacing keeps the fast readers' own
        // backlog small while the slow one's grows.
        constexpr int Batch = 10;
        QElapsedTimer clock;
        clock.start();
        qint64 slowestBatchMs = 0;
        for (int i = 0; i < Count; i += Batch) {
            QElapsedTimer batchClock;
            batchClock.start();
            for (int j = 0; j < Batch; ++j)
                sender.send(QStringLiteral("send_message"),
                            QJsonObject{{QStringLiteral("room"), QStringLiteral("bulk")},
                                        {QStringLiteral("text"), text}});
            // The reader gets every batch while the slow one is being dropped.
            QVERIFY(reader.waitForEvents(QStringLiteral("message"), i + Batch, 10000));
            slowestBatchMs = qMax(slowestBatchMs, batchClock.elapsed());
        }
        const qint64 deliveredMs = clock.elapsed();
        const QList<QJsonObject> received = reader.events(QStringLiteral("message"));
        for (int i = 0; i < Count; ++i)
            QCOMPARE(received.at(i).value(QStringLiteral("seq")).toInteger(), i + 1);
        // The slow client cannot see the drop (it reads nothing); the server can.
        QVERIFY(QTest::qWaitFor([&] { return connections(server.port()) == 2; }, 10000));
        QVERIFY(TestClient::httpGet(server.port(), "/metrics")
                    .body.contains("chat_connections_closed_total{reason=\"slow_consumer\"} 1"));
        QVERIFY(!reader.isClosed());
        QVERIFY(!sender.isClosed());
        qInfo("all %d messages (%.1f MB) reached the reader in %lld ms, slowest batch %lld ms",
              Count, Count * 12.0 / 1000.0, deliveredMs, slowestBatchMs);

        // Back with its token: `since` 0 (it never processed a message) returns them all, in
        // one 7 MB reply of multi-byte text, which a QWebSocket client receives only if the
        // server does not fragment it (see WebSocketConnection).
        TestClient resumed;
        QVERIFY(resumed.connectTo(server.port(), QJsonObject{{QStringLiteral("token"), token}}));
        QVERIFY(resumed.session().resumed);
        const QJsonObject join =
            resumed.request(QStringLiteral("join_room"),
                            QJsonObject{{QStringLiteral("room"), QStringLiteral("bulk")},
                                        {QStringLiteral("since"), 0}});
        QVERIFY2(join.value(QStringLiteral("ok")).toBool(),
                 qPrintable(QStringLiteral("closed: %1 %2")
                                .arg(resumed.closeCode())
                                .arg(resumed.closeReason())));
        QCOMPARE(join.value(QStringLiteral("truncated")).toBool(), false);
        const QJsonArray history = join.value(QStringLiteral("history")).toArray();
        QCOMPARE(history.size(), Count);
        for (int i = 0; i < Count; ++i) {
            const QJsonObject stored = history.at(i).toObject();
            QCOMPARE(stored.value(QStringLiteral("seq")).toInteger(), i + 1);
            QCOMPARE(stored.value(QStringLiteral("text")).toString(), text);
        }
    }
};

QTEST_GUILESS_MAIN(tst_SlowConsumer)
#include "tst_slowconsumer.moc"
