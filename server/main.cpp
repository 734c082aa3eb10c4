// chat-server: the headless chat server. Everything but process setup lives in the
// chatserver library (ChatServer and friends), so that tests link the real logic.

#include "applogging.h"
#include "chatserver.h"
#include "configloader.h"
#include "eventdispatcherinstaller.h"
#include "logformatter.h"
#include "resourcelimits.h"
#include "unixsignalwatcher.h"

#include <QCoreApplication>
#include <QTimer>

#include <csignal>
#include <cstdio>

int main(int argc, char* argv[])
{
    // A write to a peer or a log pipe that is gone must fail with EPIPE, not end the process:
    // sockets already send with MSG_NOSIGNAL, but stderr may be a pipe to a log collector.
    std::signal(SIGPIPE, SIG_IGN);
    // Text to stderr until the configuration is known; journald gets priorities from the
    // start (see LogFormatter).
    const bool journald = LogFormatter::stderrIsJournal(qgetenv("JOURNAL_STREAM"));
    LogFormatter::install(LogFormatter(ServerConfig::LogFormat::Text, QtInfoMsg, journald));
    // epoll unless CHAT_EVENT_DISPATCHER=qt; must precede the application object (issue 7).
    EventDispatcherInstaller::installFromEnvironment(EventDispatcherInstaller::Kind::Epoll);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chat-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAT_VERSION));

    ServerConfig config;
    QString message;
    switch (ConfigLoader::parse(QCoreApplication::arguments(), &config, &message)) {
    case ConfigLoader::ParseResult::Help:
        std::fputs(qPrintable(message), stdout);
        return 0;
    case ConfigLoader::ParseResult::Error:
        std::fprintf(stderr, "%schat-server: %s (see --help)\n", journald ? "<3>" : "",
                     qPrintable(message));
        return 2;
    case ConfigLoader::ParseResult::Ok:
        break;
    }
    LogFormatter::install(LogFormatter(config.logFormat, config.logLevel, journald));

    // Connection caps, not the default soft limit on open files, should bound connections.
    qint64 openFiles = 0;
    if (!ResourceLimits::raiseOpenFileLimit(&openFiles))
        qCWarning(lcServer) << "cannot raise the open file limit";
    if (openFiles >= 0 && openFiles < qint64(config.maxConnections) + 64)
        qCWarning(lcServer) << "the open file limit" << openFiles
                            << "is below --max-connections; raise it (ulimit -Hn)";

    ChatServer server(config);
    QString error;
    if (!server.listen(&error)) {
        std::fprintf(stderr, "%schat-server: %s\n", journald ? "<3>" : "", qPrintable(error));
        return 1;
    }
    qCInfo(lcServer, "listening on %s:%u", qPrintable(config.host), unsigned(server.port()));
    if (server.adminPort() != 0)
        qCInfo(lcServer, "admin API listening on %s:%u", qPrintable(config.adminHost),
               unsigned(server.adminPort()));
    if (!config.configFile.isEmpty())
        qCInfo(lcServer, "settings read from %s", qPrintable(config.configFile));

    UnixSignalWatcher signalWatcher;
    signalWatcher.watch(SIGTERM);
    signalWatcher.watch(SIGINT);
    QObject::connect(&signalWatcher, &UnixSignalWatcher::signalReceived, &server,
                     [&server](int number) {
                         qCInfo(lcServer) << "signal" << number << "received; shutting down";
                         server.shutdown();
                         // Whatever happens, exit within 5 s of the signal.
                         QTimer::singleShot(4500, qApp, [] { QCoreApplication::exit(0); });
                     });
    QObject::connect(&server, &ChatServer::finished, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
