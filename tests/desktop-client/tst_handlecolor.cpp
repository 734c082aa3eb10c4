// HandleColor: the hue comes from a fixed hash (32-bit FNV-1a over UTF-16), the same in
// every process and in the web client (resources/web/handlecolor.js), and the lightness from
// the palette. The expected values are the web client's for the same handles.

#include "handlecolor.h"

#include <QPalette>
#include <QTest>

class tst_HandleColor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashIsFnv1aOverUtf16_data()
    {
        QTest::addColumn<QString>("handle");
        QTest::addColumn<quint32>("hash");
        QTest::newRow("empty: the offset basis") << QString() << 0x811c9dc5u;
        QTest::newRow("a") << QStringLiteral("a") << 0xe40c292cu;
        QTest::newRow("Amber Otter") << QStringLiteral("Amber Otter") << 0x459ce41eu;
        QTest::newRow("non-ASCII") << QStringLiteral("Caf\u00e9 Lynx") << 0x5398733du;
    }
    void hashIsFnv1aOverUtf16()
    {
        QFETCH(QString, handle);
        QFETCH(quint32, hash);
        QCOMPARE(HandleColor::hash(handle), hash);
    }

    void sameColoursAsTheWebClient_data()
    {
        QTest::addColumn<QString>("handle");
        QTest::addColumn<QString>("light");
        QTest::addColumn<QString>("dark");
        QTest::newRow("Amber Otter") << QStringLiteral("Amber Otter") << "#967e1e"
                                     << "#e3cc71";
        QTest::newRow("a") << QStringLiteral("a") << "#321e96"
                           << "#8471e3";
    }
    void sameColoursAsTheWebClient()
    {
        QFETCH(QString, handle);
        QFETCH(QString, light);
        QFETCH(QString, dark);
        QPalette lightPalette;
        lightPalette.setColor(QPalette::Base, Qt::white);
        QPalette darkPalette;
        darkPalette.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        QCOMPARE(HandleColor::of(handle, lightPalette).name(), light);
        QCOMPARE(HandleColor::of(handle, darkPalette).name(), dark);
    }

    void huesAvoidRed()
    {
        QPalette palette;
        palette.setColor(QPalette::Base, Qt::white);
        for (int i = 0; i < 500; ++i) {
            const int hue = HandleColor::of(QStringLiteral("user %1").arg(i), palette).hslHue();
            QVERIFY2(hue >= 30 && hue < 330, qPrintable(QString::number(hue)));
        }
    }
};

QTEST_MAIN(tst_HandleColor)
#include "tst_handlecolor.moc"
