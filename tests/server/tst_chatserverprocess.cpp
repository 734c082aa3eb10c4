// The chat-server executable as an admin runs it: exit codes, one-line errors, logging to
// stderr, and a graceful SIGTERM.

#include "testclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

class tst_ChatServerProcess : public QObject
{
    Q_OBJECT

private:
    static QString binary() { return QStringLiteral(CHAT_SERVER_BIN); }

    /// The system environment without QT_LOGGING_RULES and CHAT_*, plus @p extra.
    static QProcessEnvironment cleanEnvironment(const QStringList& extra = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("QT_LOGGING_RULES"));
        for (const QString& name : environment.keys()) {
            if (name.startsWith(QLatin1String("CHAT_")))
                environment.remove(name);
        }
        for (const QString& assignment : extra)
            environment.insert(assignment.section(QLatin1Char('='), 0, 0),
                               assignment.section(QLatin1Char('='), 1));
        return environment;
    }

    /// Reads stderr of @p process until "listening on 127.0.0.1:<port>" shows; 0 on timeout.
    static quint16 waitForPort(const std::function<QByteArray()>& readLog)
    {
        static const QRegularExpression listening(
            QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QByteArray log;
        QRegularExpressionMatch match;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 10000) {
            log += readLog();
            match = listening.match(QString::fromUtf8(log));
            if (match.hasMatch())
                return match.captured(1).toUShort();
            QTest::qWait(20);
        }
        return 0;
    }

    /**
     * Starts chat-server on @p dataDir with @p extra arguments (port 0 unless given) and
     * returns the port it logs, 0 on failure.
     */
    static quint16 startServer(QProcess& process, const QString& dataDir,
                               const QStringList& extra = {})
    {
        process.setProcessChannelMode(QProcess::SeparateChannels);
        // The "listening on" line is an info message: make sure no rule hides it.
        process.setProcessEnvironment(cleanEnvironment());
        QStringList arguments{QStringLiteral("--data-dir"), dataDir,
                              QStringLiteral("--message-rate"), QStringLiteral("0")};
        if (!extra.contains(QStringLiteral("--port")))
            arguments << QStringLiteral("--port") << QStringLiteral("0");
        process.start(binary(), arguments + extra);
        if (!process.waitForStarted(10000))
            return 0;
        // Logs go to stderr; the first info line says where it listens.
        QByteArray log;
        const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QRegularExpressionMatch match;
        const bool found = QTest::qWaitFor(
            [&] {
                log += process.readAllStandardError();
                match = listening.match(QString::fromUtf8(log));
                return match.hasMatch() || process.state() == QProcess::NotRunning;
            },
            10000);
        return found && match.hasMatch() ? match.captured(1).toUShort() : 0;
    }

    static QJsonObject roomSince(const QString& room, qint64 since)
    {
        return QJsonObject{{QStringLiteral("room"), room}, {QStringLiteral("since"), since}};
    }

    static QJsonObject text(const QString& room, const QString& body, const QString& clientId)
    {
        return QJsonObject{{QStringLiteral("room"), room},
                           {QStringLiteral("text"), body},
                           {QStringLiteral("client_id"), clientId}};
    }

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

    void stderrWithoutReaderDoesNotKillTheServer()
    {
        // stderr is a pipe whose reader is gone (a log collector that died): every log line
        // fails with EPIPE, which must not end the server by SIGPIPE.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        QTemporaryDir dataDir;
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment());
        process.setChildProcessModifier([fds] {
            ::dup2(fds[1], STDERR_FILENO);
            ::close(fds[0]); // else the server itself would hold the pipe's reader
            ::close(fds[1]);
            ::signal(SIGPIPE, SIG_DFL); // as a service manager starts it, not inherited ignored
        });
        process.start(binary(), {QStringLiteral("--port"), QString::number(port),
                                 QStringLiteral("--data-dir"), dataDir.path(),
                                 QStringLiteral("--log-level"), QStringLiteral("debug")});
        QVERIFY(process.waitForStarted(10000));
        ::close(fds[0]);
        ::close(fds[1]);
        QTRY_VERIFY_WITH_TIMEOUT(TestClient::httpGet(port, "/health").status == 200 ||
                                     process.state() == QProcess::NotRunning,
                                 10000);
        QCOMPARE(process.state(), QProcess::Running);
        // More log lines (a connection at debug level), then it still answers.
        QCOMPARE(TestClient::httpGet(port, "/health").status, 200);
        QCOMPARE(process.state(), QProcess::Running);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    }

    void sigtermRestartKeepsHistorySeqAndTokens();
    void sigkillKeepsEveryAcknowledgedMessage();
    void secondServerOnTheSameDataDirExits1();

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

    void printConfigShowsOrigins()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("chat.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("history-limit = 77\nport = 9100\n");
        file.close();
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment(
            {QStringLiteral("CHAT_PORT=9200"), QStringLiteral("CHAT_CONFIG=") + path}));
        process.start(binary(), {QStringLiteral("--print-config"), QStringLiteral("--message-rate"),
                                 QStringLiteral("5")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        for (const char* pattern :
             {"^history-limit = 77 +; file$", "^port = 9200 +; env$", "^message-rate = 5 +; cli$",
              "^ping-timeout-ms = 20000 +; default$"})
            QVERIFY2(QRegularExpression(QLatin1String(pattern), QRegularExpression::MultilineOption)
                         .match(out)
                         .hasMatch(),
                     pattern);
    }

    void badConfigFileExitsWithStatus2()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("port = 8000\nmessage-burst = lots\n");
        file.close();
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment());
        process.start(binary(), {QStringLiteral("--config"), path});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        const QString line = QString::fromUtf8(process.readAllStandardError()).trimmed();
        QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
        QVERIFY2(
            line.contains(path + QStringLiteral(": message-burst: 'lots' is not a whole number")),
            qPrintable(line));

        process.start(binary(), {QStringLiteral("--config"), dir.filePath(QStringLiteral("none"))});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
    }

    void jsonLogsAtDebugLevel()
    {
        QTemporaryDir dataDir;
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment({QStringLiteral("CHAT_LOG_FORMAT=json")}));
        process.start(binary(),
                      {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                       dataDir.path(), QStringLiteral("--storage"), QStringLiteral("memory"),
                       QStringLiteral("--log-level"), QStringLiteral("debug")});
        QVERIFY(process.waitForStarted(10000));
        QByteArray log;
        const quint16 port = waitForPort([&] {
            const QByteArray more = process.readAllStandardError();
            log += more;
            return more;
        });
        QVERIFY(port != 0);
        {
            TestClient client; // a connection logs at debug level
            QVERIFY(client.connectTo(port));
        }
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        log += process.readAllStandardError();

        QSet<QString> levels;
        QSet<QString> categories;
        const QList<QByteArray> lines = log.trimmed().split('\n');
        QVERIFY(lines.size() >= 3);
        for (const QByteArray& line : lines) {
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            QCOMPARE(object.keys(),
                     (QStringList{QStringLiteral("category"), QStringLiteral("level"),
                                  QStringLiteral("message"), QStringLiteral("ts")}));
            QVERIFY(QDateTime::fromString(object.value(QStringLiteral("ts")).toString(),
                                          Qt::ISODateWithMs)
                        .isValid());
            levels.insert(object.value(QStringLiteral("level")).toString());
            categories.insert(object.value(QStringLiteral("category")).toString());
        }
        QVERIFY2(levels.contains(QStringLiteral("debug")), log.constData());
        QVERIFY(levels.contains(QStringLiteral("info")));
        QVERIFY(categories.contains(QStringLiteral("chat.server.net")));
        QVERIFY(categories.contains(QStringLiteral("chat.server.session")));
    }

    void journaldGetsPrioritiesWithoutTimestamps()
    {
        QTemporaryDir dir;
        const QString logPath = dir.filePath(QStringLiteral("journal-stream"));
        QFile logFile(logPath);
        QVERIFY(logFile.open(QIODevice::WriteOnly));
        logFile.close();
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(logPath).constData(), &info), 0);
        // What systemd sets when stderr is connected to the journal: "device:inode" of it.
        const QString stream = QStringLiteral("JOURNAL_STREAM=%1:%2")
                                   .arg(qulonglong(info.st_dev))
                                   .arg(qulonglong(info.st_ino));
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment({stream}));
        process.setStandardErrorFile(logPath, QIODevice::Append);
        process.start(binary(),
                      {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                       dir.path(), QStringLiteral("--storage"), QStringLiteral("memory")});
        QVERIFY(process.waitForStarted(10000));
        QFile reader(logPath);
        QVERIFY(reader.open(QIODevice::ReadOnly));
        QVERIFY(waitForPort([&] { return reader.readAll(); }) != 0);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        reader.seek(0);
        const QList<QByteArray> lines = reader.readAll().trimmed().split('\n');
        QVERIFY(!lines.isEmpty());
        for (const QByteArray& line : lines)
            QVERIFY2(QRegularExpression(QStringLiteral("^<[2-7]>chat\\.server\\.[a-z]+: "))
                         .match(QString::fromUtf8(line))
                         .hasMatch(),
                     line.constData());
        QVERIFY(lines.constFirst().startsWith("<6>chat.server."));

        // The same variable with stderr elsewhere (a child that inherited it): timestamps.
        process.setStandardErrorFile(QString());
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(binary(),
                      {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                       dir.path(), QStringLiteral("--storage"), QStringLiteral("memory")});
        QVERIFY(process.waitForStarted(10000));
        QByteArray log;
        QVERIFY(waitForPort([&] {
                    const QByteArray more = process.readAllStandardError();
                    log += more;
                    return more;
                }) != 0);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z I chat\\.server\\.net: "))
                     .match(QString::fromUtf8(log))
                     .hasMatch(),
                 log.constData());
    }

    void warningLevelHidesInfo()
    {
        QTemporaryDir dataDir;
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment({QStringLiteral("CHAT_LOG_LEVEL=warning")}));
        process.start(binary(),
                      {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                       dataDir.path(), QStringLiteral("--storage"), QStringLiteral("memory"),
                       QStringLiteral("--print-config")});
        QVERIFY(process.waitForFinished(10000));
        QVERIFY(process.readAllStandardOutput().contains("log-level = warning"));
        // Started for real, it says nothing at info level: not even where it listens.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        process.start(binary(), {QStringLiteral("--port"), QString::number(port),
                                 QStringLiteral("--data-dir"), dataDir.path(),
                                 QStringLiteral("--storage"), QStringLiteral("memory")});
        QVERIFY(process.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(TestClient::httpGet(port, "/health").status == 200, 10000);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardError(), QByteArray());
    }
};

