#include "roomname.h"

#include <QTest>

class tst_RoomName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
};

void tst_RoomName::valid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("simple") << QStringLiteral("lobby") << QStringLiteral("lobby");
    QTest::newRow("upper") << QStringLiteral("Lobby") << QStringLiteral("lobby");
    QTest::newRow("punctuation") << QStringLiteral("qt-6_dev.talk")
                                 << QStringLiteral("qt-6_dev.talk");
    QTest::newRow("digits") << QStringLiteral("2026") << QStringLiteral("2026");
    QTest::newRow("trimmed") << QStringLiteral("  \t lobby \n") << QStringLiteral("lobby");
    QTest::newRow("ideographic space trimmed")
        << QString(QChar(0x3000)) + QStringLiteral("x") + QChar(0x2003) << QStringLiteral("x");
    QTest::newRow("german") << QStringLiteral("Straße") << QStringLiteral("straße");
    QTest::newRow("greek") << QStringLiteral("ΑΘΗΝΑ") << QStringLiteral("αθηνα");
    QTest::newRow("cyrillic") << QStringLiteral("Москва") << QStringLiteral("москва");
    QTest::newRow("cjk") << QStringLiteral("聊天室") << QStringLiteral("聊天室");
    QTest::newRow("arabic digits") << QStringLiteral("غرفة٣") << QStringLiteral("غرفة٣");
    // Simple lower-casing maps U+0130 to U+0069 alone (full lower-casing would add U+0307).
    QTest::newRow("dotted capital I") << QString(QChar(0x0130)) << QStringLiteral("i");
    // A letter outside the BMP (Deseret capital long I) lower-cases to another one.
    QTest::newRow("supplementary letter")
        << QString::fromUcs4(U"\U00010400") << QString::fromUcs4(U"\U00010428");
    // NFC first: a decomposed é is the same room as the precomposed one.
    QTest::newRow("decomposed accent")
        << QStringLiteral("Cafe\u0301") << QStringLiteral("caf\u00e9");
    QTest::newRow("64 code points")
        << QString(64, QLatin1Char('A')) << QString(64, QLatin1Char('a'));
    QTest::newRow("64 supplementary")
        << QString::fromUcs4(std::u32string(64, U'\U00010428').c_str())
        << QString::fromUcs4(std::u32string(64, U'\U00010428').c_str());
}

void tst_RoomName::valid()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);

    QString result;
    QString reason;
    QVERIFY2(RoomName::canonicalize(input, &result, &reason), qPrintable(reason));
    QCOMPARE(result, canonical);
    QVERIFY(RoomName::isValid(input));
}

void tst_RoomName::invalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("blank") << QStringLiteral(" \t\n") << QStringLiteral("empty");
    QTest::newRow("65 code points") << QString(65, QLatin1Char('a')) << QStringLiteral("longer");
    QTest::newRow("inner space") << QStringLiteral("a b") << QStringLiteral("only");
    QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("only");
    QTest::newRow("hash") << QStringLiteral("#qt") << QStringLiteral("only");
    QTest::newRow("emoji") << QString::fromUcs4(U"room\U0001F600") << QStringLiteral("only");
    // NFC has no precomposed x with acute: the combining mark stays and is refused.
    QTest::newRow("combining mark") << QStringLiteral("x\u0301") << QStringLiteral("only");
    QTest::newRow("roman numeral (Nl)") << QStringLiteral("\u2163") << QStringLiteral("only");
    QTest::newRow("superscript two (No)") << QStringLiteral("x\u00b2") << QStringLiteral("only");
    QTest::newRow("control") << QStringLiteral("a\u0001") << QStringLiteral("only");
    QTest::newRow("lone high surrogate")
        << QStringLiteral("a") + QChar(0xD800) << QStringLiteral("only");
    QTest::newRow("lone low surrogate")
        << QString(QChar(0xDC00)) + QStringLiteral("a") << QStringLiteral("only");
    QTest::newRow("zero width space") << QStringLiteral("a\u200bb") << QStringLiteral("only");
}

void tst_RoomName::invalid()
{
    QFETCH(QString, input);
    QFETCH(QString, reasonPart);

    QString result = QStringLiteral("untouched");
    QString reason;
    QVERIFY(!RoomName::canonicalize(input, &result, &reason));
    QVERIFY2(reason.contains(reasonPart), qPrintable(reason));
    QCOMPARE(result, QStringLiteral("untouched"));
    QVERIFY(!RoomName::isValid(input));
}

QTEST_APPLESS_MAIN(tst_RoomName)
#include "tst_roomname.moc"
