#include "reconnectbackoff.h"

#include <QTest>

class TestReconnectBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sequenceWithoutJitter();
    void jitterBounds_data();
    void jitterBounds();
    void jitterSignFollowsRandom();
    void capHoldsForever();
    void resetStartsOver();
};

void TestReconnectBackoff::sequenceWithoutJitter()
{
    ReconnectBackoff backoff(1000, 5000, 0.0);
    QList<int> delays;
    for (int i = 0; i < 5; ++i)
        delays.append(backoff.nextDelayMs());
    QCOMPARE(delays, (QList<int>{1000, 2000, 4000, 5000, 5000}));
    QCOMPARE(backoff.attempts(), 5);
}

void TestReconnectBackoff::jitterBounds_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("low");
    QTest::addColumn<int>("high");
    QTest::newRow("first") << 0 << 500 << 1500;
    QTest::newRow("second") << 1 << 1000 << 3000;
    QTest::newRow("third, capped") << 2 << 2000 << 5000;
    QTest::newRow("fourth, capped") << 3 << 4000 << 5000;
}

void TestReconnectBackoff::jitterBounds()
{
    QFETCH(int, attempt);
    QFETCH(int, low);
    QFETCH(int, high);
    // Sweep the random source over [0, 1): every delay stays within +-50% and the cap.
    for (int step = 0; step < 1000; ++step) {
        ReconnectBackoff backoff;
        const double r = step / 1000.0;
        backoff.setRandomSource([r] { return r; });
        int delay = 0;
        for (int i = 0; i <= attempt; ++i)
            delay = backoff.nextDelayMs();
        QVERIFY2(delay >= low && delay <= high,
                 qPrintable(QStringLiteral("r=%1 delay=%2").arg(r).arg(delay)));
    }
}

void TestReconnectBackoff::jitterSignFollowsRandom()
{
    // socket.io-client: deviation = floor(r * 0.5 * ms), subtracted when floor(r * 10) is even.
    ReconnectBackoff low;
    low.setRandomSource([] { return 0.25; }); // floor(2.5) = 2, even: 1000 - 125
    QCOMPARE(low.nextDelayMs(), 875);
    ReconnectBackoff high;
    high.setRandomSource([] { return 0.35; }); // floor(3.5) = 3, odd: 1000 + 175
    QCOMPARE(high.nextDelayMs(), 1175);
}

void TestReconnectBackoff::capHoldsForever()
{
    ReconnectBackoff backoff;
    backoff.setRandomSource([] { return 0.99; });
    for (int i = 0; i < 200; ++i)
        QVERIFY(backoff.nextDelayMs() <= 5000);
    QCOMPARE(backoff.nextDelayMs(), 5000);
}

void TestReconnectBackoff::resetStartsOver()
{
    ReconnectBackoff backoff(1000, 5000, 0.0);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    QCOMPARE(backoff.attempts(), 0);
    QCOMPARE(backoff.nextDelayMs(), 1000);
    QCOMPARE(backoff.attempts(), 1);
}

QTEST_GUILESS_MAIN(TestReconnectBackoff)
#include "tst_reconnectbackoff.moc"