// Appended tests: durability of the SQLite storage across process restarts.
void tst_ChatServerProcess::sigtermRestartKeepsHistorySeqAndTokens()
{
    QTemporaryDir dataDir;
    QProcess server;
    const quint16 port = startServer(server, dataDir.path());
    QVERIFY(port != 0);
    TestClient a;
    QVERIFY(a.connectTo(port));
    const SessionInfo identity = a.session();
    QVERIFY(a.request(QStringLiteral("join_room"), roomSince(QStringLiteral("r"), 0))
                .value(QStringLiteral("ok"))
                .toBool());
    QList<QJsonObject> sent;
    for (int i = 1; i <= 5; ++i)
        sent.append(a.request(QStringLiteral("send_message"),
                              text(QStringLiteral("r"), QStringLiteral("m%1").arg(i),
                                   QStringLiteral("c-%1").arg(i)))
                        .value(QStringLiteral("message"))
                        .toObject());
    QCOMPARE(sent.constLast().value(QStringLiteral("seq")).toInteger(), 5);

    QElapsedTimer timer;
    timer.start();
    server.terminate(); // SIGTERM
    QVERIFY(a.waitForClosed());
    // The notice came before the close, and no Socket.IO DISCONNECT.
    QCOMPARE(a.events(QStringLiteral("notice")).size(), 1);
    QVERIFY(a.events(QStringLiteral("notice"))
                .constFirst()
                .value(QStringLiteral("retry_after_ms"))
                .toInteger() > 0);
    QVERIFY(!a.frames().contains(QStringLiteral("41")));
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), QProcess::NotRunning, 10000);
    QVERIFY(timer.elapsed() < 5000);
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);

    QProcess restarted;
    const quint16 port2 = startServer(restarted, dataDir.path());
    QVERIFY(port2 != 0);
    TestClient b;
    QVERIFY(b.connectTo(port2, QJsonObject{{QStringLiteral("token"), identity.token}}));
    QVERIFY(b.session().resumed);
    QCOMPARE(b.session().userId, identity.userId);
    QCOMPARE(b.session().handle, identity.handle);
    const QJsonObject join =
        b.request(QStringLiteral("join_room"), roomSince(QStringLiteral("r"), 0));
    QCOMPARE(join.value(QStringLiteral("last_seq")).toInteger(), 5);
    const QJsonArray history = join.value(QStringLiteral("history")).toArray();
    QCOMPARE(history.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(history.at(i).toObject(), sent.at(i));
    // A retried client_id gets the original; a new message continues the seq.
    const QJsonObject retry =
        b.request(QStringLiteral("send_message"),
                  text(QStringLiteral("r"), QStringLiteral("again"), QStringLiteral("c-3")));
    QCOMPARE(retry.value(QStringLiteral("message")).toObject(), sent.at(2));
    const QJsonObject next =
        b.request(QStringLiteral("send_message"),
                  text(QStringLiteral("r"), QStringLiteral("m6"), QStringLiteral("c-6")));
    QCOMPARE(
        next.value(QStringLiteral("message")).toObject().value(QStringLiteral("seq")).toInteger(),
        6);
    restarted.terminate();
    QVERIFY(restarted.waitForFinished(10000));
    QCOMPARE(restarted.exitCode(), 0);
}

