// No secret in the logs (docs/security.md): a chat-server process runs a whole session with
// every logging category at debug level, and its captured log must contain neither a
// resume token nor the token signing key, in any encoding.

#include "testclient.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class tst_SecretLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void debugLogHoldsNoTokenAndNoKey_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("debugSessionLine");
        QTest::newRow("text") << QStringLiteral("text") << QByteArray(" D chat.server.session:");
        QTest::newRow("json") << QStringLiteral("json") << QByteArray("\"level\":\"debug\"");
    }

    void debugLogHoldsNoTokenAndNoKey()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, debugSessionLine);
        QTemporaryDir dataDir;
        QProcess server;
        server.setProcessChannelMode(QProcess::SeparateChannels);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        server.setProcessEnvironment(environment);
        server.start(QStringLiteral(CHAT_SERVER_BIN),
                     {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                      dataDir.path(), QStringLiteral("--storage"), QStringLiteral("memory"),
                      QStringLiteral("--log-level"), QStringLiteral("debug"),
                      QStringLiteral("--log-format"), format});
        QVERIFY(server.waitForStarted(10000));
        QByteArray log;
        const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QRegularExpressionMatch match;
        QTRY_VERIFY_WITH_TIMEOUT((log += server.readAllStandardError(),
                                  match = listening.match(QString::fromUtf8(log)),
                                  match.hasMatch()),
                                 10000);
        const quint16 port = match.captured(1).toUShort();

        // A session that handles tokens in every way: issued, resumed, forged.
        QStringList tokens;
        {
            TestClient first;
            QVERIFY(first.connectTo(port));
            tokens << first.session().token;
            QVERIFY(first
                        .request(QStringLiteral("join_room"),
                                 QJsonObject{{QStringLiteral("room"), QStringLiteral("lobby")}})
                        .value(QStringLiteral("ok"))
                        .toBool());
            QVERIFY(first
                        .request(QStringLiteral("send_message"),
                                 QJsonObject{{QStringLiteral("room"), QStringLiteral("lobby")},
                                             {QStringLiteral("text"), QStringLiteral("hello")}})
                        .value(QStringLiteral("ok"))
                        .toBool());
        }
        TestClient resumed;
        QVERIFY(resumed.connectTo(port, QJsonObject{{QStringLiteral("token"), tokens.first()}}));
        QVERIFY(resumed.session().resumed);
        tokens << resumed.session().token;
        const QString forged =
            tokens.first().left(tokens.first().size() - 4) + QStringLiteral("AAAA");
        TestClient forger;
        QVERIFY(forger.connectTo(port, QJsonObject{{QStringLiteral("token"), forged}}));
        QVERIFY(!forger.session().resumed);
        tokens << forger.session().token << forged;
        // A token inside a malformed packet as well.
        forger.sendRaw(QStringLiteral("40{\"token\":\"%1\"").arg(tokens.first()));
        QVERIFY(forger.waitForEvents(QStringLiteral("error")));

        server.terminate();
        QVERIFY(server.waitForFinished(10000));
        log += server.readAllStandardError() + server.readAllStandardOutput();

        // The log is really at debug level, with the session in it.
        QVERIFY2(log.contains(debugSessionLine) && log.contains("chat.server.session"),
                 log.left(2000).constData());
        QVERIFY(log.contains("(resumed)"));

        for (const QString& token : std::as_const(tokens)) {
            QVERIFY(!token.isEmpty());
            QVERIFY2(!log.contains(token.toUtf8()), qPrintable(token));
            // Nor its signature part on its own.
            const QString tail = token.section(QLatin1Char('.'), -1);
            if (tail.size() >= 16)
                QVERIFY2(!log.contains(tail.toUtf8()), qPrintable(tail));
        }
        QFile secretFile(QDir(dataDir.path()).filePath(QStringLiteral("token-secret.key")));
        QVERIFY(secretFile.open(QIODevice::ReadOnly));
        const QByteArray secret = secretFile.readAll();
        QVERIFY(!secret.isEmpty());
        const QByteArray forms[] = {
            secret,
            secret.toHex(),
            secret.toBase64(),
            secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
        };
        for (const QByteArray& form : forms)
            QVERIFY(!log.contains(form.trimmed()));
    }
};

QTEST_GUILESS_MAIN(tst_SecretLogging)
#include "tst_secretlogging.moc"
