// ViolationWindow: protocol violations tolerated up to a limit within a sliding window.

#include "violationwindow.h"

#include <QTest>

class tst_ViolationWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneOverTheLimitIsAbuse()
    {
        ViolationWindow window(3, 10000);
        QVERIFY(!window.recordAt(0));
        QVERIFY(!window.recordAt(1));
        QVERIFY(!window.recordAt(2));
        QVERIFY(window.recordAt(3));
        QVERIFY(window.recordAt(4)); // and stays abuse while they are in the window
    }

    void oldViolationsLeaveTheWindow()
    {
        ViolationWindow window(2, 1000);
        QVERIFY(!window.recordAt(0));
        QVERIFY(!window.recordAt(500));
        // 1001 ms after the first: it has left the window, two remain.
        QVERIFY(!window.recordAt(1001));
        QVERIFY(window.recordAt(1200)); // 500, 1001, 1200
    }

    void theWindowEdgeStillCounts()
    {
        ViolationWindow window(1, 1000);
        QVERIFY(!window.recordAt(0));
        QVERIFY(window.recordAt(1000)); // exactly windowMs apart: both in the window
        QVERIFY(!window.recordAt(3000));
    }

    void zeroLimitRefusesTheFirst()
    {
        ViolationWindow window(0, 1000);
        QVERIFY(window.recordAt(0));
    }

    void recordUsesTheWindowsClock()
    {
        ViolationWindow window(2, 60000);
        QVERIFY(!window.record());
        QVERIFY(!window.record());
        QVERIFY(window.record());
    }
};

QTEST_GUILESS_MAIN(tst_ViolationWindow)
#include "tst_violationwindow.moc"
