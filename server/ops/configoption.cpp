#include "configoption.h"

#include "serverconfig.h"
#include "trustedproxies.h"

#include <QHostAddress>
#include <QUrl>

#include <cmath>

namespace {

/// An entry with its texts; the caller sets show and apply.
ConfigOption describe(const QString& name, const QString& valueName, const QString& help)
{
    ConfigOption option;
    option.name = name;
    option.valueName = valueName;
    option.help = help;
    return option;
}

constexpr qint64 MaxMs = 24LL * 3600 * 1000; // one day: more is surely a typo

/// A whole-number setting stored in @p field (any integer type), accepted in [min, max].
template <typename T>
ConfigOption integer(const char* name, const char* valueName, const char* help,
                     T ServerConfig::*field, qint64 min, qint64 max)
{
    ConfigOption option =
        describe(QLatin1String(name), QLatin1String(valueName), QLatin1String(help));
    option.show = [field](const ServerConfig& config) {
        return QString::number(config.*field);
    };
    option.apply = [field, min, max](const QString& text, ServerConfig* config, QString* reason) {
        bool ok = false;
        const qint64 value = text.trimmed().toLongLong(&ok);
        if (!ok) {
            *reason = QStringLiteral("'%1' is not a whole number").arg(text);
            return false;
        }
        if (value < min || value > max) {
            *reason = QStringLiteral("%1 is out of range (%2..%3)").arg(text).arg(min).arg(max);
            return false;
        }
        config->*field = T(value);
        return true;
    };
    return option;
}

/// A decimal setting accepted in [min, max].
ConfigOption real(const char* name, const char* valueName, const char* help,
                  double ServerConfig::*field, double min, double max)
{
    ConfigOption option =
        describe(QLatin1String(name), QLatin1String(valueName), QLatin1String(help));
    option.show = [field](const ServerConfig& config) {
        return QString::number(config.*field);
    };
    option.apply = [field, min, max](const QString& text, ServerConfig* config, QString* reason) {
        bool ok = false;
        const double value = text.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(value) || value < min || value > max) {
            *reason = QStringLiteral("'%1' is not a number from %2 to %3")
                          .arg(text)
                          .arg(min, 0, 'f', 0)
                          .arg(max, 0, 'f', 0);
            return false;
        }
        config->*field = value;
        return true;
    };
    return option;
}

/// A string setting; @p allowEmpty says whether "" is a value (e.g. "off").
ConfigOption string(const char* name, const char* valueName, const char* help,
                    QString ServerConfig::*field, bool allowEmpty)
{
    ConfigOption option =
        describe(QLatin1String(name), QLatin1String(valueName), QLatin1String(help));
    option.show = [field](const ServerConfig& config) {
        return config.*field;
    };
    option.apply = [field, allowEmpty](const QString& text, ServerConfig* config, QString* reason) {
        const QString value = text.trimmed();
        if (value.isEmpty() && !allowEmpty) {
            *reason = QStringLiteral("empty value");
            return false;
        }
        config->*field = value;
        return true;
    };
    return option;
}

/// A comma-separated list of non-empty strings; empty means an empty list.
ConfigOption list(const char* name, const char* valueName, const char* help,
                  QStringList ServerConfig::*field)
{
    ConfigOption option =
        describe(QLatin1String(name), QLatin1String(valueName), QLatin1String(help));
    option.show = [field](const ServerConfig& config) {
        return (config.*field).join(QLatin1Char(','));
    };
    option.apply = [field](const QString& text, ServerConfig* config, QString* reason) {
        QStringList values;
        if (!text.trimmed().isEmpty()) {
            for (const QString& part : text.split(QLatin1Char(','))) {
                if (part.trimmed().isEmpty()) {
                    *reason = QStringLiteral("empty entry in '%1'").arg(text);
                    return false;
                }
                values.append(part.trimmed());
            }
        }
        config->*field = values;
        return true;
    };
    return option;
}

/// A setting with a fixed set of spellings, each mapped to a value of @p field.
template <typename T>
ConfigOption choice(const char* name, const char* help, T ServerConfig::*field,
                    QList<std::pair<QString, T>> choices)
{
    QStringList names;
    for (const auto& [text, value] : choices)
        names.append(text);
    ConfigOption option =
        describe(QLatin1String(name), names.join(QLatin1Char('|')), QLatin1String(help));
    option.show = [field, choices](const ServerConfig& config) -> QString {
        for (const auto& [text, value] : choices) {
            if (config.*field == value)
                return text;
        }
        return QString();
    };
    option.apply = [field, choices, names](const QString& text, ServerConfig* config,
                                           QString* reason) {
        for (const auto& [spelling, value] : choices) {
            if (text.trimmed() == spelling) {
                config->*field = value;
                return true;
            }
        }
        *reason =
            QStringLiteral("'%1' is not one of %2").arg(text, names.join(QStringLiteral(", ")));
        return false;
    };
    return option;
}

