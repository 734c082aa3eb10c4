// Participant: a connection's two rate buckets and the rate_limited error each refusal
// gives (shared protocol, "Rate limit").

#include "chaterror.h"
#include "participant.h"

#include <QTest>

class tst_Participant : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messageTokensRunOutWithRetryAfter()
    {
        Participant participant;
        participant.bucket = TokenBucket(2.0, 3, 0); // 2 per second, burst 3
        ChatError error;
        for (int i = 0; i < 3; ++i)
            QVERIFY(participant.takeTokens(1.0, 0, &error));
        QVERIFY(!participant.takeTokens(1.0, 0, &error));
        QCOMPARE(error.code, ChatError::Code::RateLimited);
        QCOMPARE(error.retryAfterMs, 500); // one token at 2 per second
        QVERIFY(!error.message.isEmpty());
        // Half a second later one token is back, and only one.
        QVERIFY(participant.takeTokens(1.0, 500, &error));
        QVERIFY(!participant.takeTokens(1.0, 500, &error));
    }

    void fractionalCost()
    {
        Participant participant;
        participant.bucket = TokenBucket(1.0, 1, 0);
        ChatError error;
        for (int i = 0; i < 5; ++i)
            QVERIFY2(participant.takeTokens(0.2, 0, &error), qPrintable(QString::number(i)));
        QVERIFY(!participant.takeTokens(0.2, 0, &error));
        QCOMPARE(error.retryAfterMs, 200);
    }

    void requestTokensAreASeparateBucket()
    {
        Participant participant;
        participant.bucket = TokenBucket(1.0, 1, 0);
        participant.requestBucket = TokenBucket(1.0, 2, 0);
        ChatError error;
        QVERIFY(participant.takeTokens(1.0, 0, &error));
        QVERIFY(!participant.takeTokens(1.0, 0, &error));
        const QString messageRefusal = error.message;
        // The message bucket is empty; requests still have their own two tokens.
        QVERIFY(participant.takeRequestToken(0, &error));
        QVERIFY(participant.takeRequestToken(0, &error));
        error = ChatError();
        QVERIFY(!participant.takeRequestToken(0, &error));
        QCOMPARE(error.code, ChatError::Code::RateLimited);
        QCOMPARE(error.retryAfterMs, 1000);
        QVERIFY(error.message != messageRefusal); // "too many requests", not "messages"
    }

    void unlimitedBucketsNeverRefuse()
    {
        Participant participant; // default buckets: rate 0 = unlimited
        ChatError error;
        error.code = ChatError::Code::InvalidPayload;
        for (int i = 0; i < 1000; ++i) {
            QVERIFY(participant.takeTokens(1.0, 0, &error));
            QVERIFY(participant.takeRequestToken(0, &error));
        }
        QCOMPARE(error.code, ChatError::Code::InvalidPayload); // untouched on success
    }
};

QTEST_GUILESS_MAIN(tst_Participant)
#include "tst_participant.moc"
