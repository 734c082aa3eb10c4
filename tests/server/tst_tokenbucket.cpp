// The per-connection token bucket: burst, refill, retry_after_ms, fractions, unlimited.

#include "tokenbucket.h"

#include <QTest>

class tst_TokenBucket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRefill()
    {
        TokenBucket bucket(2.0, 3, 0); // 2 tokens/s, capacity 3, starts full
        qint64 retry = -1;
        for (int i = 0; i < 3; ++i)
            QVERIFY(bucket.tryTake(1, 0, &retry));
        QVERIFY(!bucket.tryTake(1, 0, &retry));
        QCOMPARE(retry, qint64(500));
        QVERIFY(!bucket.tryTake(1, 499, &retry));
        QCOMPARE(retry, qint64(1));
        QVERIFY(bucket.tryTake(1, 500, &retry));
        // Refill never exceeds the capacity.
        QCOMPARE(bucket.available(100000), 3.0);
    }

    void fractionalCost()
    {
        TokenBucket bucket(1.0, 1, 0);
        qint64 retry = -1;
        for (int i = 0; i < 5; ++i)
            QVERIFY(bucket.tryTake(0.2, 0, &retry));
        QVERIFY(!bucket.tryTake(0.2, 0, &retry));
        QCOMPARE(retry, qint64(200));
    }

    void zeroMeansUnlimited()
    {
        qint64 retry = -1;
        TokenBucket noRate(0, 10, 0);
        TokenBucket noBurst(2, 0, 0);
        for (int i = 0; i < 1000; ++i) {
            QVERIFY(noRate.tryTake(1, 0, &retry));
            QVERIFY(noBurst.tryTake(1, 0, &retry));
        }
    }
};

QTEST_APPLESS_MAIN(tst_TokenBucket)
#include "tst_tokenbucket.moc"
