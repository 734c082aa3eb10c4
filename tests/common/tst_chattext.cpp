#include "chattext.h"

#include <QTest>

class tst_ChatText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codePoints_data();
    void codePoints();
    void sanitized_data();
    void sanitized();
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

void tst_ChatText::sanitized_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("hello") << QStringLiteral("hello");
    QTest::newRow("newline and tab kept") << QStringLiteral("a\nb\tc") << QStringLiteral("a\nb\tc");
    QTest::newRow("CRLF becomes LF") << QStringLiteral("a\r\nb") << QStringLiteral("a\nb");
    QTest::newRow("C0 removed") << QStringLiteral("a\u0000b\u0007c\u001bd\u001f")
                                << QStringLiteral("abcd");
    QTest::newRow("DEL and C1 removed")
        << QStringLiteral("a\u007fb\u0085c\u009f") << QStringLiteral("abc");
    QTest::newRow("only controls") << QStringLiteral("\u0001\u0002") << QString();
    QTest::newRow("format characters kept")
        << QStringLiteral("a\u200bb\u202e") << QStringLiteral("a\u200bb\u202e");
    QTest::newRow("NFC composes") << QStringLiteral("Cafe\u0301") << QStringLiteral("Caf\u00e9");
    QTest::newRow("NFC after removal joins mark")
        << QStringLiteral("e\u0007\u0301") << QStringLiteral("\u00e9");
    QTest::newRow("hangul jamo compose")
        << QStringLiteral("\u1100\u1161") << QStringLiteral("\uac00");
    QTest::newRow("emoji kept") << QString::fromUcs4(U"\U0001F600")
                                << QString::fromUcs4(U"\U0001F600");
}

void tst_ChatText::sanitized()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QString result = ChatText::sanitized(text);
    QCOMPARE(result, expected);
    // Idempotent: sanitizing twice changes nothing more.
    QCOMPARE(ChatText::sanitized(result), result);
}

QTEST_APPLESS_MAIN(tst_ChatText)
#include "tst_chattext.moc"
