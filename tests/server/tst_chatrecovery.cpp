// Durable chat over real WebSockets with the SQLite store, restarting the server in-process
// on the same data directory: history, seqs, identities and client_id dedup survive;
// join_room with `since` read from disk while messages keep arriving has no gap and no
// overlap; history pages backwards from disk.

#include "chatserver.h"
#include "testclient.h"
#include "testiothreads.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

QJsonObject room(const QString& name, qint64 since = -1)
{
    QJsonObject object{{QStringLiteral("room"), name}};
    if (since >= 0)
        object.insert(QStringLiteral("since"), since);
    return object;
}

QJsonObject message(const QString& roomName, const QString& text, const QString& clientId = {})
{
    QJsonObject object{{QStringLiteral("room"), roomName}, {QStringLiteral("text"), text}};
    if (!clientId.isEmpty())
        object.insert(QStringLiteral("client_id"), clientId);
    return object;
}

QList<qint64> seqsOf(const QJsonArray& messages)
{
    QList<qint64> seqs;
    for (const QJsonValue& m : messages)
        seqs.append(m.toObject().value(QStringLiteral("seq")).toInteger());
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 i = first; i <= last; ++i)
        result.append(i);
    return result;
}

bool ok(const QJsonObject& ack)
{
    return ack.value(QStringLiteral("ok")).toBool();
}

} // namespace

class tst_ChatRecovery : public QObject
{
    Q_OBJECT

private:
    void start()
    {
        ServerConfig config;
        config.port = 0;
        config.dataDir = m_dataDir->path();
        config.storage = ServerConfig::Storage::Sqlite;
        config.messageRate = 0;
        applyTestIoThreads(&config);
        m_server = std::make_unique<ChatServer>(config);
        QString error;
        if (!m_server->listen(&error))
            qFatal("listen failed: %s", qPrintable(error));
    }

    /// A clean stop (flushes the store), then a new server on the same data directory.
    void restart()
    {
        bool finished = false;
        connect(m_server.get(), &ChatServer::finished, this, [&] { finished = true; });
        m_server->shutdown();
        QVERIFY(QTest::qWaitFor([&] { return finished; }, 10000));
        m_server.reset();
        start();
    }

    quint16 port() const { return m_server->port(); }

