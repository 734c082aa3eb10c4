// OriginPolicy: the --allowed-origins list, checked against the Origin header of upgrades.

#include "originpolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_OriginPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultAllowsEverything()
    {
        const OriginPolicy policy;
        QVERIFY(policy.allowsAny());
        QVERIFY(policy.allows("https://anything.example"));
        QVERIFY(policy.allows(QByteArray()));
        QVERIFY(policy.allows(""));
    }

    void allowsAny_data()
    {
        QTest::addColumn<QStringList>("origins");
        QTest::addColumn<bool>("any");
        QTest::newRow("empty list") << QStringList() << true;
        QTest::newRow("only blanks") << QStringList{u""_s, u"   "_s, u"/"_s} << true;
        QTest::newRow("star") << QStringList{u"*"_s} << true;
        QTest::newRow("star after an origin")
            << QStringList{u"https://a.example"_s, u" * "_s} << true;
        QTest::newRow("star before an origin")
            << QStringList{u"*"_s, u"https://a.example"_s} << true;
        QTest::newRow("one origin") << QStringList{u"https://a.example"_s} << false;
        QTest::newRow("origin and blank") << QStringList{u""_s, u"https://a.example"_s} << false;
    }

    void allowsAny()
    {
        QFETCH(QStringList, origins);
        QFETCH(bool, any);
        const OriginPolicy policy(origins);
        QCOMPARE(policy.allowsAny(), any);
        QCOMPARE(policy.allows("https://elsewhere.example"), any);
    }

    void allows_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("listed") << QByteArray("https://chat.example.org") << true;
        QTest::newRow("second listed") << QByteArray("http://localhost:8080") << true;
        QTest::newRow("upper case") << QByteArray("HTTPS://Chat.Example.ORG") << true;
        QTest::newRow("trailing slash") << QByteArray("https://chat.example.org/") << true;
        QTest::newRow("trailing slashes") << QByteArray("https://chat.example.org//") << true;
        QTest::newRow("no Origin header") << QByteArray() << true;
        QTest::newRow("empty Origin header") << QByteArray("") << false;
        QTest::newRow("other host") << QByteArray("https://evil.example.org") << false;
        QTest::newRow("other scheme") << QByteArray("http://chat.example.org") << false;
        QTest::newRow("other port") << QByteArray("https://chat.example.org:8443") << false;
        QTest::newRow("suffix of listed") << QByteArray("https://chat.example.org.evil") << false;
        QTest::newRow("prefix of listed") << QByteArray("https://chat.example") << false;
        QTest::newRow("with a path") << QByteArray("https://chat.example.org/x") << false;
        QTest::newRow("opaque null origin") << QByteArray("null") << false;
        QTest::newRow("port missing") << QByteArray("http://localhost") << false;
    }

    void allows()
    {
        QFETCH(QByteArray, origin);
        QFETCH(bool, allowed);
        // The configured entries are normalized too: case, spaces and trailing '/'.
        const OriginPolicy policy(
            {u" HTTPS://chat.example.org/ "_s, u"  "_s, u"http://LOCALHOST:8080"_s});
        QVERIFY(!policy.allowsAny());
        QCOMPARE(policy.allows(origin), allowed);
    }
};

QTEST_APPLESS_MAIN(tst_OriginPolicy)
#include "tst_originpolicy.moc"
