// The chat-server executable as an admin runs it: exit codes, one-line errors, logging to
// stderr, and a graceful SIGTERM.

#include "testclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class tst_ChatServerProcess : public QObject
{
    Q_OBJECT

private:
    static QString binary() { return QStringLiteral(CHAT_SERVER_BIN); }

private Q_SLOTS:
    void badFlagExitsWithStatus2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")};
        QTest::newRow("bad port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")};
        QTest::newRow("bad storage")
            << QStringList{QStringLiteral("--storage"), QStringLiteral("tape")};
        QTest::newRow("negative rate")
            << QStringList{QStringLiteral("--message-rate"), QStringLiteral("-1")};
    }

    void badFlagExitsWithStatus2()
    {
        QFETCH(QStringList, arguments);
        QProcess process;
        process.start(binary(), arguments);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        const QString stderrText = QString::fromUtf8(process.readAllStandardError()).trimmed();
        QVERIFY(!stderrText.isEmpty());
        QVERIFY2(!stderrText.contains(QLatin1Char('\n')), qPrintable(stderrText));
    }

    void helpExitsWithStatus0()
    {
        QProcess process;
        process.start(binary(), {QStringLiteral("--help")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("--presence-grace-ms"));
    }

    void portInUseExitsWithStatus1()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dataDir;
        QProcess process;
        process.start(binary(), {QStringLiteral("--port"), QString::number(blocker.serverPort()),
                                 QStringLiteral("--data-dir"), dataDir.path()});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
    }

    void sigtermShutsDownGracefully()
    {
        QTemporaryDir dataDir;
        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        // The "listening on" line is an info message: make sure no rule hides it.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("QT_LOGGING_RULES"));
        process.setProcessEnvironment(environment);
        process.start(binary(),
                      {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                       dataDir.path(), QStringLiteral("--storage"), QStringLiteral("memory")});
        QVERIFY(process.waitForStarted(10000));

        // Logs go to stderr; the first info line says where it listens.
        QByteArray log;
        const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QRegularExpressionMatch match;
        QTRY_VERIFY_WITH_TIMEOUT((log += process.readAllStandardError(),
                                  match = listening.match(QString::fromUtf8(log)),
                                  match.hasMatch()),
                                 10000);
        const quint16 port = match.captured(1).toUShort();
        QVERIFY(port != 0);

        TestClient client;
        QVERIFY(client.connectTo(port));
        QVERIFY(client
                    .request(QStringLiteral("join_room"),
                             QJsonObject{{QStringLiteral("room"), QStringLiteral("r")}})
                    .value(QStringLiteral("ok"))
                    .toBool());

        QElapsedTimer timer;
        timer.start();
        process.terminate(); // SIGTERM
        QVERIFY(client.waitForClosed());
        QCOMPARE(client.events(QStringLiteral("notice")).size(), 1);
        QCOMPARE(client.events(QStringLiteral("notice")).constFirst().value(QStringLiteral("code")),
                 QJsonValue(QStringLiteral("shutting_down")));
        QVERIFY(!client.frames().contains(QStringLiteral("41")));
        QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        // The token secret was created in the data directory, readable by the owner only.
        const QFileInfo secret(QDir(dataDir.path()).filePath(QStringLiteral("token-secret.key")));
        QVERIFY(secret.exists());
        QCOMPARE(secret.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }
};

QTEST_GUILESS_MAIN(tst_ChatServerProcess)
#include "tst_chatserverprocess.moc"
