#include "floorserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The kernel's share of a chat server: just enough of the protocol for chat-bench, "
        "with the system calls of a lean server and no chat logic (bench/run.sh 'floor')."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("port on 127.0.0.1"),
                                  QStringLiteral("port"), QStringLiteral("18700"));
    parser.addOption(port);
    parser.process(app);
    bool ok = false;
    const uint16_t number = parser.value(port).toUShort(&ok);
    if (!ok || number == 0) {
        std::fprintf(stderr, "floor-server: bad --port\n");
        return 2;
    }
    FloorServer server(number);
    if (!server.ok()) {
        std::perror("floor-server: cannot listen");
        return 1;
    }
    server.run();
    return 1;
}
