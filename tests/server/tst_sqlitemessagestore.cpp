// SqliteMessageStore: persistence across reopen, grouped commits, retention, since/truncated,
// paging from disk and cache, dedup after reopen, purge, one server per file.

#include "sqlitemessagestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString Author = QStringLiteral("u_author0001");

MessageDraft draft(const QString& room, const QString& text, const QString& clientId = {},
                   const QDateTime& ts = QDateTime::currentDateTimeUtc())
{
    return MessageDraft{room, Author, QStringLiteral("Calm Otter"), text, clientId, ts};
}

struct AppendResult
{
    bool called = false;
    bool duplicate = false;
    ChatMessage stored;
};

/// Appends and returns a result that fills in when the commit completes.
std::shared_ptr<AppendResult> appendLater(SqliteMessageStore& store, const MessageDraft& d)
{
    auto result = std::make_shared<AppendResult>();
    store.append(d, [result](const ChatMessage& stored, bool duplicate) {
        result->called = true;
        result->duplicate = duplicate;
        result->stored = stored;
    });
    return result;
}

/// Appends and waits for the commit.
ChatMessage append(SqliteMessageStore& store, const MessageDraft& d, bool* duplicate = nullptr)
{
    const auto result = appendLater(store, d);
    if (!QTest::qWaitFor([&] { return result->called; }, 5000))
        qFatal("append did not complete");
    if (duplicate)
        *duplicate = result->duplicate;
    return result->stored;
}

