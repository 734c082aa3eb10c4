#pragma once

#include "serverconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

/**
 * Turns one Qt log message into one line for stderr, in chat-server's two formats:
 * - text: `2026-11-21T09:30:00.123Z I chat.server.net: listening on ...`; under journald
 *   (stderr is the stream named by $JOURNAL_STREAM) the time is left out, since journald
 *   adds its own, and the line starts with a syslog priority `<6>` as sd-daemon(3)
 *   describes, so that journald records the level;
 * - json: `{"category":"chat.server.net","level":"info","message":"...","ts":"...Z"}`,
 *   one object per line (JSON Lines), with or without journald.
 *
 * install() makes it the process's QtMessageHandler; main() calls it once, before the
 * first log message.
 */
class LogFormatter
{
public:
    /**
     * @param minimumLevel least severe level written (QtDebugMsg, QtInfoMsg, QtWarningMsg);
     *                     critical and fatal are always written.
     * @param journald     text lines for journald: no time, a `<N>` priority prefix.
     */
    LogFormatter(ServerConfig::LogFormat format, QtMsgType minimumLevel, bool journald);

    /// True when messages of @p type are written at all.
    bool accepts(QtMsgType type) const;

    /**
     * One line, ending in '\n', in UTF-8. Line breaks inside @p message are kept in
     * json (escaped) and replaced by spaces in text, so a message is always one line.
     * @param now the time stamp (UTC, printed with milliseconds).
     */
    QByteArray format(QtMsgType type, const char* category, const QString& message,
                      const QDateTime& now) const;

    /// "debug", "info", "warning", "critical", "fatal".
    static QByteArray levelName(QtMsgType type);
    /// syslog(3) priority: debug 7, info 6, warning 4, critical 3, fatal 2.
    static int syslogPriority(QtMsgType type);
    /**
     * True when stderr is the journal stream that @p journalStream ($JOURNAL_STREAM,
     * "DEVICE:INODE" in decimal, set by systemd) names: compared with fstat(2) as
     * sd-daemon(3) advises, so a child that inherited the variable but writes elsewhere
     * is not fooled.
     */
    static bool stderrIsJournal(const QByteArray& journalStream);

    /**
     * Installs @p formatter as the QtMessageHandler (qInstallMessageHandler) for the rest
     * of the process, and enables the `chat.*` debug categories when its level is debug, or
     * disables their levels below it (so that their messages are not even built;
     * QT_LOGGING_RULES still overrides that). Not thread-safe against itself: call once,
     * from main(), before threads start.
     */
    static void install(const LogFormatter& formatter);

private:
    ServerConfig::LogFormat m_format;
    QtMsgType m_minimumLevel;
    bool m_journald;
};
