#include "typingtracker.h"

#include <QSignalSpy>
#include <QTest>

class TestTypingTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addsRefreshesAndRemoves();
    void expiresWithoutStop();
    void clearForgetsRooms();
};

namespace {
const Member amber{QStringLiteral("u_a"), QStringLiteral("Amber Otter")};
const Member blue{QStringLiteral("u_b"), QStringLiteral("Blue Heron")};
} // namespace

void TestTypingTracker::addsRefreshesAndRemoves()
{
    TypingTracker tracker;
    QSignalSpy changed(&tracker, &TypingTracker::typingChanged);
    tracker.update(QStringLiteral("lobby"), amber, true);
    tracker.update(QStringLiteral("lobby"), blue, true);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(tracker.typing(QStringLiteral("lobby")), (QList<Member>{amber, blue}));
    tracker.update(QStringLiteral("lobby"), amber, true); // a refresh changes nothing shown
    QCOMPARE(changed.count(), 2);
    tracker.update(QStringLiteral("lobby"), amber, false);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(tracker.typing(QStringLiteral("lobby")), (QList<Member>{blue}));
    tracker.remove(QStringLiteral("lobby"), QStringLiteral("u_nobody"));
    QCOMPARE(changed.count(), 3);
    QVERIFY(tracker.typing(QStringLiteral("other")).isEmpty());
}

void TestTypingTracker::expiresWithoutStop()
{
    TypingTracker tracker;
    tracker.setExpiryMs(100);
    QSignalSpy changed(&tracker, &TypingTracker::typingChanged);
    tracker.update(QStringLiteral("lobby"), amber, true);
    QVERIFY(changed.wait(2000)); // the expiry, no typing:false needed
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).toString(), QStringLiteral("lobby"));
    QVERIFY(tracker.typing(QStringLiteral("lobby")).isEmpty());
}

void TestTypingTracker::clearForgetsRooms()
{
    TypingTracker tracker;
    tracker.update(QStringLiteral("a"), amber, true);
    tracker.update(QStringLiteral("b"), blue, true);
    QSignalSpy changed(&tracker, &TypingTracker::typingChanged);
    tracker.clear(QStringLiteral("a"));
    QCOMPARE(changed.count(), 1);
    QVERIFY(tracker.typing(QStringLiteral("a")).isEmpty());
    tracker.clear();
    QCOMPARE(changed.count(), 2);
    QVERIFY(tracker.typing(QStringLiteral("b")).isEmpty());
}

QTEST_GUILESS_MAIN(TestTypingTracker)
#include "tst_typingtracker.moc"
