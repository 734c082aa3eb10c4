// SlowConsumerPolicy, the one slow-consumer rule of every transport, on its own: time is
// passed in, so each case is exact.

#include "slowconsumerpolicy.h"

#include <QTest>

class tst_SlowConsumerPolicy : public QObject
{
    Q_OBJECT

private:
    using Verdict = SlowConsumerPolicy::Verdict;

    static ConnectionLimits limits(qint64 maxUnsentBytes = 1000, int graceMs = 100)
    {
        ConnectionLimits limits;
        limits.maxUnsentBytes = maxUnsentBytes;
        limits.slowConsumerGraceMs = graceMs;
        return limits;
    }

private Q_SLOTS:
    void underTheLimitIsFine()
    {
        SlowConsumerPolicy policy;
        QCOMPARE(policy.observe(0, 0, limits()), Verdict::Fine);
        QCOMPARE(policy.observe(1000, 10, limits()), Verdict::Fine); // at the limit
        QVERIFY(!policy.watching());
    }

    void noLimitNeverDrops()
    {
        SlowConsumerPolicy policy;
        QCOMPARE(policy.observe(1 << 30, 0, limits(0)), Verdict::Fine);
        QCOMPARE(policy.observe(1 << 30, 100000, limits(0)), Verdict::Fine);
    }

    void overTheLimitForAWholeGracePeriodDrops()
    {
        SlowConsumerPolicy policy;
        QCOMPARE(policy.observe(5000, 0, limits()), Verdict::Watch);
        QVERIFY(policy.watching());
        QCOMPARE(policy.nextLookAtMs(limits()), 100);
        QCOMPARE(policy.observe(5000, 50, limits()), Verdict::Watch); // within the grace
        QCOMPARE(policy.observe(5000, 100, limits()), Verdict::Drop);
        QCOMPARE(policy.observe(9000, 120, limits()), Verdict::Drop); // grew: still dropped
    }

    void backUnderTheLimitEndsTheGracePeriod()
    {
        SlowConsumerPolicy policy;
        QCOMPARE(policy.observe(5000, 0, limits()), Verdict::Watch);
        QCOMPARE(policy.observe(10, 60, limits()), Verdict::Fine);
        QVERIFY(!policy.watching());
        // Over again later: a new grace period from then.
        QCOMPARE(policy.observe(5000, 1000, limits()), Verdict::Watch);
        QCOMPARE(policy.nextLookAtMs(limits()), 1100);
        QCOMPARE(policy.observe(5000, 1099, limits()), Verdict::Watch);
        QCOMPARE(policy.observe(5000, 1100, limits()), Verdict::Drop);
    }

    void aDrainingPeerGetsAnotherGracePeriod()
    {
        SlowConsumerPolicy policy;
        // A large reply draining slowly: over the limit at every look, smaller each time.
        qint64 unsent = 20000;
        qint64 now = 0;
        QCOMPARE(policy.observe(unsent, now, limits()), Verdict::Watch);
        for (int look = 0; look < 10; ++look) {
            unsent -= 1000;
            now += 100;
            QCOMPARE(policy.observe(unsent, now, limits()), Verdict::Watch);
        }
        // Then it stops draining while still over the limit.
        now += 100;
        QCOMPARE(policy.observe(unsent, now, limits()), Verdict::Drop);
    }
};

QTEST_APPLESS_MAIN(tst_SlowConsumerPolicy)
#include "tst_slowconsumerpolicy.moc"
