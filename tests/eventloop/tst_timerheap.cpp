// TimerHeap's deadline arithmetic (pure) and its bookkeeping without an event loop.

#include "timerheap.h"

#include <QObject>
#include <QTest>

namespace {
constexpr qint64 Ms = 1000 * 1000;
constexpr qint64 Second = 1000 * Ms;
} // namespace

class tst_TimerHeap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void preciseDeadlineIsExact();
    void coarseDeadlineWithinFivePercentOnRoundBoundary_data();
    void coarseDeadlineWithinFivePercentOnRoundBoundary();
    void shortCoarseTimersArePrecise();
    void veryCoarseDeadlineOnWholeSecond();
    void longCoarseTimersBecomeVeryCoarse();
    void bookkeeping();
};

void tst_TimerHeap::preciseDeadlineIsExact()
{
    const qint64 now = 123 * Second + 456789;
    QCOMPARE(TimerHeap::firstDeadlineNs(now, 0, Qt::PreciseTimer), now);
    QCOMPARE(TimerHeap::firstDeadlineNs(now, 7, Qt::PreciseTimer), now + 7 * Ms);
    QCOMPARE(TimerHeap::firstDeadlineNs(now, 25000, Qt::PreciseTimer), now + 25000 * Ms);
}

void tst_TimerHeap::coarseDeadlineWithinFivePercentOnRoundBoundary_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("intervalMs");
    QTest::newRow("100 ms") << qint64(10 * Second + 3 * Ms + 17) << qint64(100);
    QTest::newRow("130 ms") << qint64(10 * Second + 461 * Ms) << qint64(130);
    QTest::newRow("1 s") << qint64(55 * Second + 987 * Ms + 5) << qint64(1000);
    QTest::newRow("15 s") << qint64(77 * Second + 211 * Ms) << qint64(15000);
    QTest::newRow("21 ms") << qint64(3 * Second + 999 * Ms) << qint64(21);
}

void tst_TimerHeap::coarseDeadlineWithinFivePercentOnRoundBoundary()
{
    QFETCH(qint64, now);
    QFETCH(qint64, intervalMs);
    const qint64 ideal = now + intervalMs * Ms;
    const qint64 deadline = TimerHeap::firstDeadlineNs(now, intervalMs, Qt::CoarseTimer);
    QVERIFY(deadline > now);
    QVERIFY(std::abs(deadline - ideal) <= intervalMs * Ms / 20);
    // Moved onto a whole millisecond at least, so that timers share wake-ups.
    QCOMPARE(deadline % Ms, 0);
}

void tst_TimerHeap::shortCoarseTimersArePrecise()
{
    const qint64 now = 5 * Second + 333333;
    QCOMPARE(TimerHeap::firstDeadlineNs(now, 20, Qt::CoarseTimer), now + 20 * Ms);
    QCOMPARE(TimerHeap::firstDeadlineNs(now, 0, Qt::CoarseTimer), now);
}

void tst_TimerHeap::veryCoarseDeadlineOnWholeSecond()
{
    const qint64 now = 40 * Second + 300 * Ms;
    // 2400 ms rounds to 2 s, and the deadline to the next whole second after now + 2 s.
    QCOMPARE(TimerHeap::firstDeadlineNs(now, 2400, Qt::VeryCoarseTimer), 43 * Second);
    QCOMPARE(TimerHeap::firstDeadlineNs(now, 2600, Qt::VeryCoarseTimer), 44 * Second);
}

void tst_TimerHeap::longCoarseTimersBecomeVeryCoarse()
{
    const qint64 now = 40 * Second + 300 * Ms;
    QCOMPARE(TimerHeap::firstDeadlineNs(now, 25000, Qt::CoarseTimer), 66 * Second);
}

void tst_TimerHeap::bookkeeping()
{
    TimerHeap heap;
    QObject a;
    QObject b;
    heap.registerTimer(1, 5000, Qt::PreciseTimer, &a);
    heap.registerTimer(2, 100, Qt::PreciseTimer, &a);
    heap.registerTimer(3, 1000, Qt::CoarseTimer, &b);
    QCOMPARE(heap.size(), 3);
    // The 100 ms timer is next.
    const qint64 next = heap.nanosecondsUntilNextTimer(TimerHeap::steadyNowNs());
    QVERIFY(next > 0 && next <= 100 * Ms);
    QCOMPARE(heap.registeredTimers(&a).size(), 2);
    QCOMPARE(heap.earliestTimerId(), 2);
    QVERIFY(heap.remainingTimeMs(1) > 4000 && heap.remainingTimeMs(1) <= 5000);

    QVERIFY(heap.unregisterTimer(2));
    QVERIFY(!heap.unregisterTimer(2));
    QVERIFY(heap.nanosecondsUntilNextTimer(TimerHeap::steadyNowNs()) > 900 * Ms);
    QVERIFY(heap.unregisterTimers(&a));
    QCOMPARE(heap.size(), 1);
    QCOMPARE(heap.remainingTimeMs(1), -1);
    QVERIFY(heap.unregisterTimers(&b));
    QCOMPARE(heap.nanosecondsUntilNextTimer(TimerHeap::steadyNowNs()), -1);
    // Nothing due: no events sent (and no object touched).
    QCOMPARE(heap.activateDueTimers(), 0);

    // Many timers: removal from the middle keeps the heap ordered.
    for (int id = 10; id < 1010; ++id)
        heap.registerTimer(id, (id * 7919) % 1000 + 100, Qt::PreciseTimer, &a);
    for (int id = 10; id < 1010; id += 3)
        QVERIFY(heap.unregisterTimer(id));
    qint64 previous = -1;
    while (heap.size() > 0) {
        const int earliest = heap.earliestTimerId();
        const qint64 deadline = heap.deadlineNs(earliest);
        QVERIFY(deadline >= previous);
        for (int id = 10; id < 1010; ++id) {
            const qint64 other = heap.deadlineNs(id);
            QVERIFY(other < 0 || other >= deadline);
        }
        previous = deadline;
        QVERIFY(heap.unregisterTimer(earliest));
    }
    QCOMPARE(heap.earliestTimerId(), -1);
}

QTEST_APPLESS_MAIN(tst_TimerHeap)

#include "tst_timerheap.moc"
