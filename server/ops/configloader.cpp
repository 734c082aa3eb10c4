#include "configloader.h"

#include "configoption.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSettings>

namespace {

constexpr int MinAdminTokenLength = 16;

const char* const ConfigEnvironmentName = "CHAT_CONFIG";

/// Where the effective value of a setting came from, as --print-config names it.
enum class Origin { Default, File, Environment, CommandLine };

QString originName(Origin origin)
{
    switch (origin) {
    case Origin::Default:
        return QStringLiteral("default");
    case Origin::File:
        return QStringLiteral("file");
    case Origin::Environment:
        return QStringLiteral("env");
    case Origin::CommandLine:
        return QStringLiteral("cli");
    }
    return QString();
}

/// The value of INI key @p key as one string: QSettings splits "a, b" into a list.
QString iniText(const QVariant& value)
{
    if (value.userType() == QMetaType::QStringList)
        return value.toStringList().join(QStringLiteral(", "));
    return value.toString();
}

/**
 * Applies the config file @p path to @p config. A missing file is an error only when
 * @p explicitlyNamed.
 */
bool applyFile(const QString& path, bool explicitlyNamed, ServerConfig* config,
               QHash<QString, Origin>* origins, QString* message)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        if (!explicitlyNamed)
            return true;
        *message = QStringLiteral("%1: config file not found").arg(path);
        return false;
    }
    if (!info.isFile() || !info.isReadable()) {
        *message = QStringLiteral("%1: config file is not a readable file").arg(path);
        return false;
    }
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        *message = QStringLiteral("%1: not a valid INI file").arg(path);
        return false;
    }
    for (const QString& key : settings.allKeys()) {
        const ConfigOption* option = ConfigOption::find(key);
        if (!option) {
            *message = QStringLiteral("%1: %2: unknown setting").arg(path, key);
            return false;
        }
        QString reason;
        if (!option->apply(iniText(settings.value(key)), config, &reason)) {
            *message = QStringLiteral("%1: %2: %3").arg(path, key, reason);
            return false;
        }
        origins->insert(option->name, Origin::File);
    }
    config->configFile = path;
    return true;
}

QString renderConfig(const ServerConfig& config, const QString& configPath,
                     const QHash<QString, Origin>& origins)
{
    QString out = QStringLiteral("; chat-server effective configuration (INI)\n"
                                 "; config file: %1%2\n"
                                 "; each value comes from: default, file, env (CHAT_*) or cli\n")
                      .arg(configPath, config.configFile.isEmpty() ? QStringLiteral(" (not found)")
                                                                   : QString());
    for (const ConfigOption& option : ConfigOption::all()) {
        QString value = option.show(config);
        if (option.secret && !value.isEmpty())
            value = QStringLiteral("(hidden)");
        out += QString(option.name + QStringLiteral(" = ") + value).leftJustified(44) +
               QStringLiteral(" ; ") + originName(origins.value(option.name, Origin::Default)) +
               QLatin1Char('\n');
    }
    return out;
}

} // namespace

ConfigLoader::ParseResult ConfigLoader::parse(const QStringList& arguments, ServerConfig* out,
                                              QString* message)
{
    return parse(
        arguments,
        Sources{QProcessEnvironment::systemEnvironment(), ServerConfig::defaultConfigFile()}, out,
        message);
}

ConfigLoader::ParseResult ConfigLoader::parse(const QStringList& arguments, const Sources& sources,
                                              ServerConfig* out, QString* message)
{
    ServerConfig config;
    config.dataDir = ServerConfig::defaultDataDir();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Anonymous real-time chat server (Socket.IO v5 over Engine.IO v4, "
                       "WebSocket transport) with /health, /rooms and /metrics on the same "
                       "port.\nEvery setting can also be given as an environment variable "
                       "(--message-rate: CHAT_MESSAGE_RATE) or in the config file "
                       "(message-rate = 2); the command line wins over the environment, "
                       "which wins over the file."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QStringLiteral("INI config file (default: %1, if it exists; or $%2)")
            .arg(sources.defaultConfigFile, QLatin1String(ConfigEnvironmentName)),
        QStringLiteral("file"));
    const QCommandLineOption printOption(
        QStringLiteral("print-config"),
        QStringLiteral("Print the effective settings and where each came from, then exit"));
    parser.addOption(configOption);
    parser.addOption(printOption);
    for (const ConfigOption& option : ConfigOption::all()) {
        const QString shown = option.show(config);
        const QString defaultText = option.secret || shown.isEmpty()
                                        ? QString()
                                        : QStringLiteral(" (default: %1)").arg(shown);
        parser.addOption(
            QCommandLineOption(option.name, option.help + defaultText, option.valueName));
    }

    if (!parser.parse(arguments)) {
        *message = parser.errorText().simplified();
        return ParseResult::Error;
    }
    if (parser.isSet(helpOption)) {
        *message = parser.helpText();
        return ParseResult::Help;
    }
    if (parser.isSet(versionOption)) {
        *message = QCoreApplication::applicationName() + QLatin1Char(' ') +
                   QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return ParseResult::Help;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *message = QStringLiteral("unexpected argument '%1'")
                       .arg(parser.positionalArguments().constFirst());
        return ParseResult::Error;
    }

    // Lowest precedence first: each layer overwrites what the previous one set.
    QHash<QString, Origin> origins;
    const QString environmentConfig =
        sources.environment.value(QLatin1String(ConfigEnvironmentName));
    const bool configNamed = parser.isSet(configOption) || !environmentConfig.isEmpty();
    const QString configPath = parser.isSet(configOption)     ? parser.value(configOption)
                               : !environmentConfig.isEmpty() ? environmentConfig
                                                              : sources.defaultConfigFile;
    if (!configPath.isEmpty() && !applyFile(configPath, configNamed, &config, &origins, message))
        return ParseResult::Error;

    for (const ConfigOption& option : ConfigOption::all()) {
        const QString variable = option.environmentName();
        if (!sources.environment.contains(variable))
            continue;
        QString reason;
        if (!option.apply(sources.environment.value(variable), &config, &reason)) {
            *message = QStringLiteral("%1: %2").arg(variable, reason);
            return ParseResult::Error;
        }
        origins.insert(option.name, Origin::Environment);
    }

    for (const ConfigOption& option : ConfigOption::all()) {
        if (!parser.isSet(option.name))
            continue;
        QString reason;
        // The last occurrence wins, as with most Unix tools.
        if (!option.apply(parser.values(option.name).constLast(), &config, &reason)) {
            *message = QStringLiteral("--%1: %2").arg(option.name, reason);
            return ParseResult::Error;
        }
        origins.insert(option.name, Origin::CommandLine);
    }

    if (!config.adminHost.isEmpty() && config.adminToken.size() < MinAdminTokenLength) {
        *message = QStringLiteral("admin-token: at least %1 characters are required when "
                                  "admin-listen is set (e.g. CHAT_ADMIN_TOKEN)")
                       .arg(MinAdminTokenLength);
        return ParseResult::Error;
    }

    if (config.tlsCertFile.isEmpty() != config.tlsKeyFile.isEmpty()) {
        *message = QStringLiteral("tls-cert and tls-key go together (--tls-cert FILE --tls-key "
                                  "FILE)");
        return ParseResult::Error;
    }

    if (parser.isSet(printOption)) {
        *message = renderConfig(config, configPath, origins);
        return ParseResult::Help;
    }
    *out = config;
    return ParseResult::Ok;
}
