#include "serverconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <cmath>
#include <limits>

namespace {

struct IntFlag
{
    const char* name;
    qint64 min;
    qint64 max;
};

constexpr qint64 MaxMs = 24LL * 3600 * 1000; // one day: more is surely a typo

bool readInt(const QCommandLineParser& parser, const IntFlag& flag, qint64* value, QString* message)
{
    const QString name = QLatin1String(flag.name);
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const QString text = parser.value(name);
    const qint64 parsed = text.toLongLong(&ok);
    if (!ok) {
        *message = QStringLiteral("--%1: '%2' is not a whole number").arg(name, text);
        return false;
    }
    if (parsed < flag.min || parsed > flag.max) {
        *message = QStringLiteral("--%1: %2 is out of range (%3..%4)")
                       .arg(name, text)
                       .arg(flag.min)
                       .arg(flag.max);
        return false;
    }
    *value = parsed;
    return true;
}

} // namespace

QString ServerConfig::defaultDataDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() : base).filePath(QStringLiteral("chat-server"));
}

ServerConfig::ParseResult ServerConfig::parse(const QStringList& arguments, ServerConfig* out,
                                              QString* message)
{
    ServerConfig config;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Anonymous real-time chat server (Socket.IO v5 over Engine.IO v4, "
                       "WebSocket transport) with /health, /rooms and /metrics on the same port."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const auto add = [&parser](const char* name, const QString& description, const char* valueName,
                               const QString& defaultText) {
        parser.addOption(QCommandLineOption(
            QLatin1String(name), description + QStringLiteral(" (default: %1)").arg(defaultText),
            QLatin1String(valueName)));
    };
    add("host", QStringLiteral("Address to listen on"), "address", config.host);
    add("port", QStringLiteral("TCP port to listen on, 0 for any free port"), "port",
        QString::number(config.port));
    add("data-dir", QStringLiteral("Directory for the token secret and stored history"), "dir",
        defaultDataDir());
    add("storage", QStringLiteral("History storage: memory or sqlite"), "kind",
        QStringLiteral("sqlite"));
    add("presence-grace-ms",
        QStringLiteral("How long a disconnected user stays a member of its rooms, in ms"), "ms",
        QString::number(config.presenceGraceMs));
    add("message-rate",
        QStringLiteral("Messages per second per connection (token bucket), 0 = unlimited"), "rate",
        QString::number(config.messageRate));
    add("message-burst", QStringLiteral("Token bucket capacity, 0 = unlimited"), "count",
        QString::number(config.messageBurst));
    add("max-payload", QStringLiteral("Largest WebSocket frame or message, in bytes"), "bytes",
        QString::number(config.maxPayloadBytes));
    add("history-limit", QStringLiteral("Stored messages kept per room"), "count",
        QString::number(config.historyLimit));
    add("token-ttl", QStringLiteral("Lifetime of resume tokens, in seconds"), "seconds",
        QString::number(config.tokenTtlSeconds));
    add("ping-interval-ms", QStringLiteral("Engine.IO heartbeat interval, in ms"), "ms",
        QString::number(config.pingIntervalMs));
    add("ping-timeout-ms",
        QStringLiteral("Time a client has to answer a heartbeat before it is dropped, in ms"), "ms",
        QString::number(config.pingTimeoutMs));

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

    if (parser.isSet(QStringLiteral("host"))) {
        config.host = parser.value(QStringLiteral("host")).trimmed();
        if (config.host.isEmpty()) {
            *message = QStringLiteral("--host: empty address");
            return ParseResult::Error;
        }
    }
    config.dataDir = parser.isSet(QStringLiteral("data-dir"))
                         ? parser.value(QStringLiteral("data-dir"))
                         : defaultDataDir();
    if (parser.isSet(QStringLiteral("storage"))) {
        const QString storage = parser.value(QStringLiteral("storage"));
        if (storage == QLatin1String("memory")) {
            config.storage = Storage::Memory;
        } else if (storage == QLatin1String("sqlite")) {
            config.storage = Storage::Sqlite;
        } else {
            *message = QStringLiteral("--storage: '%1' is not memory or sqlite").arg(storage);
            return ParseResult::Error;
        }
    }
    if (parser.isSet(QStringLiteral("message-rate"))) {
        bool ok = false;
        const QString text = parser.value(QStringLiteral("message-rate"));
        const double rate = text.toDouble(&ok);
        if (!ok || !std::isfinite(rate) || rate < 0 || rate > 1e6) {
            *message =
                QStringLiteral("--message-rate: '%1' is not a number from 0 to 1000000").arg(text);
            return ParseResult::Error;
        }
        config.messageRate = rate;
    }

    constexpr qint64 IntMax = std::numeric_limits<int>::max();
    qint64 port = config.port;
    qint64 grace = config.presenceGraceMs;
    qint64 burst = config.messageBurst;
    qint64 payload = config.maxPayloadBytes;
    qint64 history = config.historyLimit;
    qint64 ttl = config.tokenTtlSeconds;
    qint64 interval = config.pingIntervalMs;
    qint64 timeout = config.pingTimeoutMs;
    const std::pair<IntFlag, qint64*> ints[] = {
        {{"port", 0, 65535}, &port},
        {{"presence-grace-ms", 0, MaxMs}, &grace},
        {{"message-burst", 0, 1000000}, &burst},
        // Below 1 KiB not even a join reply fits.
        {{"max-payload", 1024, 256LL * 1024 * 1024}, &payload},
        {{"history-limit", 1, 100000000}, &history},
        {{"token-ttl", 1, 10LL * 365 * 24 * 3600}, &ttl},
        {{"ping-interval-ms", 1, MaxMs}, &interval},
        {{"ping-timeout-ms", 1, MaxMs}, &timeout},
    };
    for (const auto& [flag, value] : ints) {
        if (!readInt(parser, flag, value, message))
            return ParseResult::Error;
    }
    Q_ASSERT(payload <= IntMax && history <= IntMax);
    config.port = quint16(port);
    config.presenceGraceMs = int(grace);
    config.messageBurst = int(burst);
    config.maxPayloadBytes = int(payload);
    config.historyLimit = int(history);
    config.tokenTtlSeconds = ttl;
    config.pingIntervalMs = int(interval);
    config.pingTimeoutMs = int(timeout);
    *out = config;
    return ParseResult::Ok;
}
