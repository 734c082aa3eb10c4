// LogFormatter: the text, journald and JSON line formats, level filtering, and the
// JOURNAL_STREAM check.

#include "chatlogging.h"
#include "logformatter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

class tst_LogFormatter : public QObject
{
    Q_OBJECT

private:
    static QDateTime when()
    {
        return QDateTime(QDate(2026, 11, 21), QTime(9, 30, 0, 123), Qt::UTC);
    }

private Q_SLOTS:
    void text()
    {
        const LogFormatter formatter(ServerConfig::LogFormat::Text, QtInfoMsg, false);
        QCOMPARE(
            formatter.format(QtInfoMsg, "chat.server.net", QStringLiteral("listening"), when()),
            QByteArray("2026-11-21T09:30:00.123Z I chat.server.net: listening\n"));
        QCOMPARE(
            formatter.format(QtWarningMsg, "chat.server.store", QStringLiteral("a\nb"), when()),
            QByteArray("2026-11-21T09:30:00.123Z W chat.server.store: a b\n"));
    }

    void journald_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("prefix");
        QTest::newRow("debug") << int(QtDebugMsg) << QByteArray("<7>");
        QTest::newRow("info") << int(QtInfoMsg) << QByteArray("<6>");
        QTest::newRow("warning") << int(QtWarningMsg) << QByteArray("<4>");
        QTest::newRow("critical") << int(QtCriticalMsg) << QByteArray("<3>");
        QTest::newRow("fatal") << int(QtFatalMsg) << QByteArray("<2>");
    }

    void journald()
    {
        QFETCH(int, type);
        QFETCH(QByteArray, prefix);
        const LogFormatter formatter(ServerConfig::LogFormat::Text, QtDebugMsg, true);
        // No time stamp: journald adds its own.
        QCOMPARE(
            formatter.format(QtMsgType(type), "chat.server.rooms", QStringLiteral("x"), when()),
            prefix + "chat.server.rooms: x\n");
    }

    void json()
    {
        for (const bool journald : {false, true}) {
            const LogFormatter formatter(ServerConfig::LogFormat::Json, QtInfoMsg, journald);
            const QByteArray line =
                formatter.format(QtWarningMsg, "chat.server.session",
                                 QStringLiteral("two\nlines \"quoted\""), when());
            QVERIFY(line.endsWith('\n'));
            QCOMPARE(line.count('\n'), 1);
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(object.size(), 4);
            QCOMPARE(object.value(QStringLiteral("ts")).toString(),
                     QStringLiteral("2026-11-21T09:30:00.123Z"));
            QCOMPARE(object.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
            QCOMPARE(object.value(QStringLiteral("category")).toString(),
                     QStringLiteral("chat.server.session"));
            QCOMPARE(object.value(QStringLiteral("message")).toString(),
                     QStringLiteral("two\nlines \"quoted\""));
        }
    }

    void levels()
    {
        const LogFormatter debug(ServerConfig::LogFormat::Text, QtDebugMsg, false);
        const LogFormatter info(ServerConfig::LogFormat::Text, QtInfoMsg, false);
        const LogFormatter warning(ServerConfig::LogFormat::Text, QtWarningMsg, false);
        QVERIFY(debug.accepts(QtDebugMsg));
        QVERIFY(debug.accepts(QtInfoMsg));
        QVERIFY(!info.accepts(QtDebugMsg));
        QVERIFY(info.accepts(QtInfoMsg));
        QVERIFY(info.accepts(QtWarningMsg));
        QVERIFY(!warning.accepts(QtInfoMsg));
        QVERIFY(!warning.accepts(QtDebugMsg));
        QVERIFY(warning.accepts(QtWarningMsg));
        QVERIFY(warning.accepts(QtCriticalMsg));
        QVERIFY(warning.accepts(QtFatalMsg));
    }

    void journalStreamMatchesStderrOnly()
    {
        struct stat info = {};
        QCOMPARE(::fstat(STDERR_FILENO, &info), 0);
        const QByteArray mine = QByteArray::number(qulonglong(info.st_dev)) + ':' +
                                QByteArray::number(qulonglong(info.st_ino));
        QVERIFY(LogFormatter::stderrIsJournal(mine));
        const QByteArray other = QByteArray::number(qulonglong(info.st_dev)) + ':' +
                                 QByteArray::number(qulonglong(info.st_ino) + 1);
        QVERIFY(!LogFormatter::stderrIsJournal(other));
        QVERIFY(!LogFormatter::stderrIsJournal(QByteArray()));
        QVERIFY(!LogFormatter::stderrIsJournal("garbage"));
        QVERIFY(!LogFormatter::stderrIsJournal("1:2:3"));
    }

    void installSwitchesCategoriesByLevel()
    {
        // Below the level a chat category is off, so its messages are never even built.
        LogFormatter::install(LogFormatter(ServerConfig::LogFormat::Text, QtWarningMsg, false));
        QVERIFY(!lcSession().isDebugEnabled());
        QVERIFY(!lcSession().isInfoEnabled());
        QVERIFY(lcSession().isWarningEnabled());
        LogFormatter::install(LogFormatter(ServerConfig::LogFormat::Text, QtInfoMsg, false));
        QVERIFY(!lcSession().isDebugEnabled());
        QVERIFY(lcSession().isInfoEnabled());
        // (Whether debug is then on depends on QT_LOGGING_RULES too, which ctest sets.)
        LogFormatter::install(LogFormatter(ServerConfig::LogFormat::Text, QtDebugMsg, false));
        QVERIFY(lcSession().isInfoEnabled());
        LogFormatter::install(LogFormatter(ServerConfig::LogFormat::Text, QtCriticalMsg, false));
        QVERIFY(!lcSession().isWarningEnabled());
        QVERIFY(lcSession().isCriticalEnabled());
        qInstallMessageHandler(nullptr);
        QLoggingCategory::setFilterRules(QString());
    }
};

QTEST_APPLESS_MAIN(tst_LogFormatter)
#include "tst_logformatter.moc"
