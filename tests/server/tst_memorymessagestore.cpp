// MemoryMessageStore: gapless seqs, retention, since/truncated, paging, dedup window.

#include "memorymessagestore.h"

#include <QTest>

namespace {

MessageDraft draft(const QString& room, const QString& text, const QString& clientId = {},
                   const QDateTime& ts = QDateTime::currentDateTimeUtc())
{
    return MessageDraft{
        room, QStringLiteral("u_author0001"), QStringLiteral("Calm Otter"), text, clientId, ts};
}

ChatMessage append(MemoryMessageStore& store, const MessageDraft& d, bool* duplicate = nullptr)
{
    ChatMessage result;
    bool called = false;
    store.append(d, [&](const ChatMessage& stored, bool dup) {
        result = stored;
        called = true;
        if (duplicate)
            *duplicate = dup;
    });
    Q_ASSERT(called); // the memory store completes synchronously
    return result;
}

QList<qint64> seqs(const HistorySlice& slice)
{
    QList<qint64> result;
    for (const ChatMessage& m : slice.messages)
        result.append(m.seq);
    return result;
}

} // namespace

class tst_MemoryMessageStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seqsPerRoomWithoutGaps()
    {
        MemoryMessageStore store(100);
        QCOMPARE(append(store, draft(QStringLiteral("a"), QStringLiteral("1"))).seq, 1);
        QCOMPARE(append(store, draft(QStringLiteral("b"), QStringLiteral("1"))).seq, 1);
        const ChatMessage second = append(store, draft(QStringLiteral("a"), QStringLiteral("2")));
        QCOMPARE(second.seq, 2);
        QVERIFY(second.id.startsWith(QLatin1String("m_")));
        QCOMPARE(store.lastSeq(QStringLiteral("a")), 2);
        QCOMPARE(store.lastSeq(QStringLiteral("none")), 0);
        QCOMPARE(store.rooms().size(), 2);
    }

    void retentionAndSince()
    {
        MemoryMessageStore store(5);
        for (int i = 1; i <= 12; ++i)
            append(store, draft(QStringLiteral("r"), QString::number(i)));
        QCOMPARE(store.lastSeq(QStringLiteral("r")), 12);
        HistorySlice slice = store.sliceAfter(QStringLiteral("r"), 9);
        QCOMPARE(seqs(slice), QList<qint64>({10, 11, 12}));
        QVERIFY(!slice.truncated);
        slice = store.sliceAfter(QStringLiteral("r"), 7); // 8..12 all kept
        QCOMPARE(seqs(slice), QList<qint64>({8, 9, 10, 11, 12}));
        QVERIFY(!slice.truncated);
        slice = store.sliceAfter(QStringLiteral("r"), 2); // 3..7 are gone
        QCOMPARE(seqs(slice), QList<qint64>({8, 9, 10, 11, 12}));
        QVERIFY(slice.truncated);
        QVERIFY(store.sliceAfter(QStringLiteral("r"), 12).messages.isEmpty());
    }

    void purgeKeepsSeq()
    {
        MemoryMessageStore store(100);
        for (int i = 1; i <= 4; ++i)
            append(store, draft(QStringLiteral("r"), QString::number(i)));
        append(store, draft(QStringLiteral("other"), QStringLiteral("x")));
        store.purgeRoom(QStringLiteral("r"));
        QCOMPARE(store.lastSeq(QStringLiteral("r")), 4);
        HistorySlice slice = store.sliceAfter(QStringLiteral("r"), 0);
        QVERIFY(slice.messages.isEmpty());
        QVERIFY(slice.truncated);
        QCOMPARE(append(store, draft(QStringLiteral("r"), QStringLiteral("5"))).seq, 5);
        slice = store.sliceAfter(QStringLiteral("r"), 2);
        QCOMPARE(seqs(slice), QList<qint64>({5}));
        QVERIFY(slice.truncated);
        QCOMPARE(seqs(store.sliceAfter(QStringLiteral("other"), 0)), QList<qint64>({1}));
    }

    void pagingBackwards()
    {
        MemoryMessageStore store(1000);
        for (int i = 1; i <= 30; ++i)
            append(store, draft(QStringLiteral("r"), QString::number(i)));
        HistorySlice slice = store.sliceBefore(QStringLiteral("r"), 31, 10);
        QCOMPARE(seqs(slice).constFirst(), 21);
        QCOMPARE(seqs(slice).constLast(), 30);
        QVERIFY(slice.hasMore);
        slice = store.sliceBefore(QStringLiteral("r"), 4, 10);
        QCOMPARE(seqs(slice), QList<qint64>({1, 2, 3}));
        QVERIFY(!slice.hasMore);
        QVERIFY(store.sliceBefore(QStringLiteral("r"), 1, 10).messages.isEmpty());
        QCOMPARE(seqs(store.sliceBefore(QStringLiteral("r"), 1000, 2)), QList<qint64>({29, 30}));
    }

    void dedupWithinTenMinutes()
    {
        MemoryMessageStore store(100);
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        bool duplicate = true;
        const ChatMessage original = append(
            store, draft(QStringLiteral("r"), QStringLiteral("hi"), QStringLiteral("c1"), t0),
            &duplicate);
        QVERIFY(!duplicate);
        const ChatMessage retry = append(store,
                                         draft(QStringLiteral("r"), QStringLiteral("other"),
                                               QStringLiteral("c1"), t0.addSecs(60)),
                                         &duplicate);
        QVERIFY(duplicate);
        QCOMPARE(retry, original);
        QCOMPARE(store.lastSeq(QStringLiteral("r")), 1);

        ChatMessage found;
        QVERIFY(store.findByClientId(QStringLiteral("u_author0001"), QStringLiteral("c1"),
                                     t0.addSecs(599), &found));
        QVERIFY(!store.findByClientId(QStringLiteral("u_someoneelse"), QStringLiteral("c1"), t0,
                                      &found));
        QVERIFY(!store.findByClientId(QStringLiteral("u_author0001"), QString(), t0, &found));
        // After the window the key is free again: a new message.
        const ChatMessage later = append(store,
                                         draft(QStringLiteral("r"), QStringLiteral("again"),
                                               QStringLiteral("c1"), t0.addSecs(601)),
                                         &duplicate);
        QVERIFY(!duplicate);
        QCOMPARE(later.seq, 2);
    }
};

QTEST_APPLESS_MAIN(tst_MemoryMessageStore)
#include "tst_memorymessagestore.moc"
