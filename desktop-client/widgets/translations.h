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
     *         an unsupported language (or the C locale), for which the English catalogue is
     *         installed instead: the source strings are English, and it supplies their
     *         plural forms ("1 member", not "1 member(s)").
     */
    static bool install(QCoreApplication* app, const QLocale& locale);
};
