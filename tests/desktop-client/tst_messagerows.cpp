// MessageRows: the rows behind MessageListModel and the questions asked about them.
#include "messagerows.h"

#include <QTest>

using Kind = MessageRow::Kind;
using Delivery = MessageRow::Delivery;

namespace {
const QDateTime Start(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);

ChatMessage message(qint64 seq, const QString& userId = QStringLiteral("u_a"), qint64 secs = -1)
{
    ChatMessage m;
    m.room = QStringLiteral("lobby");
    m.seq = seq;
    m.userId = userId;
    m.handle = QStringLiteral("Handle ") + userId;
    m.text = QStringLiteral("text %1").arg(seq);
    m.ts = Start.addSecs(secs < 0 ? seq : secs);
    return m;
}

QList<qint64> seqsOf(const QList<ChatMessage>& messages)
{
    QList<qint64> seqs;
    for (const ChatMessage& m : messages)
        seqs.append(m.seq);
    return seqs;
}
} // namespace

class TestMessageRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void factoriesFillTheRow();
    void insertAndRemoveTrackSeqs();
    void insertionRowKeepsSeqOrderBeforePending();
    void pendingRowsAreFoundByClientId();
    void olderAndNewerFilterSortAndDeduplicate();
    void daysAndGroups();
};

void TestMessageRows::factoriesFillTheRow()
{
    const MessageRow stored = MessageRows::storedRow(message(5));
    QCOMPARE(stored.kind, Kind::Message);
    QCOMPARE(stored.delivery, Delivery::Delivered);
    QCOMPARE(stored.message.seq, 5);
    QVERIFY(stored.localDate.isValid());

    PresenceEvent left;
    left.kind = PresenceEvent::Kind::Left;
    left.room = QStringLiteral("lobby");
    left.userId = QStringLiteral("u_b");
    left.handle = QStringLiteral("Blue Heron");
    left.ts = Start;
    left.reason = QStringLiteral("timeout");
    const MessageRow presence = MessageRows::presenceRow(left);
    QCOMPARE(presence.kind, Kind::Left);
    QCOMPARE(presence.message.userId, QStringLiteral("u_b"));
    QCOMPARE(presence.reason, QStringLiteral("timeout"));
    QCOMPARE(presence.message.seq, 0);

    const MessageRow gap = MessageRows::gapRow(7, Start);
    QCOMPARE(gap.kind, Kind::Gap);
    QCOMPARE(gap.gapCount, 7);

    const MessageRow pending = MessageRows::pendingRow(QStringLiteral("c1"), QStringLiteral("hi"),
                                                       Start, QStringLiteral("u_me"), {});
    QCOMPARE(pending.delivery, Delivery::Pending);
    QCOMPARE(pending.message.clientId, QStringLiteral("c1"));
    QCOMPARE(pending.message.userId, QStringLiteral("u_me"));
    QCOMPARE(pending.message.seq, 0);
}

void TestMessageRows::insertAndRemoveTrackSeqs()
{
    MessageRows rows;
    QCOMPARE(rows.firstSeq(), 0);
    QCOMPARE(rows.newestSeq(), 0);
    rows.insert(0, {MessageRows::storedRow(message(3)), MessageRows::gapRow(2, Start),
                    MessageRows::storedRow(message(6))});
    QCOMPARE(rows.size(), 3);
    QVERIFY(rows.containsSeq(3));
    QVERIFY(rows.containsSeq(6));
    QVERIFY(!rows.containsSeq(0)); // the gap marker holds no stored message
    QCOMPARE(rows.firstSeq(), 3);
    QCOMPARE(rows.newestSeq(), 6);
    rows.remove(0, 2);
    QVERIFY(!rows.containsSeq(3));
    QCOMPARE(rows.firstSeq(), 6);
    rows.clear();
    QVERIFY(rows.isEmpty());
    QVERIFY(!rows.containsSeq(6));
}