HistorySlice after(SqliteMessageStore& store, const QString& room, qint64 since)
{
    std::optional<HistorySlice> answer;
    store.messagesAfter(room, since, [&](const HistorySlice& slice) { answer = slice; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
        qFatal("messagesAfter did not answer");
    return *answer;
}

HistorySlice before(SqliteMessageStore& store, const QString& room, qint64 beforeSeq, int limit)
{
    std::optional<HistorySlice> answer;
    store.messagesBefore(room, beforeSeq, limit,
                         [&](const HistorySlice& slice) { answer = slice; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
        qFatal("messagesBefore did not answer");
    return *answer;
}

QList<qint64> seqs(const HistorySlice& slice)
{
    QList<qint64> result;
    for (const ChatMessage& m : slice.messages)
        result.append(m.seq);
    return result;
}

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> result;
    for (qint64 seq = from; seq <= to; ++seq)
        result.append(seq);
    return result;
}

} // namespace

class tst_SqliteMessageStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SqliteMessageStore> openStore(int historyLimit = 10000)
    {
        auto store = std::make_unique<SqliteMessageStore>(SqliteMessageStore::fileIn(m_dir->path()),
                                                          historyLimit);
        QString error;
        if (!store->open(&error))
            qFatal("open failed: %s", qPrintable(error));
        return store;
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void persistsAcrossReopen()
    {
        QList<ChatMessage> written;
        {
            auto store = openStore();
            for (int i = 1; i <= 5; ++i)
                written.append(append(*store, draft(QStringLiteral("a"), QString::number(i),
                                                    QStringLiteral("c-%1").arg(i))));
            append(*store, draft(QStringLiteral("b"), QStringLiteral("other")));
            QCOMPARE(written.constLast().seq, 5);
            QCOMPARE(store->lastSeq(QStringLiteral("b")), 1);
        }
        auto store = openStore();
        QCOMPARE(store->lastSeq(QStringLiteral("a")), 5);
        QCOMPARE(store->lastSeq(QStringLiteral("b")), 1);
        QCOMPARE(store->rooms().size(), 2);
        const HistorySlice slice = after(*store, QStringLiteral("a"), 0);
        QCOMPARE(slice.messages, written); // ids, texts, ts (ms) and client ids round-trip
        QCOMPARE(slice.lastSeq, 5);
        QVERIFY(!slice.truncated);
        const ChatMessage noClientId = after(*store, QStringLiteral("b"), 0).messages.value(0);
        QVERIFY(noClientId.clientId.isEmpty());
        // The seq continues after the restart.
        QCOMPARE(append(*store, draft(QStringLiteral("a"), QStringLiteral("6"))).seq, 6);
    }

    void appendsOfOneTurnShareOneTransaction()
    {
        auto store = openStore();
        QList<std::shared_ptr<AppendResult>> results;
        for (int i = 0; i < 100; ++i)
            results.append(appendLater(*store, draft(QStringLiteral("r"), QString::number(i))));
        QVERIFY(!results.constFirst()->called);           // acknowledged only after the commit
        QCOMPARE(store->lastSeq(QStringLiteral("r")), 0); // reads show completed appends only
        QTRY_VERIFY(results.constLast()->called);
        QCOMPARE(store->commits(), 1);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(results[i]->stored.seq, i + 1);
        QCOMPARE(store->lastSeq(QStringLiteral("r")), 100);
    }

    void callbacksRunInAppendOrderAcrossBatches()
    {
        auto store = openStore();
        QList<qint64> order;
        int pending = 0;
        std::function<void(int)> sendMore = [&](int round) {
            for (int i = 0; i < 10; ++i) {
                ++pending;
                store->append(draft(QStringLiteral("r"), QString::number(round * 10 + i)),
                              [&, round](const ChatMessage& stored, bool) {
                                  order.append(stored.seq);
                                  --pending;
                                  if (round < 4 && stored.seq % 10 == 1)
                                      sendMore(round + 1); // appends while a commit completes
                              });
            }
        };
        sendMore(0);
        QTRY_COMPARE(order.size(), 50);
        QCOMPARE(order, range(1, 50));
        QCOMPARE(pending, 0);
        QVERIFY(store->commits() > 1);
    }

    void retentionSinceAndTruncated()
    {
        {
            auto store = openStore(5);
            for (int i = 1; i <= 12; ++i)
                append(*store, draft(QStringLiteral("r"), QString::number(i)));
            HistorySlice slice = after(*store, QStringLiteral("r"), 9);
            QCOMPARE(seqs(slice), QList<qint64>({10, 11, 12}));
            QVERIFY(!slice.truncated);
            slice = after(*store, QStringLiteral("r"), 2);
            QCOMPARE(seqs(slice), range(8, 12));
            QVERIFY(slice.truncated);
        }
        auto store = openStore(5);
        HistorySlice slice = after(*store, QStringLiteral("r"), 7); // from disk
        QCOMPARE(seqs(slice), range(8, 12));
        QVERIFY(!slice.truncated);
        slice = after(*store, QStringLiteral("r"), 0);
        QCOMPARE(seqs(slice), range(8, 12));
        QVERIFY(slice.truncated);
        QVERIFY(after(*store, QStringLiteral("r"), 12).messages.isEmpty());
        slice = before(*store, QStringLiteral("r"), 13, 100);
        QCOMPARE(seqs(slice), range(8, 12));
        QVERIFY(!slice.hasMore);
    }

    void pagingBackwardsFromDiskAndCache()
    {
        const int total = SqliteMessageStore::RoomCacheSize + 100;
        {
            auto store = openStore();
            for (int i = 1; i <= total; ++i)
                appendLater(*store, draft(QStringLiteral("r"), QString::number(i)));
            QTRY_COMPARE(store->lastSeq(QStringLiteral("r")), total);
            // The newest page comes from the cache at once; old ones from disk.
            bool answered = false;
            store->messagesBefore(QStringLiteral("r"), total + 1, 50,
                                  [&](const HistorySlice& slice) {
                                      answered = true;
                                      QCOMPARE(seqs(slice), range(total - 49, total));
                                  });
            QVERIFY(answered);
            QCOMPARE(store->diskReads(), 0);
            const HistorySlice old = before(*store, QStringLiteral("r"), 31, 10);
            QCOMPARE(seqs(old), range(21, 30));
            QVERIFY(old.hasMore);
            QCOMPARE(store->diskReads(), 1);
        }
        auto store = openStore();
        HistorySlice slice = before(*store, QStringLiteral("r"), 4, 10);
        QCOMPARE(seqs(slice), QList<qint64>({1, 2, 3}));
        QVERIFY(!slice.hasMore);
        QVERIFY(before(*store, QStringLiteral("r"), 1, 10).messages.isEmpty());
        // After a restart the first read of the newest messages goes to disk and fills the
        // cache; the next one is answered from memory.
        const int reads = store->diskReads();
        QCOMPARE(seqs(after(*store, QStringLiteral("r"), total - 5)), range(total - 4, total));
        QCOMPARE(store->diskReads(), reads + 1);
        QCOMPARE(seqs(after(*store, QStringLiteral("r"), total - 3)), range(total - 2, total));
        QCOMPARE(store->diskReads(), reads + 1);
        QCOMPARE(seqs(before(*store, QStringLiteral("r"), 2000, 2)),
                 QList<qint64>({total - 1, total}));
    }

    void dedupSurvivesReopen()
    {
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        ChatMessage original;
        {
            auto store = openStore();
            bool duplicate = true;
            original = append(
                *store, draft(QStringLiteral("r"), QStringLiteral("hi"), QStringLiteral("c1"), t0),
                &duplicate);
            QVERIFY(!duplicate);
            // Two retries in the same turn as a new message: one stored message.
            const auto first = appendLater(
                *store, draft(QStringLiteral("r"), QStringLiteral("x"), QStringLiteral("c2"), t0));
            const auto second = appendLater(
                *store, draft(QStringLiteral("r"), QStringLiteral("y"), QStringLiteral("c2"), t0));
            QTRY_VERIFY(second->called);
            QVERIFY(!first->duplicate);
            QVERIFY(second->duplicate);
            QCOMPARE(second->stored, first->stored);
            QCOMPARE(store->lastSeq(QStringLiteral("r")), 2);
        }
        auto store = openStore();
        ChatMessage found;
        QVERIFY(store->findByClientId(Author, QStringLiteral("c1"), t0.addSecs(599), &found));
        QCOMPARE(found, original);
        QVERIFY(!store->findByClientId(QStringLiteral("u_someoneelse"), QStringLiteral("c1"), t0,
                                       &found));
        QVERIFY(!store->findByClientId(Author, QStringLiteral("c1"), t0.addSecs(601), &found));
        bool duplicate = false;
        const ChatMessage retry = append(*store,
                                         draft(QStringLiteral("r"), QStringLiteral("other"),
                                               QStringLiteral("c1"), t0.addSecs(60)),
                                         &duplicate);
        QVERIFY(duplicate);
        QCOMPARE(retry, original);
        QCOMPARE(store->lastSeq(QStringLiteral("r")), 2);
    }

    void dedupOutlivesRetentionWithinTheWindow()
    {
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        {
            auto store = openStore(2);
            append(*store,
                   draft(QStringLiteral("r"), QStringLiteral("1"), QStringLiteral("c1"), t0));
            for (int i = 2; i <= 5; ++i)
                append(*store, draft(QStringLiteral("r"), QString::number(i)));
        }
        auto store = openStore(2);
        QCOMPARE(seqs(after(*store, QStringLiteral("r"), 0)), QList<qint64>({4, 5}));
        ChatMessage found;
        QVERIFY(store->findByClientId(Author, QStringLiteral("c1"), t0, &found));
        QCOMPARE(found.seq, 1);
    }

    void purgeKeepsSeq()
    {
        {
            auto store = openStore();
            for (int i = 1; i <= 4; ++i)
                append(*store, draft(QStringLiteral("r"), QString::number(i)));
            append(*store, draft(QStringLiteral("other"), QStringLiteral("x")));
            store->purgeRoom(QStringLiteral("r"));
            QCOMPARE(store->lastSeq(QStringLiteral("r")), 4);
            const HistorySlice slice = after(*store, QStringLiteral("r"), 0);
            QVERIFY(slice.messages.isEmpty());
            QVERIFY(slice.truncated);
            QCOMPARE(append(*store, draft(QStringLiteral("r"), QStringLiteral("5"))).seq, 5);
            bool flushed = false;
            store->flush([&] { flushed = true; });
            QTRY_VERIFY(flushed);
        }
        auto store = openStore();
        QCOMPARE(store->lastSeq(QStringLiteral("r")), 5);
        HistorySlice slice = after(*store, QStringLiteral("r"), 2);
        QCOMPARE(seqs(slice), QList<qint64>({5}));
        QVERIFY(slice.truncated);
        QCOMPARE(seqs(after(*store, QStringLiteral("other"), 0)), QList<qint64>({1}));
    }

    void flushWaitsForQueuedAppends()
    {
        auto store = openStore();
        const auto result = appendLater(*store, draft(QStringLiteral("r"), QStringLiteral("x")));
        bool flushed = false;
        store->flush([&] {
            flushed = true;
            QVERIFY(result->called); // the append completed first
        });
        QVERIFY(!flushed);
        QTRY_VERIFY(flushed);
    }

    void secondStoreOnTheSameFileFails()
    {
        auto store = openStore();
        append(*store, draft(QStringLiteral("r"), QStringLiteral("x")));
        SqliteMessageStore second(SqliteMessageStore::fileIn(m_dir->path()), 100);
        QString error;
        QVERIFY(!second.open(&error));
        QVERIFY2(error.contains(QLatin1String("history.sqlite")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_SqliteMessageStore)
#include "tst_sqlitemessagestore.moc"
