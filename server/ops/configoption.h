#pragma once

#include <QList>
#include <QString>

#include <functional>

struct ServerConfig;

/**
 * One setting of chat-server, described once for every place it can come from: the
 * command line (`--name VALUE`), the environment (`CHAT_NAME`, upper case, '-' -> '_') and
 * the config file (INI key `name`). ConfigLoader::parse() layers them; `--help` and
 * `--print-config` are generated from the same descriptors.
 *
 * Adding a setting is one entry in ConfigOption::all() (configoption.cpp) plus its field
 * in ServerConfig; the helpers there cover whole numbers, decimals, strings and choices.
 */
struct ConfigOption
{
    QString name;        ///< flag without dashes and INI key, e.g. "message-rate"
    QString valueName;   ///< placeholder in --help, e.g. "rate"
    QString help;        ///< one sentence for --help, without the default
    bool secret = false; ///< never printed (--print-config shows "(hidden)")

    /// The setting's current value in @p config as text, e.g. "2" or "sqlite".
    std::function<QString(const ServerConfig& config)> show;
    /**
     * Parses @p text into @p config.
     * @param reason on failure, why, without naming the source: "'x' is not a whole number".
     * @return false when @p text is not acceptable; @p config is unchanged then.
     */
    std::function<bool(const QString& text, ServerConfig* config, QString* reason)> apply;

    /// `CHAT_` + name in upper case with '-' as '_', e.g. CHAT_MESSAGE_RATE.
    QString environmentName() const;

    /// Every setting, in --help order. Built once; the list is immutable.
    static const QList<ConfigOption>& all();
    /// The entry named @p name, or nullptr.
    static const ConfigOption* find(const QString& name);
};
