// chat-server: the headless chat server. Everything but process setup lives in the
// chatserver library (ChatServer and friends), so that tests link the real logic.

#include "chatserver.h"
#include "serverconfig.h"
#include "serverlogging.h"
#include "unixsignalwatcher.h"

#include <QCoreApplication>
#include <QTimer>

#include <csignal>
#include <cstdio>

int main(int argc, char* argv[])
{
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddTHH:mm:ss.zzz} %{if-debug}D%{endif}%{if-info}I%{endif}"
                       "%{if-warning}W%{endif}%{if-critical}C%{endif}%{if-fatal}F%{endif} "
                       "%{category}: %{message}"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chat-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAT_VERSION));

    ServerConfig config;
    QString message;
    switch (ServerConfig::parse(QCoreApplication::arguments(), &config, &message)) {
    case ServerConfig::ParseResult::Help:
        std::fputs(qPrintable(message), stdout);
        return 0;
    case ServerConfig::ParseResult::Error:
        std::fprintf(stderr, "chat-server: %s (see --help)\n", qPrintable(message));
        return 2;
    case ServerConfig::ParseResult::Ok:
        break;
    }

    ChatServer server(config);
    QString error;
    if (!server.listen(&error)) {
        std::fprintf(stderr, "chat-server: %s\n", qPrintable(error));
        return 1;
    }
    qCInfo(lcServerNet, "listening on %s:%u", qPrintable(config.host), unsigned(server.port()));

    UnixSignalWatcher signalWatcher;
    signalWatcher.watch(SIGTERM);
    signalWatcher.watch(SIGINT);
    QObject::connect(&signalWatcher, &UnixSignalWatcher::signalReceived, &server,
                     [&server](int number) {
                         qCInfo(lcServerNet) << "signal" << number << "received; shutting down";
                         server.shutdown();
                         // Whatever happens, exit within 5 s of the signal.
                         QTimer::singleShot(4500, qApp, [] { QCoreApplication::exit(0); });
                     });
    QObject::connect(&server, &ChatServer::finished, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
