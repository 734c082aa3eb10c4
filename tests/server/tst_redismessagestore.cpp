// RedisMessageStore and RedisRoomFeed against a private redis-server (skipped when it is not
// installed): two "nodes" in one process share it, as two chat-server nodes share a cluster's
// Redis. Seq, dedup, history, the feed's ordered once-only delivery, a lost Redis, and a
// Redis named by host name.

#include "redislink.h"
#include "redismessagestore.h"
#include "redisroomfanout.h"
#include "redisroomfeed.h"
#include "servermetrics.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <signal.h>

namespace {

/// One node's view: its two links, its feed (recording what it delivers) and its store.
struct Node
{
    explicit Node(const RedisLink::Address& address)
        : commands(address, QStringLiteral("commands"), &metrics)
        , subscriber(address, QStringLiteral("subscriber"), &metrics)
        , feed(&commands, &subscriber)
        , store(&commands, &feed, 5)
    {
        feed.setSink([this](const ChatMessage& message) { delivered.append(message); },
                     [](const QString&) { return true; });
        commands.start();
        subscriber.start();
    }

    ServerMetrics metrics;
    RedisLink commands;
    RedisLink subscriber;
    RedisRoomFeed feed;
    RedisMessageStore store;
    QList<ChatMessage> delivered;
};

MessageDraft draft(const QString& room, const QString& text, const QString& clientId = {})
{
    return MessageDraft{
        room,     QStringLiteral("u_testuser1"),  QStringLiteral("Calm Otter"), text,
        clientId, QDateTime::currentDateTimeUtc()};
}

/// Appends and waits for the callback: the stored message (seq 0 when refused).
ChatMessage appendNow(MessageStore* store, const MessageDraft& message, bool* duplicate = nullptr)
{
    ChatMessage result;
    bool called = false;
    store->append(message, [&](const ChatMessage& stored, bool wasDuplicate) {
        result = stored;
        called = true;
        if (duplicate)
            *duplicate = wasDuplicate;
    });
    if (!QTest::qWaitFor([&] { return called; }, 5000))
        qWarning("append not answered");
    return result;
}

HistorySlice readBefore(MessageStore* store, const QString& room, qint64 before, int limit)
{
    HistorySlice result;
    bool called = false;
    store->messagesBefore(room, before, limit, [&](const HistorySlice& slice) {
        result = slice;
        called = true;
    });
    if (!QTest::qWaitFor([&] { return called; }, 5000))
        qWarning("history read not answered");
    return result;
}

HistorySlice readAfter(MessageStore* store, const QString& room, qint64 since)
{
    HistorySlice result;
    bool called = false;
    store->messagesAfter(room, since, [&](const HistorySlice& slice) {
        result = slice;
        called = true;
    });
    if (!QTest::qWaitFor([&] { return called; }, 5000))
        qWarning("history read not answered");
    return result;
}

QList<qint64> seqs(const QList<ChatMessage>& messages, const QString& room = {})
{
    QList<qint64> out;
    for (const ChatMessage& message : messages) {
        if (room.isEmpty() || message.room == room)
            out.append(message.seq);
    }
    return out;
}

} // namespace

class tst_RedisMessageStore : public QObject
{
    Q_OBJECT

private:
    bool startRedis()
    {
        m_redis = std::make_unique<QProcess>();
        m_redis->start(m_binary,
                       {QStringLiteral("--port"), QString::number(m_address.port),
                        QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                        QStringLiteral("yes"), QStringLiteral("--dir"), m_dir.path()});
        return m_redis->waitForStarted(5000);
    }

