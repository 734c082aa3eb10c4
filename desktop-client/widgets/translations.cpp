#include "translations.h"

#include "widgetslogging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

bool Translations::install(QCoreApplication* app, const QLocale& locale)
{
    auto* qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    auto* own = new QTranslator(app);
    if (!own->load(locale, QStringLiteral("chat-client"), QStringLiteral("_"),
                   QStringLiteral(":/i18n"))) {
        qCDebug(lcClientUi) << "no translation for" << locale.name() << "- using English";
        if (own->load(QLocale(QLocale::English), QStringLiteral("chat-client"), QStringLiteral("_"),
                      QStringLiteral(":/i18n")))
            QCoreApplication::installTranslator(own);
        else
            delete own;
        return false;
    }
    QCoreApplication::installTranslator(own);
    qCInfo(lcClientUi) << "user interface language" << locale.name();
    return true;
}