void TestMessageRows::insertionRowKeepsSeqOrderBeforePending()
{
    MessageRows rows;
    rows.insert(0, {MessageRows::storedRow(message(2)), MessageRows::storedRow(message(5)),
                    MessageRows::pendingRow(QStringLiteral("c1"), QStringLiteral("x"), Start,
                                            QStringLiteral("u_me"), {})});
    QCOMPARE(rows.firstPendingRow(), 2);
    QCOMPARE(rows.insertionRowFor(9), 2); // newest: before the pending row
    QCOMPARE(rows.insertionRowFor(3), 1); // back-filled between 2 and 5
    QCOMPARE(rows.insertionRowFor(1), 0);
}

void TestMessageRows::pendingRowsAreFoundByClientId()
{
    MessageRows rows;
    rows.insert(0, {MessageRows::storedRow(message(1))});
    QCOMPARE(rows.firstPendingRow(), 1);
    QCOMPARE(rows.rowOfPending(QStringLiteral("c1")), -1);
    rows.insert(1, {MessageRows::pendingRow(QStringLiteral("c1"), QStringLiteral("one"), Start,
                                            QStringLiteral("u_me"), {}),
                    MessageRows::pendingRow(QStringLiteral("c2"), QStringLiteral("two"), Start,
                                            QStringLiteral("u_me"), {})});
    QCOMPARE(rows.rowOfPending(QStringLiteral("c2")), 2);
    rows.rowAt(1).delivery = Delivery::Failed;
    QCOMPARE(rows.firstPendingRow(), 1); // failed rows count as pending
    QCOMPARE(rows.pendingMessages(),
             (QList<std::pair<QString, QString>>{{QStringLiteral("c1"), QStringLiteral("one")},
                                                 {QStringLiteral("c2"), QStringLiteral("two")}}));
}

void TestMessageRows::olderAndNewerFilterSortAndDeduplicate()
{
    MessageRows rows;
    QCOMPARE(seqsOf(rows.olderThanHeld({message(4), message(2), message(4)})),
             (QList<qint64>{2, 4}));
    rows.insert(0, {MessageRows::storedRow(message(10)), MessageRows::storedRow(message(12))});
    QCOMPARE(seqsOf(rows.olderThanHeld(
                 {message(11), message(9), message(3), message(9), message(0), message(10)})),
             (QList<qint64>{3, 9}));
    QCOMPARE(seqsOf(rows.newerThanHeld(
                 {message(15), message(11), message(13), message(15), message(12)})),
             (QList<qint64>{13, 15}));
}

void TestMessageRows::daysAndGroups()
{
    MessageRows rows;
    const qint64 day = 24 * 3600;
    rows.insert(0, {MessageRows::storedRow(message(1, QStringLiteral("u_a"), 0)),
                    MessageRows::storedRow(message(2, QStringLiteral("u_a"), 60)),
                    MessageRows::storedRow(message(3, QStringLiteral("u_b"), 120)),
                    MessageRows::storedRow(message(4, QStringLiteral("u_b"), 120 + 6 * 60)),
                    MessageRows::storedRow(message(5, QStringLiteral("u_b"), day)),
                    MessageRows::pendingRow(QStringLiteral("c"), QStringLiteral("p"),
                                            Start.addSecs(day + 1), QStringLiteral("u_b"), {})});
    QVERIFY(rows.isFirstOfDay(0));
    QVERIFY(!rows.isFirstOfDay(1));
    QVERIFY(rows.isFirstOfDay(4)); // the next day
    QVERIFY(!rows.isGrouped(0));
    QVERIFY(rows.isGrouped(1));  // same author, a minute later
    QVERIFY(!rows.isGrouped(2)); // another author
    QVERIFY(!rows.isGrouped(3)); // beyond GroupWindowMs
    QVERIFY(!rows.isGrouped(4)); // a new day
    QVERIFY(!rows.isGrouped(5)); // pending rows show their own header
}

QTEST_GUILESS_MAIN(TestMessageRows)
#include "tst_messagerows.moc"
