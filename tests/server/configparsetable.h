#pragma once

#include "configloader.h"

#include <QString>
#include <QStringList>

#include <functional>

/**
 * What the ConfigLoader::parse suites (tst_serverconfig.cpp, tst_securityflags.cpp) share:
 * the argument list, and a data table of bad command lines, each row with a text that the
 * one-line error must mention (the contract of ConfigLoader::parse's @p message).
 */
class ConfigParseTable
{
public:
    /// ConfigLoader::parse of `chat-server <flags>`, from whatever sources the suite uses.
    using Parse = std::function<ConfigLoader::ParseResult(const QStringList& flags,
                                                          ServerConfig* config, QString* message)>;

    /// "chat-server" followed by @p flags: the arguments ConfigLoader::parse expects.
    static QStringList args(const QStringList& flags);

    /// In a `_data()` function: the columns `flags` (QStringList) and `mentions` (QString).
    static void addBadValueColumns();
    /// In a `_data()` function: the row @p name, whose @p flags fail naming @p mentions.
    static void addBadValueRow(const char* name, const QStringList& flags, const char* mentions);
    /**
     * In the test function of such a table: checks that @p parse of the row's flags is an
     * Error, and that its message is one line and contains the row's `mentions`. Failures
     * are recorded as QtTest failures of the calling test.
     */
    static void verifyBadValue(const Parse& parse);
};
