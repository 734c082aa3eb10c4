#include "logformatter.h"

#include "timestamp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace {

/// Severity order (QtMsgType's numbers are not ordered: info was added last).
int rank(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 4;
}

/// The installed formatter. A QtMessageHandler is a plain function, so it needs one.
std::optional<LogFormatter> installedFormatter;

void writeAll(const QByteArray& line)
{
    // One write(2) per line, so that lines from several threads do not interleave.
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t n =
            ::write(STDERR_FILENO, line.constData() + done, size_t(line.size() - done));
        if (n <= 0)
            return; // stderr is gone; nothing sensible to do
        done += n;
    }
}

void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (!installedFormatter || !installedFormatter->accepts(type))
        return;
    writeAll(installedFormatter->format(type, context.category ? context.category : "default",
                                        message, QDateTime::currentDateTimeUtc()));
}

} // namespace

LogFormatter::LogFormatter(ServerConfig::LogFormat format, QtMsgType minimumLevel, bool journald)
    : m_format(format)
    , m_minimumLevel(minimumLevel)
    , m_journald(journald)
{}

bool LogFormatter::accepts(QtMsgType type) const
{
    return rank(type) >= qMin(rank(m_minimumLevel), rank(QtCriticalMsg));
}

QByteArray LogFormatter::format(QtMsgType type, const char* category, const QString& message,
                                const QDateTime& now) const
{
    const QString ts = Timestamp::format(now);
    if (m_format == ServerConfig::LogFormat::Json) {
        const QJsonObject object{{QStringLiteral("ts"), ts},
                                 {QStringLiteral("level"), QString::fromLatin1(levelName(type))},
                                 {QStringLiteral("category"), QString::fromUtf8(category)},
                                 {QStringLiteral("message"), message}};
        return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    QString text = message;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QByteArray line;
    if (m_journald) {
        line = '<' + QByteArray::number(syslogPriority(type)) + '>';
    } else {
        line = ts.toUtf8() + ' ' + levelName(type).left(1).toUpper() + ' ';
    }
    return line + category + ": " + text.toUtf8() + '\n';
}

QByteArray LogFormatter::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "fatal";
}

int LogFormatter::syslogPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 7; // LOG_DEBUG
    case QtInfoMsg:
        return 6; // LOG_INFO
    case QtWarningMsg:
        return 4; // LOG_WARNING
    case QtCriticalMsg:
        return 3; // LOG_ERR
    case QtFatalMsg:
        return 2; // LOG_CRIT
    }
    return 2;
}

bool LogFormatter::stderrIsJournal(const QByteArray& journalStream)
{
    const QList<QByteArray> parts = journalStream.split(':');
    if (parts.size() != 2)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = parts[0].toULongLong(&deviceOk);
    const qulonglong inode = parts[1].toULongLong(&inodeOk);
    struct stat info = {};
    if (!deviceOk || !inodeOk || ::fstat(STDERR_FILENO, &info) != 0)
        return false;
    return qulonglong(info.st_dev) == device && qulonglong(info.st_ino) == inode;
}

void LogFormatter::install(const LogFormatter& formatter)
{
    installedFormatter = formatter;
    // Below the level, our categories are switched off, not just filtered in the handler:
    // a disabled qCInfo() skips building its message (one per connection at info level).
    switch (rank(formatter.m_minimumLevel)) {
    case 0:
        QLoggingCategory::setFilterRules(QStringLiteral("chat.*.debug=true"));
        break;
    case 1:
        QLoggingCategory::setFilterRules(QString());
        break;
    case 2:
        QLoggingCategory::setFilterRules(QStringLiteral("chat.*.info=false"));
        break;
    default:
        QLoggingCategory::setFilterRules(QStringLiteral("chat.*.info=false\nchat.*.warning=false"));
        break;
    }
    qInstallMessageHandler(handleMessage);
}
