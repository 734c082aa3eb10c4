// RandomId: prefix, length, alphabet, and that ids do not repeat.

#include "randomid.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_RandomId : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefixLengthAndAlphabet_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<int>("length");
        QTest::newRow("user") << u"u_"_s << 12;
        QTest::newRow("session id") << QString() << 20;
        QTest::newRow("one") << u"m_"_s << 1;
        QTest::newRow("none") << u"x"_s << 0;
    }

    void prefixLengthAndAlphabet()
    {
        QFETCH(QString, prefix);
        QFETCH(int, length);
        static const QRegularExpression base62(u"^[0-9A-Za-z]*$"_s);
        for (int i = 0; i < 100; ++i) {
            const QString id = RandomId::generate(prefix, length);
            QCOMPARE(id.size(), prefix.size() + length);
            QVERIFY(id.startsWith(prefix));
            QVERIFY2(base62.match(id.mid(prefix.size())).hasMatch(), qPrintable(id));
        }
    }

    void idsDoNotRepeat()
    {
        QSet<QString> seen;
        for (int i = 0; i < 10000; ++i)
            seen.insert(RandomId::generate(QString(), 12));
        QCOMPARE(seen.size(), 10000);
    }

    void everyCharacterOccurs()
    {
        // 62 characters, 20000 draws: each is expected ~320 times; missing one means a
        // broken alphabet or range (e.g. bounded(61)).
        QSet<QChar> used;
        const QString id = RandomId::generate(QString(), 20000);
        for (QChar c : id)
            used.insert(c);
        QCOMPARE(used.size(), 62);
    }
};

QTEST_GUILESS_MAIN(tst_RandomId)
#include "tst_randomid.moc"
