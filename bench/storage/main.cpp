// storage-bench: acknowledged messages per second through a real chat-server over
// loopback, with --storage sqlite and with --storage memory. Each run starts its own
// server on a fresh data directory; the clients run in this process.
//
//   storage-bench [--connections N] [--rooms R] [--messages M] [--window W]
//                 [--storage sqlite|memory|both] [--server PATH]

#include "loadclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

struct Settings
{
    QString server;
    int connections = 8;
    int rooms = 4;
    int messages = 5000; // per connection
    int window = 32;
    bool serverLog = false;
};

struct Result
{
    bool ok = false;
    QString error;
    qint64 acked = 0;
    qint64 deliveries = 0;
    double seconds = 0;
    double p50Ms = 0;
    double p99Ms = 0;
};

/// Runs the event loop until @p done or @p timeoutMs; false on timeout.
bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

Result run(const Settings& settings, const QString& storage)
{
    Result result;
    QTemporaryDir dataDir;
    QProcess server;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
    server.setProcessEnvironment(environment);
    QByteArray log;
    // Echo the server's log once it is listening, when asked to.
    QObject::connect(&server, &QProcess::readyReadStandardError, &server, [&] {
        if (settings.serverLog && !log.isNull() && log.contains("listening on"))
            std::fputs(server.readAllStandardError().constData(), stderr);
    });
    server.start(settings.server,
                 {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                  dataDir.path(), QStringLiteral("--storage"), storage,
                  QStringLiteral("--message-rate"), QStringLiteral("0")});
    const QRegularExpression listening(QStringLiteral("listening on [^:]+:(\\d+)"));
    QRegularExpressionMatch match;
    if (!waitFor(
            [&] {
                log += server.readAllStandardError();
                match = listening.match(QString::fromUtf8(log));
                return match.hasMatch() || server.state() == QProcess::NotRunning;
            },
            10000) ||
        !match.hasMatch()) {
        result.error = QStringLiteral("the server did not start: ") + QString::fromUtf8(log);
        return result;
    }
    const quint16 port = match.captured(1).toUShort();

    std::vector<std::unique_ptr<LoadClient>> clients;
    int ready = 0;
    int finished = 0;
    for (int i = 0; i < settings.connections; ++i) {
        clients.push_back(
            std::make_unique<LoadClient>(QStringLiteral("bench-%1").arg(i % settings.rooms),
                                         settings.messages, settings.window));
        LoadClient* client = clients.back().get();
        QObject::connect(client, &LoadClient::ready, client, [&ready] { ++ready; });
        QObject::connect(client, &LoadClient::finished, client, [&finished] { ++finished; });
        QObject::connect(client, &LoadClient::failedEarly, client,
                         [&result](const QString& why) { result.error = why; });
        client->open(port);
    }
    if (!waitFor([&] { return ready == settings.connections || !result.error.isEmpty(); }, 20000)) {
        result.error = QStringLiteral("the clients did not join");
    }
    if (result.error.isEmpty()) {
        QElapsedTimer timer;
        timer.start();
        for (auto& client : clients)
            client->start();
        if (!waitFor([&] { return finished == settings.connections || !result.error.isEmpty(); },
                     600000))
            result.error = QStringLiteral("timed out");
        result.seconds = double(timer.nsecsElapsed()) / 1e9;
    }
    QList<qint64> latencies;
    for (const auto& client : clients) {
        result.acked += client->acked();
        result.deliveries += client->deliveries();
        latencies += client->latenciesUs();
    }
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.isEmpty()) {
        result.p50Ms = double(latencies.at(latencies.size() / 2)) / 1000;
        result.p99Ms = double(latencies.at(latencies.size() * 99 / 100)) / 1000;
    }
    clients.clear();
    server.terminate();
    server.waitForFinished(10000);
    if (settings.serverLog)
        std::fputs(server.readAllStandardError().constData(), stderr);
    result.ok = result.error.isEmpty();
    return result;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Acknowledged messages per second through chat-server, per storage."));
    parser.addHelpOption();
    const QCommandLineOption connections(QStringLiteral("connections"),
                                         QStringLiteral("Connections (default 8)."),
                                         QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption rooms(QStringLiteral("rooms"), QStringLiteral("Rooms (default 4)."),
                                   QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption messages(QStringLiteral("messages"),
                                      QStringLiteral("Messages per connection (default 5000)."),
                                      QStringLiteral("n"), QStringLiteral("5000"));
    const QCommandLineOption window(
        QStringLiteral("window"),
        QStringLiteral("Unacknowledged messages per connection (default 32)."), QStringLiteral("n"),
        QStringLiteral("32"));
    const QCommandLineOption storage(QStringLiteral("storage"),
                                     QStringLiteral("sqlite, memory or both (default both)."),
                                     QStringLiteral("kind"), QStringLiteral("both"));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("chat-server binary."),
                                    QStringLiteral("path"), QStringLiteral(CHAT_SERVER_BIN));
    const QCommandLineOption serverLog(QStringLiteral("server-log"),
                                       QStringLiteral("Show the server's log on stderr."));
    parser.addOptions({connections, rooms, messages, window, storage, server, serverLog});
    parser.process(app);

    Settings settings;
    settings.server = parser.value(server);
    settings.connections = std::max(1, parser.value(connections).toInt());
    settings.rooms = std::max(1, parser.value(rooms).toInt());
    settings.messages = std::max(1, parser.value(messages).toInt());
    settings.window = std::max(1, parser.value(window).toInt());
    settings.serverLog = parser.isSet(serverLog);
    QStringList kinds{QStringLiteral("sqlite"), QStringLiteral("memory")};
    if (parser.value(storage) != QLatin1String("both"))
        kinds = {parser.value(storage)};

    QTextStream out(stdout);
    out << "connections " << settings.connections << ", rooms " << settings.rooms
        << ", messages per connection " << settings.messages << ", window " << settings.window
        << "\n\n| storage | acked messages | seconds | acked msg/s | deliveries/s | ack p50 ms "
           "| ack p99 ms |\n|---|---|---|---|---|---|---|\n";
    out.flush();
    int status = 0;
    for (const QString& kind : std::as_const(kinds)) {
        const Result result = run(settings, kind);
        if (!result.ok) {
            std::fprintf(stderr, "storage-bench: %s: %s\n", qPrintable(kind),
                         qPrintable(result.error));
            status = 1;
            continue;
        }
        out << "| " << kind << " | " << result.acked << " | "
            << QString::number(result.seconds, 'f', 2) << " | "
            << QString::number(double(result.acked) / result.seconds, 'f', 0) << " | "
            << QString::number(double(result.deliveries) / result.seconds, 'f', 0) << " | "
            << QString::number(result.p50Ms, 'f', 2) << " | "
            << QString::number(result.p99Ms, 'f', 2) << " |\n";
        out.flush();
    }
    return status;
}
