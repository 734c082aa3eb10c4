#include "acktracker.h"

#include <QTest>

class TestAckTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idsCountFromZero();
    void takeHandsBackTheCallbackOnce();
    void unknownIdGivesNothing();
    void failAllRunsInEmitOrder();
    void dropAllRunsNothing();
};

void TestAckTracker::idsCountFromZero()
{
    AckTracker acks;
    QCOMPARE(acks.track([](bool, const QJsonValue&) {}), 0);
    QCOMPARE(acks.track([](bool, const QJsonValue&) {}), 1);
    QCOMPARE(acks.track([](bool, const QJsonValue&) {}), 2);
    QCOMPARE(acks.pendingCount(), 3);
}

void TestAckTracker::takeHandsBackTheCallbackOnce()
{
    AckTracker acks;
    QJsonValue seen;
    bool seenAcked = false;
    const qint64 id = acks.track([&](bool acked, const QJsonValue& reply) {
        seenAcked = acked;
        seen = reply;
    });
    int roundTripMs = -1;
    const AckTracker::Callback callback = acks.take(id, &roundTripMs);
    QVERIFY(bool(callback));
    QVERIFY(roundTripMs >= 0);
    QCOMPARE(acks.pendingCount(), 0);
    callback(true, QJsonValue(42));
    QVERIFY(seenAcked);
    QCOMPARE(seen, QJsonValue(42));
    QVERIFY(!acks.take(id)); // once only
}

void TestAckTracker::unknownIdGivesNothing()
{
    AckTracker acks;
    acks.track([](bool, const QJsonValue&) {});
    int roundTripMs = -7;
    QVERIFY(!acks.take(5, &roundTripMs));
    QCOMPARE(roundTripMs, -7);
    QCOMPARE(acks.pendingCount(), 1);
}

void TestAckTracker::failAllRunsInEmitOrder()
{
    AckTracker acks;
    QList<int> order;
    for (int i = 0; i < 20; ++i) {
        acks.track([&order, i](bool acked, const QJsonValue& reply) {
            QVERIFY(!acked);
            QVERIFY(reply.isUndefined());
            order.append(i);
        });
    }
    acks.take(3);
    acks.failAll();
    QList<int> expected;
    for (int i = 0; i < 20; ++i) {
        if (i != 3)
            expected.append(i);
    }
    QCOMPARE(order, expected);
    QCOMPARE(acks.pendingCount(), 0);
    acks.failAll(); // nothing left to run
    QCOMPARE(order.size(), 19);
}

void TestAckTracker::dropAllRunsNothing()
{
    AckTracker acks;
    int runs = 0;
    acks.track([&runs](bool, const QJsonValue&) { ++runs; });
    acks.dropAll();
    acks.failAll();
    QCOMPARE(runs, 0);
    QCOMPARE(acks.pendingCount(), 0);
}

QTEST_GUILESS_MAIN(TestAckTracker)
#include "tst_acktracker.moc"
