#include "chattext.h"

#include <QTest>

class tst_ChatText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codePoints_data();
    void codePoints();
};

void tst_ChatText::codePoints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("count");
    QTest::addColumn<bool>("loneSurrogate");
    QTest::addColumn<bool>("blank");

    QTest::newRow("empty") << QString() << qsizetype(0) << false << true;
    QTest::newRow("ascii") << QStringLiteral("hello") << qsizetype(5) << false << false;
    QTest::newRow("spaces") << QStringLiteral(" \t\n\r") << qsizetype(4) << false << true;
    QTest::newRow("nbsp and ideographic space")
        << QStringLiteral("\u00a0\u3000\u2028") << qsizetype(3) << false << true;
    QTest::newRow("zero width space is not White_Space")
        << QStringLiteral("\u200b") << qsizetype(1) << false << false;
    QTest::newRow("emoji counts once")
        << QString::fromUcs4(U"a\U0001F600b") << qsizetype(3) << false << false;
    QTest::newRow("combining mark counts")
        << QStringLiteral("e\u0301") << qsizetype(2) << false << false;
    QTest::newRow("lone high") << QStringLiteral("a") + QChar(0xD83D) << qsizetype(2) << true
                               << false;
    QTest::newRow("lone low") << QString(QChar(0xDE00)) << qsizetype(1) << true << false;
    QTest::newRow("swapped pair") << QString(QChar(0xDE00)) + QChar(0xD83D) << qsizetype(2) << true
                                  << false;
    QTest::newRow("4000 emoji") << QString::fromUcs4(std::u32string(4000, U'\U0001F600').c_str())
                                << qsizetype(4000) << false << false;
}

void tst_ChatText::codePoints()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, count);
    QFETCH(bool, loneSurrogate);
    QFETCH(bool, blank);

    QCOMPARE(ChatText::codePointCount(text), count);
    QCOMPARE(ChatText::hasLoneSurrogate(text), loneSurrogate);
    QCOMPARE(ChatText::isBlank(text), blank);
}

QTEST_APPLESS_MAIN(tst_ChatText)
#include "tst_chattext.moc"
