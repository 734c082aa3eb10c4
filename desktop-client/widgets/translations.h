#pragma once

#include <QLocale>

class QCoreApplication;

/**
 * Installs the translations compiled into the client (":/i18n/chat-client_<lang>.qm",
 * German and Spanish so far) and Qt's own (qtbase_<lang>.qm from the Qt installation, for
 * standard buttons and dialogs) for a locale.
 */
class Translations
{
public:
    /**
     * @param app    receives the translators (they are children of it).
     * @param locale the user interface language, e.g. QLocale() (the system's).
     * @return true when the client's own translation for @p locale was found; false for
     *         English or an unsupported language (the built-in English strings are used).
     */
    static bool install(QCoreApplication* app, const QLocale& locale);
};
