#include "translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>
#include <QTranslator>

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void germanAndSpanishAreCompiledIn_data();
    void germanAndSpanishAreCompiledIn();
    void englishPlurals();
    void otherLanguagesGetEnglishPlurals_data();
    void otherLanguagesGetEnglishPlurals();
    void everyStringIsTranslated_data();
    void everyStringIsTranslated();
};

void TestTranslations::cleanup()
{
    // Translators are children of the application: remove them between rows.
    for (QObject* child : QCoreApplication::instance()->children()) {
        if (auto* translator = qobject_cast<QTranslator*>(child)) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
}

void TestTranslations::germanAndSpanishAreCompiledIn_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("typing");
    QTest::addColumn<QString>("lost");
    QTest::newRow("de") << QStringLiteral("de_DE") << QStringLiteral("%1 tippt…")
                        << QStringLiteral("3 Nachrichten nicht verfügbar");
    QTest::newRow("es") << QStringLiteral("es_ES") << QStringLiteral("%1 está escribiendo…")
                        << QStringLiteral("3 mensajes no disponibles");
}

void TestTranslations::germanAndSpanishAreCompiledIn()
{
    QFETCH(QString, locale);
    QFETCH(QString, typing);
    QFETCH(QString, lost);
    QVERIFY(Translations::install(QCoreApplication::instance(), QLocale(locale)));
    QCOMPARE(QCoreApplication::translate("RoomView", "%1 is typing…"), typing);
    QCOMPARE(
        QCoreApplication::translate("MessageListModel", "%n message(s) not available", nullptr, 3),
        lost);
}

void TestTranslations::englishPlurals()
{
    QVERIFY(Translations::install(QCoreApplication::instance(), QLocale(QLocale::English)));
    QCOMPARE(QCoreApplication::translate("RoomView", "%n member(s)", nullptr, 1),
             QStringLiteral("1 member"));
    QCOMPARE(QCoreApplication::translate("RoomView", "%n member(s)", nullptr, 3),
             QStringLiteral("3 members"));
}

void TestTranslations::otherLanguagesGetEnglishPlurals_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("C") << QLocale::c();
    QTest::newRow("sw") << QLocale(QLocale::Swahili);
}

void TestTranslations::otherLanguagesGetEnglishPlurals()
{
    QFETCH(QLocale, locale);
    QVERIFY(!Translations::install(QCoreApplication::instance(), locale));
    QCOMPARE(QCoreApplication::translate("RoomView", "%n member(s)", nullptr, 1),
             QStringLiteral("1 member"));
    QCOMPARE(QCoreApplication::translate("JoinedRoomsModel", "%1, %n member(s)", nullptr, 2)
                 .arg(QStringLiteral("lobby")),
             QStringLiteral("lobby, 2 members"));
}

void TestTranslations::everyStringIsTranslated_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("de") << QStringLiteral(TRANSLATIONS_DIR "/chat-client_de.ts");
    QTest::newRow("es") << QStringLiteral(TRANSLATIONS_DIR "/chat-client_es.ts");
}

void TestTranslations::everyStringIsTranslated()
{
    // A new tr() string needs `cmake --build --preset dev --target update_translations`
    // and its German and Spanish text in resources/translations/.
    QFETCH(QString, file);
    QFile ts(file);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(file));
    const QByteArray content = ts.readAll();
    QVERIFY(content.contains("<message"));
    QVERIFY2(!content.contains("type=\"unfinished\""), "untranslated strings");
    QVERIFY2(!content.contains("type=\"vanished\"") && !content.contains("type=\"obsolete\""),
             "obsolete strings");
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
