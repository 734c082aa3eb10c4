// PollingPayload: the packets of an Engine.IO v4 long-polling body, joined by 0x1E.

#include "pollingpayload.h"

#include <QTest>

class tst_PollingPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsOnTheRecordSeparator_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QList<QByteArray>>("packets");
        QTest::newRow("one") << QByteArray("40") << QList<QByteArray>{"40"};
        QTest::newRow("three") << QByteArray("40\x1e"
                                             "2\x1e"
                                             "42[\"a\"]")
                               << QList<QByteArray>{"40", "2", "42[\"a\"]"};
        QTest::newRow("empty body") << QByteArray() << QList<QByteArray>{""};
        QTest::newRow("empty packets") << QByteArray("\x1e\x1e") << QList<QByteArray>{"", "", ""};
        QTest::newRow("trailing separator") << QByteArray("3\x1e") << QList<QByteArray>{"3", ""};
        QTest::newRow("multi-byte text") << QByteArray("42[\"h\xc3\xa9\"]\x1e"
                                                       "1")
                                         << QList<QByteArray>{"42[\"h\xc3\xa9\"]", "1"};
    }
    void splitsOnTheRecordSeparator()
    {
        QFETCH(QByteArray, body);
        QFETCH(QList<QByteArray>, packets);
        QList<QByteArray> decoded;
        QString error;
        QVERIFY(PollingPayload::decode(body, &decoded, &error));
        QCOMPARE(decoded, packets);
        QVERIFY(error.isEmpty());
    }

    void encodeIsTheInverse()
    {
        const QList<QByteArray> packets{"0{}", "40", "42[\"x\",1]"};
        const QByteArray body = PollingPayload::encode(packets);
        QCOMPARE(body, QByteArray("0{}\x1e"
                                  "40\x1e"
                                  "42[\"x\",1]"));
        QList<QByteArray> decoded;
        QString error;
        QVERIFY(PollingPayload::decode(body, &decoded, &error));
        QCOMPARE(decoded, packets);
    }

    void refusesABodyThatIsNotUtf8_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("lone continuation") << QByteArray("40\x1e\x80");
        QTest::newRow("truncated sequence") << QByteArray("42[\"\xc3\"]");
        QTest::newRow("overlong") << QByteArray("\xc0\xaf");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80");
    }
    void refusesABodyThatIsNotUtf8()
    {
        QFETCH(QByteArray, body);
        QList<QByteArray> decoded{"stale"};
        QString error;
        QVERIFY(!PollingPayload::decode(body, &decoded, &error));
        QVERIFY(decoded.isEmpty()); // nothing of a refused body reaches the session
        QVERIFY(!error.isEmpty());
    }
};

QTEST_APPLESS_MAIN(tst_PollingPayload)
#include "tst_pollingpayload.moc"