/// --admin-listen HOST:PORT ("[v6]:PORT" for IPv6); empty turns the admin API off.
ConfigOption adminListen()
{
    ConfigOption option =
        describe(QStringLiteral("admin-listen"), QStringLiteral("host:port"),
                 QStringLiteral("Address of the admin HTTP API, e.g. 127.0.0.1:8001; "
                                "empty = off"));
    option.show = [](const ServerConfig& config) -> QString {
        if (config.adminHost.isEmpty())
            return QString();
        const QString host = config.adminHost.contains(QLatin1Char(':'))
                                 ? QLatin1Char('[') + config.adminHost + QLatin1Char(']')
                                 : config.adminHost;
        return host + QLatin1Char(':') + QString::number(config.adminPort);
    };
    option.apply = [](const QString& text, ServerConfig* config, QString* reason) {
        const QString value = text.trimmed();
        if (value.isEmpty()) {
            config->adminHost.clear();
            config->adminPort = 0;
            return true;
        }
        const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
        QString host = value.left(colon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        bool ok = false;
        const uint port = value.mid(colon + 1).toUInt(&ok);
        if (colon <= 0 || !ok || port > 65535 || QHostAddress(host).isNull()) {
            *reason =
                QStringLiteral("'%1' is not IP:PORT (e.g. 127.0.0.1:8001 or [::1]:8001)").arg(text);
            return false;
        }
        config->adminHost = host;
        config->adminPort = quint16(port);
        return true;
    };
    return option;
}

/// --cluster: empty, or redis://HOST[:PORT][/DB] (the URL RedisAddress reads).
ConfigOption cluster()
{
    ConfigOption option = describe(
        QStringLiteral("cluster"), QStringLiteral("url"),
        QStringLiteral("Redis shared by the nodes of a cluster, redis://HOST:PORT/DB (history, "
                       "fan-out and presence go through it); needs token-secret-file; "
                       "empty = a single node"));
    option.show = [](const ServerConfig& config) {
        return config.clusterUrl;
    };
    option.apply = [](const QString& text, ServerConfig* config, QString* reason) {
        const QString value = text.trimmed();
        if (!value.isEmpty()) {
            const QUrl url(value, QUrl::StrictMode);
            bool dbOk = true;
            const QString path = url.path();
            if (path.size() > 1)
                path.mid(1).toUInt(&dbOk);
            if (!url.isValid() || url.scheme() != QLatin1String("redis") || url.host().isEmpty() ||
                !dbOk || (!path.isEmpty() && !path.startsWith(QLatin1Char('/')))) {
                *reason = QStringLiteral(
                              "'%1' is not redis://HOST:PORT/DB (e.g. redis://127.0.0.1:6379/0)")
                              .arg(text);
                return false;
            }
        }
        config->clusterUrl = value;
        return true;
    };
    return option;
}

/// --trusted-proxies LIST: addresses and CIDR blocks, checked by TrustedProxies::parse().
ConfigOption trustedProxies()
{
    ConfigOption option =
        list("trusted-proxies", "list",
             "Comma-separated addresses or CIDR blocks (e.g. 127.0.0.1,10.0.0.0/8) "
             "of reverse proxies whose X-Forwarded-For or X-Real-IP header names "
             "the client; other peers' headers are ignored; empty = none",
             &ServerConfig::trustedProxies);
    const auto store = option.apply;
    option.apply = [store](const QString& text, ServerConfig* config, QString* reason) {
        ServerConfig parsed = *config;
        TrustedProxies proxies;
        if (!store(text, &parsed, reason) ||
            !TrustedProxies::parse(parsed.trustedProxies, &proxies, reason))
            return false;
        config->trustedProxies = parsed.trustedProxies;
        return true;
    };
    return option;
}

QList<ConfigOption> buildTable()
{
    using S = ServerConfig;
    QList<ConfigOption> table{
        string("host", "address", "Address to listen on", &S::host, false),
        integer("port", "port", "TCP port to listen on, 0 for any free port", &S::port, 0, 65535),
        string("data-dir", "dir", "Directory for the token secret and stored history", &S::dataDir,
               false),
        choice<S::Storage>("storage", "History storage", &S::storage,
                           {{QStringLiteral("sqlite"), S::Storage::Sqlite},
                            {QStringLiteral("memory"), S::Storage::Memory}}),
        choice<bool>("web-client", "Serve the web client at /", &S::webClient,
                     {{QStringLiteral("on"), true}, {QStringLiteral("off"), false}}),
        integer("threads", "count",
                "Threads doing WebSocket I/O (the chat logic runs on the main thread); "
                "0 = one per CPU core",
                &S::threads, 0, 256),
        integer("presence-grace-ms", "ms",
                "How long a disconnected user stays a member of its rooms, in ms",
                &S::presenceGraceMs, 0, MaxMs),
        real("message-rate", "rate",
             "Messages per second per connection (token bucket), 0 = unlimited", &S::messageRate, 0,
             1e6),
        integer("message-burst", "count", "Token bucket capacity, 0 = unlimited", &S::messageBurst,
                0, 1000000),
        real("request-rate", "rate",
             "join_room, leave_room, list_rooms, history and typing requests per second per "
             "connection (token bucket), 0 = unlimited",
             &S::requestRate, 0, 1e6),
        integer("request-burst", "count", "Capacity of that token bucket, 0 = unlimited",
                &S::requestBurst, 0, 1000000),
        // Below 1 KiB not even a join reply fits.
        integer("max-payload", "bytes", "Largest WebSocket frame or message, in bytes",
                &S::maxPayloadBytes, 1024, 256LL * 1024 * 1024),
        integer("history-limit", "count", "Stored messages kept per room", &S::historyLimit, 1,
                100000000),
        integer("token-ttl", "seconds", "Lifetime of resume tokens, in seconds",
                &S::tokenTtlSeconds, 1, 10LL * 365 * 24 * 3600),
        integer("ping-interval-ms", "ms", "Engine.IO heartbeat interval, in ms", &S::pingIntervalMs,
                1, MaxMs),
        integer("ping-timeout-ms", "ms",
                "Time a client has to answer a heartbeat before it is dropped, in ms",
                &S::pingTimeoutMs, 1, MaxMs),
        choice<S::LogFormat>("log-format", "Log line format on stderr", &S::logFormat,
                             {{QStringLiteral("text"), S::LogFormat::Text},
                              {QStringLiteral("json"), S::LogFormat::Json}}),
        choice<QtMsgType>("log-level", "Least severe log level shown", &S::logLevel,
                          {{QStringLiteral("debug"), QtDebugMsg},
                           {QStringLiteral("info"), QtInfoMsg},
                           {QStringLiteral("warning"), QtWarningMsg}}),
        adminListen(),
        string("admin-token", "token",
               "Bearer token of the admin API (at least 16 characters); prefer the environment "
               "or the config file to the command line",
               &S::adminToken, true),
        cluster(),
        string("token-secret-file", "file",
               "File the token signing key is derived from (the same file on every node of a "
               "cluster); empty = token-secret.key in data-dir",
               &S::tokenSecretFile, true),
        // Abuse limits and TLS (docs/security.md).
        integer("max-connections-per-ip", "count",
                "Live WebSocket connections per client address (IPv6: per /64; loopback "
                "included); more get HTTP 429; 0 = no cap",
                &S::maxConnectionsPerIp, 0, 10000000),
        integer("max-connections", "count",
                "Live WebSocket connections in all; more get HTTP 503; 0 = no cap",
                &S::maxConnections, 0, 10000000),
        integer("max-rooms", "count",
                "Rooms with members at once; joining a new one beyond gets server_busy",
                &S::maxRooms, 1, 100000000),
        // Below 64 KiB a single large reply would already count as lagging.
        integer("max-send-buffer", "bytes",
                "Unsent bytes a connection may have queued before it is dropped as a slow "
                "consumer",
                &S::maxSendBufferBytes, 65536, 1LL << 30),
        integer("handshake-timeout-ms", "ms",
                "Time to complete the TLS, HTTP and WebSocket handshakes, in ms",
                &S::handshakeTimeoutMs, 100, MaxMs),
        integer("connect-timeout-ms", "ms",
                "Time to send the Socket.IO CONNECT after the Engine.IO open, in ms",
                &S::connectTimeoutMs, 100, MaxMs),
        string("tls-cert", "file",
               "PEM certificate (chain) to serve wss:// and https:// with; needs tls-key; "
               "empty = plain ws://",
               &S::tlsCertFile, true),
        string("tls-key", "file", "PEM private key of tls-cert", &S::tlsKeyFile, true),
        list("allowed-origins", "list",
             "Comma-separated browser origins (e.g. https://chat.example.org) allowed to open "
             "a WebSocket; others get HTTP 403; requests without an Origin header are always "
             "allowed; empty = any",
             &S::allowedOrigins),
    };
    table.append(trustedProxies());
    for (ConfigOption& option : table)
        option.secret = option.name == QLatin1String("admin-token");
    return table;
}

} // namespace

QString ConfigOption::environmentName() const
{
    return QStringLiteral("CHAT_") +
           QString(name).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

const QList<ConfigOption>& ConfigOption::all()
{
    static const QList<ConfigOption> table = buildTable();
    return table;
}

const ConfigOption* ConfigOption::find(const QString& name)
{
    for (const ConfigOption& option : all()) {
        if (option.name == name)
            return &option;
    }
    return nullptr;
}
