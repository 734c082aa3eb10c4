// chat-bench: load generator for chat-server and its peers (the Python seed stack, Node
// socket.io), speaking Socket.IO v5 over WebSocket. Prints one JSON object with the
// scenario's results on stdout. bench/run.sh runs every scenario against every server.

#include "fanoutscenario.h"
#include "idlescenario.h"
#include "loadloop.h"
#include "pollingscenario.h"
#include "processstats.h"
#include "roomsscenario.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

// Prints @p result, with the scenario's name and the descriptor limit, as one JSON line on
// stdout. @return the exit code: 1 when the result carries an "error".
int report(QJsonObject result, const QString& name, int64_t descriptors)
{
    result[QStringLiteral("scenario")] = name;
    result[QStringLiteral("descriptor_limit")] = double(descriptors);
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    return result.contains(QStringLiteral("error")) ? 1 : 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chat-bench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Load generator: fanout, rooms and idle scenarios against a Socket.IO "
                       "chat server on 127.0.0.1."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("server port"),
                                        QStringLiteral("port"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
                                            QStringLiteral("fanout, rooms, idle or polling"),
                                            QStringLiteral("name"));
    const QCommandLineOption pidOption(
        QStringLiteral("server-pid"),
        QStringLiteral("server process, for its CPU and memory; a comma-separated list adds "
                       "processes whose CPU counts too (a cluster's other nodes, Redis)"),
        QStringLiteral("pid[,pid...]"));
    const QCommandLineOption durationOption(QStringLiteral("duration-s"),
                                            QStringLiteral("measurement window (10)"),
                                            QStringLiteral("seconds"), QStringLiteral("10"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup-s"),
                                          QStringLiteral("warm-up before it (2)"),
                                          QStringLiteral("seconds"), QStringLiteral("2"));
    const QCommandLineOption subscribersOption(QStringLiteral("subscribers"),
                                               QStringLiteral("fanout: listeners (1000)"),
                                               QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption inFlightOption(QStringLiteral("in-flight"),
                                            QStringLiteral("fanout: messages in flight (64)"),
                                            QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"),
                                           QStringLiteral("rooms: clients (2000); polling: (64)"),
                                           QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption roomsOption(QStringLiteral("rooms"),
                                         QStringLiteral("rooms (200) / idle (1000): rooms"),
                                         QStringLiteral("n"));
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("rooms: messages/s per client (1)"),
                                        QStringLiteral("r"), QStringLiteral("1"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"),
                                               QStringLiteral("idle: connections (10000)"),
                                               QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
                                               QStringLiteral("idle: handshakes at once (256)"),
                                               QStringLiteral("n"), QStringLiteral("256"));
    const QCommandLineOption port2Option(
        QStringLiteral("port2"),
        QStringLiteral("a second node of the same cluster: every other connection goes there"),
        QStringLiteral("port"), QStringLiteral("0"));
    parser.addOptions({portOption, port2Option, scenarioOption, pidOption, durationOption,
                       warmupOption, subscribersOption, inFlightOption, clientsOption, roomsOption,
                       rateOption, connectionsOption, concurrencyOption});
    parser.process(app);

    const int port = parser.value(portOption).toInt();
    std::vector<pid_t> pids;
    for (const QString& item : parser.value(pidOption).split(QLatin1Char(','))) {
        const pid_t pid = pid_t(item.toInt());
        pids.push_back(pid > 0 ? pid : 0);
    }
    const QString name = parser.value(scenarioOption);
    if (port <= 0 || port > 65535 || std::count(pids.begin(), pids.end(), 0) > 0) {
        std::fprintf(stderr, "chat-bench: --port and --server-pid are required (see --help)\n");
        return 2;
    }
    const int64_t descriptors = ProcessStats::raiseDescriptorLimit();

    if (name == QLatin1String("polling")) {
        // Engine.IO long-polling has a loop of its own (LoadLoop speaks WebSocket only).
        PollingScenario::Options options;
        options.port = quint16(port);
        if (parser.isSet(clientsOption))
            options.clients = parser.value(clientsOption).toInt();
        options.warmupS = parser.value(warmupOption).toDouble();
        options.durationS = parser.value(durationOption).toDouble();
        options.serverPids = pids;
        PollingScenario polling(options);
        return report(polling.run(), name, descriptors);
    }

    std::unique_ptr<Scenario> scenario;
    if (name == QLatin1String("fanout")) {
        FanoutScenario::Options options;
        options.subscribers = parser.value(subscribersOption).toInt();
        options.inFlight = parser.value(inFlightOption).toInt();
        options.warmupS = parser.value(warmupOption).toDouble();
        options.durationS = parser.value(durationOption).toDouble();
        options.serverPids = pids;
        scenario = std::make_unique<FanoutScenario>(options);
    } else if (name == QLatin1String("rooms")) {
        RoomsScenario::Options options;
        options.clients = parser.value(clientsOption).toInt();
        if (parser.isSet(roomsOption))
            options.rooms = parser.value(roomsOption).toInt();
        options.rate = parser.value(rateOption).toDouble();
        options.warmupS = parser.value(warmupOption).toDouble();
        options.durationS = parser.value(durationOption).toDouble();
        options.serverPids = pids;
        scenario = std::make_unique<RoomsScenario>(options);
    } else if (name == QLatin1String("idle")) {
        IdleScenario::Options options;
        options.connections = parser.value(connectionsOption).toInt();
        if (parser.isSet(roomsOption))
            options.rooms = parser.value(roomsOption).toInt();
        options.concurrency = parser.value(concurrencyOption).toInt();
        options.serverPids = pids;
        scenario = std::make_unique<IdleScenario>(options);
    } else {
        std::fprintf(stderr, "chat-bench: unknown --scenario '%s' (fanout, rooms, idle, polling)\n",
                     qPrintable(name));
        return 2;
    }

    LoadLoop loop(quint16(port), scenario.get());
    const int port2 = parser.value(port2Option).toInt();
    if (port2 > 0 && port2 <= 65535)
        loop.setSecondPort(quint16(port2));
    return report(scenario->run(loop), name, descriptors);
}
