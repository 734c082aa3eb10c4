// EventLoopLagProbe: ticks of an idle loop show little lag, a stalled loop shows the stall
// once (not as a burst of catch-up ticks), and each tick lands in the histogram.

#include "eventlooplagprobe.h"
#include "histogram.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

namespace {

/// Blocks the event loop for @p ms (what a slow handler does).
void stallEventLoop(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
    }
}

} // namespace

class tst_EventLoopLagProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTickIsObserved()
    {
        Histogram histogram({0.001, 0.01, 0.1, 1.0});
        EventLoopLagProbe probe(&histogram, 10);
        QSignalSpy measured(&probe, &EventLoopLagProbe::measured);
        QCOMPARE(probe.lastLagMs(), 0.0);
        QTRY_VERIFY(measured.count() >= 3);
        QCOMPARE(histogram.count(), quint64(measured.count()));
        for (const QList<QVariant>& tick : measured)
            QVERIFY(tick.at(0).toDouble() >= 0);
        QCOMPARE(probe.lastLagMs(), measured.last().at(0).toDouble());
    }

    void aStallShowsOnce()
    {
        Histogram histogram({0.001, 0.01, 0.1, 1.0});
        EventLoopLagProbe probe(&histogram, 10);
        QSignalSpy measured(&probe, &EventLoopLagProbe::measured);
        QVERIFY(measured.wait(2000));
        stallEventLoop(200);
        QVERIFY(measured.wait(2000));
        const double stalled = measured.last().at(0).toDouble();
        QVERIFY2(stalled >= 150, qPrintable(QString::number(stalled)));
        // Re-armed from then: the next tick is on time again, the stall is not counted twice.
        QVERIFY(measured.wait(2000));
        const double next = measured.last().at(0).toDouble();
        QVERIFY2(next < 100, qPrintable(QString::number(next)));
    }
};

QTEST_GUILESS_MAIN(tst_EventLoopLagProbe)
#include "tst_eventlooplagprobe.moc"
