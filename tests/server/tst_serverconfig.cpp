// Command-line parsing of chat-server: defaults, every flag, and every kind of bad value.

#include "serverconfig.h"

#include <QTest>

class tst_ServerConfig : public QObject
{
    Q_OBJECT

private:
    static QStringList args(const QStringList& flags)
    {
        return QStringList{QStringLiteral("chat-server")} + flags;
    }

private Q_SLOTS:
    void defaults()
    {
        ServerConfig config;
        QString message;
        QCOMPARE(ServerConfig::parse(args({}), &config, &message), ServerConfig::ParseResult::Ok);
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
        QCOMPARE(ServerConfig::parse(args(flags), &config, &message),
                 ServerConfig::ParseResult::Ok);
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
        QCOMPARE(ServerConfig::parse(args({QStringLiteral("--help")}), &config, &message),
                 ServerConfig::ParseResult::Help);
        for (const char* flag :
             {"--host", "--port", "--data-dir", "--storage", "--presence-grace-ms",
              "--message-rate", "--message-burst", "--max-payload", "--history-limit",
              "--token-ttl", "--ping-interval-ms", "--ping-timeout-ms"})
            QVERIFY2(message.contains(QLatin1String(flag)), flag);
    }

    void badValues_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("mentions");
        const auto row = [](const char* name, QStringList flags, const char* mentions) {
            QTest::newRow(name) << flags << QString::fromLatin1(mentions);
        };
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
        QFETCH(QStringList, flags);
        QFETCH(QString, mentions);
        ServerConfig config;
        QString message;
        QCOMPARE(ServerConfig::parse(args(flags), &config, &message),
                 ServerConfig::ParseResult::Error);
        QVERIFY2(message.contains(mentions), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
    }
};

QTEST_APPLESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
