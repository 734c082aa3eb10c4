// TypingExpiry: expiry after the timeout, restart on repeat, clear on stop and leave.

#include "typingexpiry.h"

#include <QSignalSpy>
#include <QTest>

class tst_TypingExpiry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expiresAfterTheTimeout()
    {
        TypingExpiry tracker(100);
        QSignalSpy expired(&tracker, &TypingExpiry::expired);
        const Member amber{QStringLiteral("u_a"), QStringLiteral("Amber Otter")};
        tracker.update(QStringLiteral("lobby"), amber, true);
        QVERIFY(tracker.isTyping(QStringLiteral("lobby"), amber.userId));
        QVERIFY(expired.wait(2000));
        QCOMPARE(expired.constFirst().at(0).toString(), QStringLiteral("lobby"));
        QCOMPARE(expired.constFirst().at(1).value<Member>(), amber);
        QVERIFY(!tracker.isTyping(QStringLiteral("lobby"), amber.userId));
        QCOMPARE(tracker.count(), 0);
    }

    void stopAndClearCancel()
    {
        TypingExpiry tracker(50);
        QSignalSpy expired(&tracker, &TypingExpiry::expired);
        const Member amber{QStringLiteral("u_a"), QStringLiteral("Amber Otter")};
        tracker.update(QStringLiteral("a"), amber, true);
        tracker.update(QStringLiteral("b"), amber, true);
        QCOMPARE(tracker.count(), 2);
        tracker.update(QStringLiteral("a"), amber, false);
        QVERIFY(tracker.clear(QStringLiteral("b"), amber.userId));
        QVERIFY(!tracker.clear(QStringLiteral("b"), amber.userId)); // already gone
        QCOMPARE(tracker.count(), 0);
        QTest::qWait(200); // past the timeout: nothing may fire
        QVERIFY(expired.isEmpty());
    }

    void repeatRestartsTheTimeout()
    {
        TypingExpiry tracker(300);
        QSignalSpy expired(&tracker, &TypingExpiry::expired);
        const Member amber{QStringLiteral("u_a"), QStringLiteral("Amber Otter")};
        QElapsedTimer clock;
        clock.start();
        tracker.update(QStringLiteral("a"), amber, true);
        QVERIFY(QTest::qWaitFor([&] { return clock.elapsed() >= 200; }, 1000));
        tracker.update(QStringLiteral("a"), amber, true); // still typing
        QVERIFY(expired.wait(2000));
        QVERIFY(clock.elapsed() >= 450);
        QCOMPARE(expired.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_TypingExpiry)
#include "tst_typingexpiry.moc"