    QString m_binary;
    QTemporaryDir m_dir;
    RedisLink::Address m_address;
    std::unique_ptr<QProcess> m_redis;

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
        if (m_binary.isEmpty())
            QSKIP("redis-server is not installed (scripts/install-deps.sh test)");
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        m_address.host = QStringLiteral("127.0.0.1");
        m_address.port = probe.serverPort();
        m_address.db = 4;
        probe.close();
        QVERIFY(startRedis());
    }

    void cleanupTestCase()
    {
        if (m_redis) {
            m_redis->kill();
            m_redis->waitForFinished(5000);
        }
    }

    void addressFromUrl()
    {
        RedisLink::Address address;
        QString error;
        QVERIFY(RedisLink::Address::fromUrl(QStringLiteral("redis://10.1.2.3:6380/7"), &address,
                                            &error));
        QCOMPARE(address.host, QStringLiteral("10.1.2.3"));
        QCOMPARE(address.port, quint16(6380));
        QCOMPARE(address.db, 7);
        QVERIFY(RedisLink::Address::fromUrl(QStringLiteral("redis://h"), &address, &error));
        QCOMPARE(address.port, quint16(6379));
        QCOMPARE(address.db, 0);
        QVERIFY(!RedisLink::Address::fromUrl(QStringLiteral("http://h:1/0"), &address, &error));
        QVERIFY(!RedisLink::Address::fromUrl(QStringLiteral("redis://h:1/x"), &address, &error));
    }

    void hostNamesAreResolved()
    {
        // redis://localhost:PORT: looked up off the event loop (QHostInfo), then the
        // addresses tried in turn (Redis listens on 127.0.0.1 only, not on ::1).
        RedisLink::Address named = m_address;
        named.host = QStringLiteral("localhost");
        Node a(named);
        QTRY_VERIFY_WITH_TIMEOUT(a.feed.isSynced(), 10000);
        QVERIFY(a.store.isAvailable());
        const QString room = QStringLiteral("named");
        QCOMPARE(appendNow(&a.store, draft(room, QStringLiteral("by name"))).seq, 1);
    }

    void eventPayloads()
    {
        const TypingEvent typing{QStringLiteral("lobby"), QStringLiteral("u_abcdefgh"),
                                 QStringLiteral("Calm Otter"), true};
        RoomEvent decoded;
        const QByteArray fromOther = RedisRoomFanout::encodeEvent(typing, "n_other");
        QVERIFY(RedisRoomFanout::decodeEvent(fromOther, "n_self", &decoded));
        QCOMPARE(std::get<TypingEvent>(decoded).userId, typing.userId);
        QVERIFY(std::get<TypingEvent>(decoded).typing);
        // Its own node's payloads are skipped; presence only comes from the scripts ("*").
        QVERIFY(!RedisRoomFanout::decodeEvent(fromOther, "n_other", &decoded));
        const PresenceEvent left{PresenceEvent::Kind::Left,       QStringLiteral("lobby"),
                                 QStringLiteral("u_abcdefgh"),    QStringLiteral("Calm Otter"),
                                 QDateTime::currentDateTimeUtc(), QStringLiteral("disconnected")};
        QVERIFY(!RedisRoomFanout::decodeEvent(RedisRoomFanout::encodeEvent(left, "n_other"),
                                              "n_self", &decoded));
        QVERIFY(RedisRoomFanout::decodeEvent(RedisRoomFanout::encodeEvent(left, "*"), "n_self",
                                             &decoded));
        QCOMPARE(std::get<PresenceEvent>(decoded).reason, QStringLiteral("disconnected"));
        QCOMPARE(std::get<PresenceEvent>(decoded).kind, PresenceEvent::Kind::Left);
        for (const char* garbage : {"", "|", "n|x|{}", "*|j|[1]", "*|j|{\"room\":1}", "n|t|"})
            QVERIFY2(!RedisRoomFanout::decodeEvent(garbage, "n_self", &decoded), garbage);
    }

    void seqDedupAndHistoryAreShared()
    {
        Node a(m_address);
        Node b(m_address);
        QTRY_VERIFY(a.feed.isSynced() && b.feed.isSynced());
        const QString room = QStringLiteral("shared");

        const ChatMessage first =
            appendNow(&a.store, draft(room, QStringLiteral("one"), QStringLiteral("c-1")));
        QCOMPARE(first.seq, 1);
        QVERIFY(first.id.startsWith(QLatin1String("m_")));
        // Delivered here before the callback, as the sender's room must see it first.
        QCOMPARE(seqs(a.delivered, room), QList<qint64>{1});
        const ChatMessage second = appendNow(&b.store, draft(room, QStringLiteral("two")));
        QCOMPARE(second.seq, 2);
        QTRY_COMPARE(a.store.lastSeq(room), 2);

        // The same (user, client_id) on the other node: the original, not stored again.
        bool duplicate = false;
        const ChatMessage retry = appendNow(
            &b.store, draft(room, QStringLiteral("one?"), QStringLiteral("c-1")), &duplicate);
        QVERIFY(duplicate);
        QCOMPARE(retry, first);
        QCOMPARE(b.store.lastSeq(room), 2);

        // Capped at the history limit (5): seq 1 and 2 are trimmed after 7 messages.
        for (int i = 3; i <= 7; ++i)
            QCOMPARE(appendNow(&a.store, draft(room, QStringLiteral("m%1").arg(i))).seq, i);
        QTRY_COMPARE(b.store.lastSeq(room), 7);
        HistorySlice newest = readBefore(&b.store, room, 8, 3);
        QCOMPARE(seqs(newest.messages), (QList<qint64>{5, 6, 7}));
        QVERIFY(newest.hasMore);
        QCOMPARE(newest.lastSeq, 7);
        HistorySlice oldest = readBefore(&b.store, room, 5, 10);
        QCOMPARE(seqs(oldest.messages), (QList<qint64>{3, 4}));
        QVERIFY(!oldest.hasMore);
        HistorySlice after = readAfter(&b.store, room, 4);
        QCOMPARE(seqs(after.messages), (QList<qint64>{5, 6, 7}));
        QVERIFY(!after.truncated);
        QVERIFY(readAfter(&b.store, room, 0).truncated); // 1 and 2 are gone

        // Purge keeps the seq.
        a.store.purgeRoom(room);
        QTRY_VERIFY(readBefore(&a.store, room, 100, 10).messages.isEmpty());
        QCOMPARE(appendNow(&a.store, draft(room, QStringLiteral("after purge"))).seq, 8);
        QVERIFY(readAfter(&a.store, room, 6).truncated);

        // Every node delivered every message once, in order.
        QTRY_COMPARE(seqs(b.delivered, room), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));
        QCOMPARE(seqs(a.delivered, room), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));

        // rooms() from the feed, on a node started later too.
        Node c(m_address);
        QTRY_VERIFY(c.feed.isSynced());
        QTRY_COMPARE(c.store.lastSeq(room), 8); // read from the stream after the sync
        bool found = false;
        for (const StoredRoom& stored : c.store.rooms())
            found = found || (stored.room == room && stored.lastSeq == 8);
        QVERIFY(found);
    }

    void interleavedAppendsDeliverInOrder()
    {
        Node a(m_address);
        Node b(m_address);
        QTRY_VERIFY(a.feed.isSynced() && b.feed.isSynced());
        const QString room = QStringLiteral("interleaved");
        int answered = 0;
        QList<qint64> order; // callbacks of each node, in append order
        for (int i = 0; i < 20; ++i) {
            Node& node = i % 2 ? b : a;
            node.store.append(draft(room, QStringLiteral("x%1").arg(i)),
                              [&](const ChatMessage& stored, bool) {
                                  ++answered;
                                  order.append(stored.seq);
                              });
        }
        QTRY_COMPARE(answered, 20);
        QList<qint64> all;
        for (qint64 seq = 1; seq <= 20; ++seq)
            all.append(seq);
        QTRY_COMPARE(seqs(a.delivered, room), all);
        QTRY_COMPARE(seqs(b.delivered, room), all);
        std::sort(order.begin(), order.end());
        QCOMPARE(order, all);
    }

    void hangingRedisIsDroppedAndRetried()
    {
        Node a(m_address);
        QTRY_VERIFY(a.feed.isSynced());
        const QString room = QStringLiteral("hang");
        QCOMPARE(appendNow(&a.store, draft(room, QStringLiteral("before"))).seq, 1);

        // Redis stops answering without closing anything (a stuck process, a partition).
        QCOMPARE(::kill(pid_t(m_redis->processId()), SIGSTOP), 0);
        ChatMessage during;
        bool answered = false;
        a.store.append(draft(room, QStringLiteral("during"), QStringLiteral("c-hang")),
                       [&](const ChatMessage& stored, bool) {
                           during = stored;
                           answered = true;
                       });
        // Answered "not stored" (server_busy) once the command times out.
        QTRY_VERIFY_WITH_TIMEOUT(answered, RedisLink::CommandTimeoutMs + 3000);
        QCOMPARE(during.seq, 0);
        QVERIFY(!a.feed.isSynced());
        QCOMPARE(::kill(pid_t(m_redis->processId()), SIGCONT), 0);
        QTRY_VERIFY_WITH_TIMEOUT(a.feed.isSynced(), 10000);

        // The client's retry with the same client_id: stored once, whether or not Redis ran
        // the first attempt after it woke up.
        const ChatMessage retry =
            appendNow(&a.store, draft(room, QStringLiteral("during"), QStringLiteral("c-hang")));
        QCOMPARE(retry.seq, 2);
        QCOMPARE(seqs(readBefore(&a.store, room, 100, 10).messages), (QList<qint64>{1, 2}));
    }

    void lostRedisRefusesAndRecovers()
    {
        Node a(m_address);
        QTRY_VERIFY(a.feed.isSynced());
        const QString room = QStringLiteral("outage");
        QCOMPARE(appendNow(&a.store, draft(room, QStringLiteral("before"))).seq, 1);

        QVERIFY(a.store.isAvailable());
        m_redis->terminate(); // SIGTERM: Redis writes its append-only file
        QVERIFY(m_redis->waitForFinished(5000));
        QTRY_VERIFY(!a.feed.isSynced());
        QVERIFY(!a.store.isAvailable()); // join_room answers server_busy
        QCOMPARE(appendNow(&a.store, draft(room, QStringLiteral("during"))).seq, 0);
        // A read Redis cannot answer is not an empty, complete history.
        const HistorySlice unread = readBefore(&a.store, room, 100, 10);
        QVERIFY(unread.messages.isEmpty());
        QVERIFY(unread.truncated);
        QTRY_COMPARE(a.metrics.redisUp, 0);

        QVERIFY(startRedis());
        QTRY_VERIFY_WITH_TIMEOUT(a.feed.isSynced(), 10000);
        QVERIFY(a.store.isAvailable());
        QVERIFY(a.metrics.redisReconnectsTotal >= 2);
        QCOMPARE(appendNow(&a.store, draft(room, QStringLiteral("after"))).seq, 2);
        QCOMPARE(seqs(readBefore(&a.store, room, 100, 10).messages), (QList<qint64>{1, 2}));
    }
};

QTEST_GUILESS_MAIN(tst_RedisMessageStore)
#include "tst_redismessagestore.moc"
