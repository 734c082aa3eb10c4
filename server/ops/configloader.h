#pragma once

#include "serverconfig.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

/**
 * Fills a ServerConfig from `chat-server`'s sources: the command line, the environment
 * (`CHAT_*`) and the INI config file, over the defaults, by the table of ConfigOption.
 * Stateless; the one user outside the tests is main().
 */
class ConfigLoader
{
public:
    /// Outcome of parse().
    enum class ParseResult {
        Ok,    ///< @p out is filled; run the server
        Help,  ///< --help, --version or --print-config: print the message to stdout, exit 0
        Error, ///< bad command line: print the one-line message to stderr, exit 2
    };

    /// Where parse() looks besides the command line (tests pass their own).
    struct Sources
    {
        QProcessEnvironment environment; ///< CHAT_* variables; others are ignored
        QString defaultConfigFile;       ///< read when it exists and no --config is given
    };

    /**
     * Builds the settings from @p arguments (arguments[0] is the program name; parsed with
     * QCommandLineParser), the process environment and the config file; see the other
     * overload. Uses QProcessEnvironment::systemEnvironment() and
     * ServerConfig::defaultConfigFile().
     */
    static ParseResult parse(const QStringList& arguments, ServerConfig* out, QString* message);

    /**
     * Layers the settings: command line (`--name VALUE`) over environment (`CHAT_NAME`)
     * over config file (INI, `name = value`, top level) over the defaults above; dataDir
     * defaults to ServerConfig::defaultDataDir(). The file is `--config FILE`, else `CHAT_CONFIG`,
     * else
     * @p sources.defaultConfigFile, which may be missing (a named file may not).
     * Also: --help, --version, --print-config (the effective values and where each came
     * from, as INI with comments; secrets hidden).
     * @param out     receives the settings (only on Ok).
     * @param message for Help the text to print; for Error one line naming the source and
     *                the setting: `--port: ...`, `CHAT_PORT: ...`, `FILE: port: ...`
     *                (unknown option or INI key, non-number, out of range, unknown choice,
     *                unreadable file, admin-listen without a token).
     */
    static ParseResult parse(const QStringList& arguments, const Sources& sources,
                             ServerConfig* out, QString* message);
};
