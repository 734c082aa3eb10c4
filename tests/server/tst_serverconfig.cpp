// Settings of chat-server: defaults, every flag, every kind of bad value, and the layering
// command line > environment (CHAT_*) > config file (INI) > defaults with --print-config.

#include "configloader.h"
#include "configoption.h"
#include "configparsetable.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class tst_ServerConfig : public QObject
{
    Q_OBJECT

private:
    /// Writes @p text to a file in m_dir and returns its path.
    QString writeFile(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString();
        file.write(text);
        return path;
    }

    /// parse() with the given environment and default config file, nothing from the system.
    static ConfigLoader::ParseResult parseWith(const QStringList& flags,
                                               const QList<std::pair<QString, QString>>& env,
                                               const QString& defaultFile, ServerConfig* config,
                                               QString* message)
    {
        ConfigLoader::Sources sources;
        for (const auto& [name, value] : env)
            sources.environment.insert(name, value);
        sources.defaultConfigFile = defaultFile;
        return ConfigLoader::parse(ConfigParseTable::args(flags), sources, config, message);
    }

    /// The "key = value ; origin" line of --print-config for @p key, simplified.
    static QString printedLine(const QString& printed, const QString& key)
    {
        for (const QString& line : printed.split(QLatin1Char('\n'))) {
            if (line.startsWith(key + QStringLiteral(" =")))
                return line.simplified();
        }
        return QString();
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void defaults()
    {
        ServerConfig config;
        QString message;
        QCOMPARE(ConfigLoader::parse(ConfigParseTable::args({}), &config, &message),
                 ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(config.port, quint16(8000));
        QCOMPARE(config.dataDir, ServerConfig::defaultDataDir());
        QVERIFY(!config.dataDir.isEmpty());
        QCOMPARE(config.storage, ServerConfig::Storage::Sqlite);
        QCOMPARE(config.presenceGraceMs, 15000);
        QCOMPARE(config.messageRate, 2.0);
        QCOMPARE(config.messageBurst, 10);
        QCOMPARE(config.maxPayloadBytes, 65536);
        QCOMPARE(config.historyLimit, 10000);
        QCOMPARE(config.tokenTtlSeconds, qint64(604800));
        QCOMPARE(config.pingIntervalMs, 25000);
        QCOMPARE(config.pingTimeoutMs, 20000);
    }

    void everyFlag()
    {
        ServerConfig config;
        QString message;
        const QStringList flags{
            QStringLiteral("--host"),
            QStringLiteral("0.0.0.0"),
            QStringLiteral("--port"),
            QStringLiteral("0"),
            QStringLiteral("--data-dir"),
            QStringLiteral("/tmp/x"),
            QStringLiteral("--storage"),
            QStringLiteral("memory"),
            QStringLiteral("--presence-grace-ms"),
            QStringLiteral("250"),
            QStringLiteral("--message-rate"),
            QStringLiteral("0.5"),
            QStringLiteral("--message-burst"),
            QStringLiteral("0"),
            QStringLiteral("--max-payload"),
            QStringLiteral("100000"),
            QStringLiteral("--history-limit"),
            QStringLiteral("7"),
            QStringLiteral("--token-ttl"),
            QStringLiteral("60"),
            QStringLiteral("--ping-interval-ms"),
            QStringLiteral("300"),
            QStringLiteral("--ping-timeout-ms"),
            QStringLiteral("200"),
        };
        QCOMPARE(ConfigLoader::parse(ConfigParseTable::args(flags), &config, &message),
                 ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.host, QStringLiteral("0.0.0.0"));
        QCOMPARE(config.port, quint16(0));
        QCOMPARE(config.dataDir, QStringLiteral("/tmp/x"));
        QCOMPARE(config.storage, ServerConfig::Storage::Memory);
        QCOMPARE(config.presenceGraceMs, 250);
        QCOMPARE(config.messageRate, 0.5);
        QCOMPARE(config.messageBurst, 0);
        QCOMPARE(config.maxPayloadBytes, 100000);
        QCOMPARE(config.historyLimit, 7);
        QCOMPARE(config.tokenTtlSeconds, qint64(60));
        QCOMPARE(config.pingIntervalMs, 300);
        QCOMPARE(config.pingTimeoutMs, 200);
    }

    void help()
    {
        ServerConfig config;
        QString message;
        QCOMPARE(ConfigLoader::parse(ConfigParseTable::args({QStringLiteral("--help")}), &config,
                                     &message),
                 ConfigLoader::ParseResult::Help);
        for (const char* flag :
             {"--host", "--port", "--data-dir", "--storage", "--presence-grace-ms",
              "--message-rate", "--message-burst", "--max-payload", "--history-limit",
              "--token-ttl", "--ping-interval-ms", "--ping-timeout-ms"})
            QVERIFY2(message.contains(QLatin1String(flag)), flag);
    }

    void badValues_data()
    {
        ConfigParseTable::addBadValueColumns();
        const auto row = &ConfigParseTable::addBadValueRow;
        row("unknown option", {QStringLiteral("--bogus")}, "bogus");
        row("positional argument", {QStringLiteral("extra")}, "extra");
        row("port not a number", {QStringLiteral("--port"), QStringLiteral("http")}, "--port");
        row("port too large", {QStringLiteral("--port"), QStringLiteral("65536")}, "--port");
        row("port negative", {QStringLiteral("--port"), QStringLiteral("-1")}, "--port");
        row("port missing value", {QStringLiteral("--port")}, "port");
        row("storage unknown", {QStringLiteral("--storage"), QStringLiteral("disk")}, "--storage");
        row("grace negative", {QStringLiteral("--presence-grace-ms"), QStringLiteral("-5")},
            "--presence-grace-ms");
        row("grace fraction", {QStringLiteral("--presence-grace-ms"), QStringLiteral("1.5")},
            "--presence-grace-ms");
        row("rate negative", {QStringLiteral("--message-rate"), QStringLiteral("-2")},
            "--message-rate");
        row("rate not a number", {QStringLiteral("--message-rate"), QStringLiteral("fast")},
            "--message-rate");
        row("burst negative", {QStringLiteral("--message-burst"), QStringLiteral("-1")},
            "--message-burst");
        row("payload zero", {QStringLiteral("--max-payload"), QStringLiteral("0")},
            "--max-payload");
        row("payload text", {QStringLiteral("--max-payload"), QStringLiteral("64k")},
            "--max-payload");
        row("history zero", {QStringLiteral("--history-limit"), QStringLiteral("0")},
            "--history-limit");
        row("ttl negative", {QStringLiteral("--token-ttl"), QStringLiteral("-60")}, "--token-ttl");
        row("ping interval zero", {QStringLiteral("--ping-interval-ms"), QStringLiteral("0")},
            "--ping-interval-ms");
        row("ping timeout text", {QStringLiteral("--ping-timeout-ms"), QStringLiteral("soon")},
            "--ping-timeout-ms");
        row("empty host", {QStringLiteral("--host"), QString()}, "--host");
    }

    void badValues()
    {
        // The process environment and default config file, as chat-server reads them.
        ConfigParseTable::verifyBadValue(
            [](const QStringList& flags, ServerConfig* config, QString* message) {
                return ConfigLoader::parse(ConfigParseTable::args(flags), config, message);
            });
    }

    void environmentNames()
    {
        QCOMPARE(ConfigOption::find(QStringLiteral("message-rate"))->environmentName(),
                 QStringLiteral("CHAT_MESSAGE_RATE"));
        QCOMPARE(ConfigOption::find(QStringLiteral("port"))->environmentName(),
                 QStringLiteral("CHAT_PORT"));
        QVERIFY(!ConfigOption::find(QStringLiteral("bogus")));
        // Every option has a working show(): defaults print and parse back to themselves.
        ServerConfig defaults;
        defaults.dataDir = QStringLiteral("/d");
        for (const ConfigOption& option : ConfigOption::all()) {
            ServerConfig copy = defaults;
            QString reason;
            const QString shown = option.show(defaults);
            if (shown.isEmpty())
                continue; // e.g. admin-listen: off
            QVERIFY2(option.apply(shown, &copy, &reason), qPrintable(option.name + reason));
            QCOMPARE(option.show(copy), shown);
        }
    }

    void eachSourceAlone()
    {
        const QString file =
            writeFile(QStringLiteral("alone.conf"), "; comment\nport = 9001\nmessage-rate = 0.5\n"
                                                    "storage = memory\nlog-format = json\n");
        ServerConfig config;
        QString message;
        // File only (as the default file).
        QCOMPARE(parseWith({}, {}, file, &config, &message), ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.port, quint16(9001));
        QCOMPARE(config.messageRate, 0.5);
        QCOMPARE(config.storage, ServerConfig::Storage::Memory);
        QCOMPARE(config.logFormat, ServerConfig::LogFormat::Json);
        QCOMPARE(config.configFile, file);
        // Environment only.
        QCOMPARE(parseWith({},
                           {{QStringLiteral("CHAT_PORT"), QStringLiteral("9002")},
                            {QStringLiteral("CHAT_LOG_LEVEL"), QStringLiteral("debug")},
                            {QStringLiteral("CHAT_SERVER_BIN"), QStringLiteral("ignored")}},
                           QString(), &config, &message),
                 ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.port, quint16(9002));
        QCOMPARE(config.logLevel, QtDebugMsg);
        QCOMPARE(config.messageRate, 2.0);
        QVERIFY(config.configFile.isEmpty());
        // Command line only.
        QCOMPARE(parseWith({QStringLiteral("--port"), QStringLiteral("9003")}, {}, QString(),
                           &config, &message),
                 ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.port, quint16(9003));
    }

    void precedence()
    {
        const QString file = writeFile(QStringLiteral("layers.conf"),
                                       "port = 9001\nhost = 0.0.0.0\nmessage-burst = 3\n"
                                       "history-limit = 42\n");
        ServerConfig config;
        QString message;
        QCOMPARE(parseWith({QStringLiteral("--port"), QStringLiteral("9003")},
                           {{QStringLiteral("CHAT_PORT"), QStringLiteral("9002")},
                            {QStringLiteral("CHAT_MESSAGE_BURST"), QStringLiteral("4")}},
                           file, &config, &message),
                 ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.port, quint16(9003));             // cli over env over file
        QCOMPARE(config.messageBurst, 4);                 // env over file
        QCOMPARE(config.host, QStringLiteral("0.0.0.0")); // file over default
        QCOMPARE(config.historyLimit, 42);
        QCOMPARE(config.pingIntervalMs, 25000); // default

        // The same, shown by --print-config with each value's origin.
        QCOMPARE(parseWith({QStringLiteral("--port"), QStringLiteral("9003"),
                            QStringLiteral("--print-config")},
                           {{QStringLiteral("CHAT_PORT"), QStringLiteral("9002")},
                            {QStringLiteral("CHAT_MESSAGE_BURST"), QStringLiteral("4")}},
                           file, &config, &message),
                 ConfigLoader::ParseResult::Help);
        QCOMPARE(printedLine(message, QStringLiteral("port")), QStringLiteral("port = 9003 ; cli"));
        QCOMPARE(printedLine(message, QStringLiteral("message-burst")),
                 QStringLiteral("message-burst = 4 ; env"));
        QCOMPARE(printedLine(message, QStringLiteral("host")),
                 QStringLiteral("host = 0.0.0.0 ; file"));
        QCOMPARE(printedLine(message, QStringLiteral("ping-interval-ms")),
                 QStringLiteral("ping-interval-ms = 25000 ; default"));
        QVERIFY2(message.contains(file), qPrintable(message));
        // Every setting is listed.
        for (const ConfigOption& option : ConfigOption::all())
            QVERIFY2(!printedLine(message, option.name).isEmpty(), qPrintable(option.name));
    }

    void configFileChoice()
    {
        const QString named = writeFile(QStringLiteral("named.conf"), "port = 7001\n");
        const QString viaEnv = writeFile(QStringLiteral("env.conf"), "port = 7002\n");
        const QString fallback = writeFile(QStringLiteral("default.conf"), "port = 7003\n");
        ServerConfig config;
        QString message;
        QCOMPARE(parseWith({QStringLiteral("--config"), named},
                           {{QStringLiteral("CHAT_CONFIG"), viaEnv}}, fallback, &config, &message),
                 ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.port, quint16(7001));
        QCOMPARE(
            parseWith({}, {{QStringLiteral("CHAT_CONFIG"), viaEnv}}, fallback, &config, &message),
            ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.port, quint16(7002));
        QCOMPARE(parseWith({}, {}, fallback, &config, &message), ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.port, quint16(7003));
        // A missing default file is fine.
        QCOMPARE(
            parseWith({}, {}, m_dir.filePath(QStringLiteral("absent.conf")), &config, &message),
            ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.port, quint16(8000));
    }

    void secretsAreHidden()
    {
        const QString file =
            writeFile(QStringLiteral("admin.conf"), "admin-listen = 127.0.0.1:0\n"
                                                    "admin-token = s3cret-s3cret-s3cret\n");
        ServerConfig config;
        QString message;
        QCOMPARE(parseWith({}, {}, file, &config, &message), ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.adminHost, QStringLiteral("127.0.0.1"));
        QCOMPARE(config.adminPort, quint16(0));
        QCOMPARE(config.adminToken, QStringLiteral("s3cret-s3cret-s3cret"));
        QCOMPARE(parseWith({QStringLiteral("--print-config")}, {}, file, &config, &message),
                 ConfigLoader::ParseResult::Help);
        QVERIFY2(!message.contains(QStringLiteral("s3cret")), qPrintable(message));
        QCOMPARE(printedLine(message, QStringLiteral("admin-token")),
                 QStringLiteral("admin-token = (hidden) ; file"));
        QCOMPARE(printedLine(message, QStringLiteral("admin-listen")),
                 QStringLiteral("admin-listen = 127.0.0.1:0 ; file"));
        // IPv6 in brackets.
        QCOMPARE(
            parseWith({QStringLiteral("--admin-listen"), QStringLiteral("[::1]:8001")},
                      {{QStringLiteral("CHAT_ADMIN_TOKEN"), QStringLiteral("0123456789abcdef")}},
                      QString(), &config, &message),
            ConfigLoader::ParseResult::Ok);
        QCOMPARE(config.adminHost, QStringLiteral("::1"));
        QCOMPARE(config.adminPort, quint16(8001));
    }

    void layeredErrors_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("envName");
        QTest::addColumn<QString>("envValue");
        QTest::addColumn<QByteArray>("fileText");
        QTest::addColumn<QStringList>("mentions"); // "FILE" stands for the file's path
        const auto row = [](const char* name, QStringList flags, const char* envName,
                            const char* envValue, const QByteArray& fileText,
                            QStringList mentions) {
            QTest::newRow(name) << flags << QString::fromLatin1(envName)
                                << QString::fromLatin1(envValue) << fileText << mentions;
        };
        row("bad number in file", {}, "", "", "port = http\n",
            {QStringLiteral("FILE"), QStringLiteral("port"), QStringLiteral("not a whole number")});
        row("out of range in file", {}, "", "", "max-payload = 12\n",
            {QStringLiteral("FILE"), QStringLiteral("max-payload"),
             QStringLiteral("out of range")});
        row("unknown key in file", {}, "", "", "prot = 80\n",
            {QStringLiteral("FILE"), QStringLiteral("prot"), QStringLiteral("unknown setting")});
        row("section key in file", {}, "", "", "[server]\nport = 80\n",
            {QStringLiteral("FILE"), QStringLiteral("server/port"), QStringLiteral("unknown")});
        row("bad choice in file", {}, "", "", "log-format = xml\n",
            {QStringLiteral("FILE"), QStringLiteral("log-format"), QStringLiteral("xml")});
        row("bad env", {}, "CHAT_MESSAGE_RATE", "fast", "",
            {QStringLiteral("CHAT_MESSAGE_RATE"), QStringLiteral("fast")});
        row("bad env level", {}, "CHAT_LOG_LEVEL", "loud", "",
            {QStringLiteral("CHAT_LOG_LEVEL"), QStringLiteral("loud")});
        row("missing named file",
            {QStringLiteral("--config"), QStringLiteral("/nonexistent/x.conf")}, "", "", "",
            {QStringLiteral("/nonexistent/x.conf"), QStringLiteral("not found")});
        row("missing file from env", {}, "CHAT_CONFIG", "/nonexistent/y.conf", "",
            {QStringLiteral("/nonexistent/y.conf"), QStringLiteral("not found")});
        row("admin without token",
            {QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0")}, "", "", "",
            {QStringLiteral("admin-token")});
        row("admin token too short",
            {QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0")}, "CHAT_ADMIN_TOKEN",
            "short", "", {QStringLiteral("admin-token")});
        row("admin listen without port",
            {QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1")}, "", "", "",
            {QStringLiteral("--admin-listen")});
        row("admin listen bad host",
            {QStringLiteral("--admin-listen"), QStringLiteral("localhost:80")}, "", "", "",
            {QStringLiteral("--admin-listen")});
        row("cli still wins, but file errors are errors",
            {QStringLiteral("--port"), QStringLiteral("1")}, "", "", "port = nope\n",
            {QStringLiteral("FILE"), QStringLiteral("port")});
    }

    void layeredErrors()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, envName);
        QFETCH(QString, envValue);
        QFETCH(QByteArray, fileText);
        QFETCH(QStringList, mentions);
        const QString file =
            fileText.isEmpty() ? QString() : writeFile(QStringLiteral("bad.conf"), fileText);
        QList<std::pair<QString, QString>> env;
        if (!envName.isEmpty())
            env.append({envName, envValue});
        ServerConfig config;
        config.port = 1234; // untouched on error
        QString message;
        QCOMPARE(parseWith(flags, env, file, &config, &message), ConfigLoader::ParseResult::Error);
        QCOMPARE(config.port, quint16(1234));
        QVERIFY(!message.contains(QLatin1Char('\n')));
        for (QString mention : mentions) {
            mention.replace(QStringLiteral("FILE"), file);
            QVERIFY2(message.contains(mention),
                     qPrintable(message + QStringLiteral(" lacks ") + mention));
        }
    }
};

QTEST_APPLESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
