// The abuse-limit and TLS settings of chat-server (docs/security.md), through
// ConfigLoader::parse: defaults, every flag, the environment, and bad values.

#include "configloader.h"
#include "configparsetable.h"

#include <QProcessEnvironment>
#include <QTest>

class tst_SecurityFlags : public QObject
{
    Q_OBJECT

private:
    /// No environment and no config file: only the command line counts.
    static ConfigLoader::ParseResult parse(const QStringList& flags, ServerConfig* config,
                                           QString* message,
                                           const QProcessEnvironment& environment = {})
    {
        return ConfigLoader::parse(ConfigParseTable::args(flags),
                                   ConfigLoader::Sources{environment, QString()}, config, message);
    }

private Q_SLOTS:
    void defaults()
    {
        ServerConfig config;
        QString message;
        QCOMPARE(parse({}, &config, &message), ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.maxConnectionsPerIp, 64);
        QCOMPARE(config.maxConnections, 10000);
        QCOMPARE(config.maxRooms, 10000);
        QCOMPARE(config.maxSendBufferBytes, qint64(1024 * 1024));
        QCOMPARE(config.handshakeTimeoutMs, 10000);
        QCOMPARE(config.connectTimeoutMs, 45000);
        QVERIFY(config.tlsCertFile.isEmpty());
        QVERIFY(config.tlsKeyFile.isEmpty());
        QVERIFY(config.allowedOrigins.isEmpty());
        QVERIFY(config.trustedProxies.isEmpty());
    }

    void everyFlag()
    {
        ServerConfig config;
        QString message;
        const QStringList flags = {
            QStringLiteral("--max-connections-per-ip"),
            QStringLiteral("5"),
            QStringLiteral("--max-connections"),
            QStringLiteral("0"),
            QStringLiteral("--max-rooms"),
            QStringLiteral("7"),
            QStringLiteral("--max-send-buffer"),
            QStringLiteral("131072"),
            QStringLiteral("--handshake-timeout-ms"),
            QStringLiteral("2500"),
            QStringLiteral("--connect-timeout-ms"),
            QStringLiteral("3500"),
            QStringLiteral("--tls-cert"),
            QStringLiteral("/etc/chat/cert.pem"),
            QStringLiteral("--tls-key"),
            QStringLiteral("/etc/chat/key.pem"),
            QStringLiteral("--allowed-origins"),
            QStringLiteral("https://chat.example.org, http://localhost:8080"),
            QStringLiteral("--trusted-proxies"),
            QStringLiteral("127.0.0.1, 10.0.0.0/8,::1"),
        };
        QCOMPARE(parse(flags, &config, &message), ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.maxConnectionsPerIp, 5);
        QCOMPARE(config.maxConnections, 0);
        QCOMPARE(config.maxRooms, 7);
        QCOMPARE(config.maxSendBufferBytes, qint64(131072));
        QCOMPARE(config.handshakeTimeoutMs, 2500);
        QCOMPARE(config.connectTimeoutMs, 3500);
        QCOMPARE(config.tlsCertFile, QStringLiteral("/etc/chat/cert.pem"));
        QCOMPARE(config.tlsKeyFile, QStringLiteral("/etc/chat/key.pem"));
        QCOMPARE(config.allowedOrigins, (QStringList{QStringLiteral("https://chat.example.org"),
                                                     QStringLiteral("http://localhost:8080")}));
        QCOMPARE(config.trustedProxies,
                 (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("10.0.0.0/8"),
                              QStringLiteral("::1")}));
    }

    void environmentAndList()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("CHAT_MAX_CONNECTIONS_PER_IP"), QStringLiteral("9"));
        environment.insert(QStringLiteral("CHAT_ALLOWED_ORIGINS"),
                           QStringLiteral("https://a.example,https://b.example"));
        environment.insert(QStringLiteral("CHAT_TRUSTED_PROXIES"), QStringLiteral("fd00::/8"));
        ServerConfig config;
        QString message;
        QCOMPARE(parse({}, &config, &message, environment), ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.maxConnectionsPerIp, 9);
        QCOMPARE(config.trustedProxies, QStringList{QStringLiteral("fd00::/8")});
        QCOMPARE(config.allowedOrigins, (QStringList{QStringLiteral("https://a.example"),
                                                     QStringLiteral("https://b.example")}));
        // The command line wins, and an empty list means any origin.
        QCOMPARE(
            parse({QStringLiteral("--allowed-origins"), QString()}, &config, &message, environment),
            ConfigLoader::ParseResult::Ok);
        QVERIFY(config.allowedOrigins.isEmpty());
    }

    void helpListsTheFlags()
    {
        ServerConfig config;
        QString message;
        QCOMPARE(parse({QStringLiteral("--help")}, &config, &message),
                 ConfigLoader::ParseResult::Help);
        for (const char* flag :
             {"--max-connections-per-ip", "--max-connections", "--max-rooms", "--max-send-buffer",
              "--handshake-timeout-ms", "--connect-timeout-ms", "--tls-cert", "--tls-key",
              "--allowed-origins", "--trusted-proxies"})
            QVERIFY2(message.contains(QLatin1String(flag)), flag);
    }

    void badValues_data()
    {
        ConfigParseTable::addBadValueColumns();
        const auto row = &ConfigParseTable::addBadValueRow;
        row("negative per-ip", {QStringLiteral("--max-connections-per-ip"), QStringLiteral("-1")},
            "--max-connections-per-ip");
        row("not a number", {QStringLiteral("--max-connections"), QStringLiteral("many")},
            "--max-connections");
        row("zero rooms", {QStringLiteral("--max-rooms"), QStringLiteral("0")}, "--max-rooms");
        row("tiny send buffer", {QStringLiteral("--max-send-buffer"), QStringLiteral("1000")},
            "--max-send-buffer");
        row("handshake too short", {QStringLiteral("--handshake-timeout-ms"), QStringLiteral("10")},
            "--handshake-timeout-ms");
        row("connect too long",
            {QStringLiteral("--connect-timeout-ms"), QStringLiteral("999999999999")},
            "--connect-timeout-ms");
        row("cert without key", {QStringLiteral("--tls-cert"), QStringLiteral("c.pem")},
            "--tls-key");
        row("key without cert", {QStringLiteral("--tls-key"), QStringLiteral("k.pem")},
            "--tls-cert");
        row("empty origin", {QStringLiteral("--allowed-origins"), QStringLiteral("https://a,,")},
            "--allowed-origins");
        row("proxy not an address",
            {QStringLiteral("--trusted-proxies"), QStringLiteral("127.0.0.1,proxy.local")},
            "--trusted-proxies");
        row("proxy block too long",
            {QStringLiteral("--trusted-proxies"), QStringLiteral("10.0.0.0/40")},
            "--trusted-proxies");
    }

    void badValues()
    {
        ConfigParseTable::verifyBadValue(
            [](const QStringList& flags, ServerConfig* config, QString* message) {
                return parse(flags, config, message);
            });
    }
};

QTEST_GUILESS_MAIN(tst_SecurityFlags)
#include "tst_securityflags.moc"