    /// Sends @p count messages without waiting; returns their ack ids.
    static QList<qint64> sendBurst(TestClient& client, const QString& roomName,
                                   const QString& prefix, int count)
    {
        QList<qint64> ids;
        for (int i = 1; i <= count; ++i)
            ids.append(client.send(QStringLiteral("send_message"),
                                   message(roomName, prefix + QString::number(i))));
        return ids;
    }

    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<ChatServer> m_server;

private Q_SLOTS:
    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        start();
    }
    void cleanup() { m_server.reset(); }

    void historySeqAndIdentitySurviveARestart()
    {
        SessionInfo identity;
        QJsonArray before;
        {
            TestClient a;
            QVERIFY(a.connectTo(port()));
            identity = a.session();
            QVERIFY(ok(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))));
            for (const qint64 id : sendBurst(a, QStringLiteral("r"), QStringLiteral("m"), 20))
                QVERIFY(ok(a.waitForAck(id)));
            before = a.request(QStringLiteral("history"), room(QStringLiteral("r")))
                         .value(QStringLiteral("history"))
                         .toArray();
            QCOMPARE(before.size(), 20);
        }
        restart();
        TestClient a;
        QVERIFY(a.connectTo(port(), QJsonObject{{QStringLiteral("token"), identity.token}}));
        QVERIFY(a.session().resumed);
        QCOMPARE(a.session().userId, identity.userId);
        QCOMPARE(a.session().handle, identity.handle);
        const QJsonObject join =
            a.request(QStringLiteral("join_room"), room(QStringLiteral("r"), 0));
        QCOMPARE(join.value(QStringLiteral("last_seq")).toInteger(), 20);
        QCOMPARE(join.value(QStringLiteral("history")).toArray(), before);
        QCOMPARE(join.value(QStringLiteral("truncated")).toBool(true), false);
        const QJsonObject next = a.request(QStringLiteral("send_message"),
                                           message(QStringLiteral("r"), QStringLiteral("after")));
        QCOMPARE(next.value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("seq"))
                     .toInteger(),
                 21);
        // list_rooms knows the stored room without members... and with them.
        const QJsonArray rooms = a.request(QStringLiteral("list_rooms"), QJsonObject())
                                     .value(QStringLiteral("rooms"))
                                     .toArray();
        QCOMPARE(rooms.size(), 1);
    }

    void retriedClientIdAcrossARestart()
    {
        QJsonObject original;
        SessionInfo identity;
        {
            TestClient a;
            QVERIFY(a.connectTo(port()));
            identity = a.session();
            QVERIFY(ok(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))));
            original = a.request(QStringLiteral("send_message"),
                                 message(QStringLiteral("r"), QStringLiteral("once"),
                                         QStringLiteral("c-1")))
                           .value(QStringLiteral("message"))
                           .toObject();
            QCOMPARE(original.value(QStringLiteral("seq")).toInteger(), 1);
        }
        restart();
        TestClient a, b;
        QVERIFY(a.connectTo(port(), QJsonObject{{QStringLiteral("token"), identity.token}}));
        QVERIFY(b.connectTo(port()));
        QVERIFY(ok(a.request(QStringLiteral("join_room"), room(QStringLiteral("r"), 1))));
        QVERIFY(ok(b.request(QStringLiteral("join_room"), room(QStringLiteral("r"), 1))));
        const QJsonObject retry =
            a.request(QStringLiteral("send_message"),
                      message(QStringLiteral("r"), QStringLiteral("twice"), QStringLiteral("c-1")));
        QVERIFY(ok(retry));
        QCOMPARE(retry.value(QStringLiteral("message")).toObject(), original);
        // Nothing was broadcast for the retry; the next message is seq 2.
        QVERIFY(ok(
            a.request(QStringLiteral("send_message"),
                      message(QStringLiteral("r"), QStringLiteral("new"), QStringLiteral("c-2")))));
        QVERIFY(b.waitForEvents(QStringLiteral("message")));
        QCOMPARE(b.events(QStringLiteral("message")).size(), 1);
        QCOMPARE(b.events(QStringLiteral("message"))
                     .constFirst()
                     .value(QStringLiteral("seq"))
                     .toInteger(),
                 2);
    }

    void joinSinceFromDiskWhileMessagesArrive()
    {
        const int stored = 400; // more than the store's per-room cache
        {
            TestClient a;
            QVERIFY(a.connectTo(port()));
            QVERIFY(ok(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))));
            const QList<qint64> ids =
                sendBurst(a, QStringLiteral("r"), QStringLiteral("old"), stored);
            QVERIFY(ok(a.waitForAck(ids.constLast())));
        }
        restart();
        TestClient a, b;
        QVERIFY(a.connectTo(port()));
        QVERIFY(b.connectTo(port()));
        QVERIFY(ok(a.request(QStringLiteral("join_room"), room(QStringLiteral("r"), stored))));
        // Messages keep arriving while b's join reads the old ones from disk.
        const QList<qint64> first = sendBurst(a, QStringLiteral("r"), QStringLiteral("new"), 100);
        const qint64 joinId = b.send(QStringLiteral("join_room"), room(QStringLiteral("r"), 0));
        const QList<qint64> second = sendBurst(a, QStringLiteral("r"), QStringLiteral("more"), 100);
        QVERIFY(ok(a.waitForAck(first.constLast())));
        QVERIFY(ok(a.waitForAck(second.constLast())));
        const QJsonObject join = b.waitForAck(joinId);
        QVERIFY(ok(join));
        QCOMPARE(join.value(QStringLiteral("truncated")).toBool(true), false);
        QList<qint64> seen = seqsOf(join.value(QStringLiteral("history")).toArray());
        QCOMPARE(join.value(QStringLiteral("last_seq")).toInteger(),
                 seen.isEmpty() ? 0 : seen.constLast());
        const int total = stored + 200;
        const qsizetype fromHistory = seen.size();
        QVERIFY(b.waitForEvents(QStringLiteral("message"), int(total - fromHistory)));
        for (const QJsonObject& event : b.events(QStringLiteral("message")))
            seen.append(event.value(QStringLiteral("seq")).toInteger());
        QCOMPARE(seen, range(1, total));
        // Every message event came after the join ack.
        const QStringList& frames = b.frames();
        const QString ackPrefix = QStringLiteral("43%1[").arg(joinId);
        const auto ack = std::find_if(frames.cbegin(), frames.cend(),
                                      [&](const QString& f) { return f.startsWith(ackPrefix); });
        QVERIFY(ack != frames.cend());
        QVERIFY(std::none_of(frames.cbegin(), ack, [](const QString& f) {
            return f.startsWith(QLatin1String("42[\"message\""));
        }));
    }

    void historyPagesBackwardsFromDisk()
    {
        const int stored = 330;
        {
            TestClient a;
            QVERIFY(a.connectTo(port()));
            QVERIFY(ok(a.request(QStringLiteral("join_room"), room(QStringLiteral("r")))));
            const QList<qint64> ids =
                sendBurst(a, QStringLiteral("r"), QStringLiteral("m"), stored);
            QVERIFY(ok(a.waitForAck(ids.constLast())));
        }
        restart();
        TestClient b;
        QVERIFY(b.connectTo(port()));
        const QJsonObject join = b.request(QStringLiteral("join_room"), room(QStringLiteral("r")));
        QList<qint64> all = seqsOf(join.value(QStringLiteral("history")).toArray());
        QCOMPARE(all, range(stored - 49, stored));
        bool hasMore = true;
        while (hasMore) {
            const QJsonObject page =
                b.request(QStringLiteral("history"),
                          QJsonObject{{QStringLiteral("room"), QStringLiteral("r")},
                                      {QStringLiteral("before"), all.constFirst()},
                                      {QStringLiteral("limit"), 100}});
            QVERIFY(ok(page));
            const QList<qint64> seqs = seqsOf(page.value(QStringLiteral("history")).toArray());
            QVERIFY(!seqs.isEmpty());
            all = seqs + all;
            hasMore = page.value(QStringLiteral("has_more")).toBool();
        }
        QCOMPARE(all, range(1, stored));
    }
};

QTEST_GUILESS_MAIN(tst_ChatRecovery)
#include "tst_chatrecovery.moc"