void tst_ChatServerProcess::sigkillKeepsEveryAcknowledgedMessage()
{
    QTemporaryDir dataDir;
    QProcess server;
    const quint16 port = startServer(server, dataDir.path());
    QVERIFY(port != 0);
    TestClient a;
    QVERIFY(a.connectTo(port));
    const SessionInfo identity = a.session();
    QVERIFY(a.request(QStringLiteral("join_room"), roomSince(QStringLiteral("r"), 0))
                .value(QStringLiteral("ok"))
                .toBool());
    constexpr int Count = 300;
    QList<qint64> ackIds;
    for (int i = 1; i <= Count; ++i)
        ackIds.append(a.send(QStringLiteral("send_message"),
                             text(QStringLiteral("r"), QStringLiteral("m%1").arg(i),
                                  QStringLiteral("c-%1").arg(i))));
    QList<QJsonObject> acked;
    for (const qint64 id : std::as_const(ackIds))
        acked.append(a.waitForAck(id).value(QStringLiteral("message")).toObject());
    QCOMPARE(acked.constLast().value(QStringLiteral("seq")).toInteger(), Count);
    server.kill(); // SIGKILL: no shutdown, no flush
    QVERIFY(server.waitForFinished(10000));

    QProcess restarted;
    const quint16 port2 = startServer(restarted, dataDir.path());
    QVERIFY(port2 != 0);
    TestClient b;
    QVERIFY(b.connectTo(port2, QJsonObject{{QStringLiteral("token"), identity.token}}));
    QCOMPARE(b.session().userId, identity.userId);
    const QJsonObject join =
        b.request(QStringLiteral("join_room"), roomSince(QStringLiteral("r"), 0));
    const QJsonArray history = join.value(QStringLiteral("history")).toArray();
    QCOMPARE(history.size(), Count);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(history.at(i).toObject(), acked.at(i));
    // Every retry after the crash is answered with its original; nothing new is stored.
    for (int i = 1; i <= Count; i += 37) {
        const QJsonObject retry = b.request(
            QStringLiteral("send_message"),
            text(QStringLiteral("r"), QStringLiteral("retry"), QStringLiteral("c-%1").arg(i)));
        QCOMPARE(retry.value(QStringLiteral("message")).toObject(), acked.at(i - 1));
    }
    const QJsonObject after =
        b.request(QStringLiteral("join_room"), roomSince(QStringLiteral("r"), Count));
    QCOMPARE(after.value(QStringLiteral("last_seq")).toInteger(), Count);
    restarted.terminate();
    QVERIFY(restarted.waitForFinished(10000));
}

void tst_ChatServerProcess::secondServerOnTheSameDataDirExits1()
{
    QTemporaryDir dataDir;
    QProcess first;
    QVERIFY(startServer(first, dataDir.path()) != 0);
    QProcess second;
    second.setProcessEnvironment(cleanEnvironment());
    second.start(binary(), {QStringLiteral("--port"), QStringLiteral("0"),
                            QStringLiteral("--data-dir"), dataDir.path()});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    QVERIFY(second.readAllStandardError().contains("history.sqlite"));
    first.terminate();
    QVERIFY(first.waitForFinished(10000));
    QCOMPARE(first.exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_ChatServerProcess)
#include "tst_chatserverprocess.moc"
