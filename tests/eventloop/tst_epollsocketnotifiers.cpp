// EpollEventDispatcher's socket notifiers: readiness, toggling, batching of epoll_ctl,
// descriptor reuse, thousands of descriptors, and Qt networking (TCP, WebSocket) on top.

#include "epolleventdispatcher.h"
#include "socketpair.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <memory>
#include <sys/resource.h>
#include <vector>

namespace {

EpollEventDispatcher* dispatcher()
{
    return qobject_cast<EpollEventDispatcher*>(QCoreApplication::eventDispatcher());
}

} // namespace

class tst_EpollSocketNotifiers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readNotifierFiresOnData();
    void writeNotifierFiresWhenWritable();
    void notifierToggling();
    void toggledWriteNotifierCostsNoEpollCalls();
    void descriptorReuseGetsNoStaleEvents();
    void thousandsOfNotifiers();
    void regularFileIsAlwaysReady();
    void excludeSocketNotifiers();
    void tcpTransferBothWays();
    void webSocketEcho();
};

void tst_EpollSocketNotifiers::readNotifierFiresOnData()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    QSignalSpy activated(&notifier, &QSocketNotifier::activated);
    bool endOfFile = false;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        char byte;
        while (::read(pair.fds[0], &byte, 1) == 1) {
        }
        // At end of file the socket stays readable (level-triggered): stop listening.
        if (::read(pair.fds[0], &byte, 1) == 0) {
            endOfFile = true;
            notifier.setEnabled(false);
        }
    });
    pair.send();
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<QSocketDescriptor>(), QSocketDescriptor(pair.fds[0]));
    pair.send();
    pair.send();
    QTRY_COMPARE(activated.count(), 2);

    // The peer's close activates the read notifier too, and the handler sees end of file.
    ::close(pair.fds[1]);
    pair.fds[1] = -1;
    QTRY_VERIFY(endOfFile);
    QCOMPARE(activated.count(), 3);
}

void tst_EpollSocketNotifiers::writeNotifierFiresWhenWritable()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Write);
    int count = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++count;
        notifier.setEnabled(false);
    });
    QTRY_COMPARE(count, 1);

    // Fill the socket until it blocks: no write readiness until the peer reads.
    const QByteArray chunk(65536, 'y');
    while (::write(pair.fds[0], chunk.constData(), size_t(chunk.size())) > 0) {
    }
    SocketPair sentinel;
    QSocketNotifier sentinelNotifier(sentinel.fds[0], QSocketNotifier::Read);
    QSignalSpy sentinelSpy(&sentinelNotifier, &QSocketNotifier::activated);
    connect(&sentinelNotifier, &QSocketNotifier::activated, this, [&] { sentinel.drain(); });
    notifier.setEnabled(true);
    sentinel.send();
    QTRY_COMPARE(sentinelSpy.count(), 1);
    QCOMPARE(count, 1);

    pair.drain(1);
    QTRY_COMPARE(count, 2);
}

void tst_EpollSocketNotifiers::notifierToggling()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int count = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] { ++count; });
    notifier.setEnabled(false);
    pair.send();

    // The sentinel's activation proves that a wait happened after the data was there.
    SocketPair sentinel;
    QSocketNotifier sentinelNotifier(sentinel.fds[0], QSocketNotifier::Read);
    int sentinelCount = 0;
    connect(&sentinelNotifier, &QSocketNotifier::activated, this, [&] {
        sentinel.drain();
        ++sentinelCount;
    });
    sentinel.send();
    QTRY_COMPARE(sentinelCount, 1);
    QCOMPARE(count, 0);

    // Enabled again: the pending data is reported (level-triggered).
    notifier.setEnabled(true);
    QTRY_VERIFY(count >= 1);
    pair.drain();
    const int afterDrain = count;
    sentinel.send();
    QTRY_COMPARE(sentinelCount, 2);
    QCOMPARE(count, afterDrain);

    // Off and on again within one turn: still delivered.
    pair.send();
    notifier.setEnabled(false);
    notifier.setEnabled(true);
    QTRY_VERIFY(count > afterDrain);
    pair.drain();
}

void tst_EpollSocketNotifiers::toggledWriteNotifierCostsNoEpollCalls()
{
    SocketPair pair;
    QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
    QSocketNotifier writer(pair.fds[0], QSocketNotifier::Write);
    writer.setEnabled(false);
    int reads = 0;
    connect(&reader, &QSocketNotifier::activated, this, [&] {
        pair.drain();
        ++reads;
    });
    pair.send();
    QTRY_COMPARE(reads, 1);
    QCOMPARE(dispatcher()->watchedDescriptorCount() >= 1, true);

    // QAbstractSocket's pattern: write notifier on for a write, off after the flush.
    const quint64 before = dispatcher()->epollControlCalls();
    for (int i = 0; i < 1000; ++i) {
        writer.setEnabled(true);
        writer.setEnabled(false);
    }
    pair.send();
    QTRY_COMPARE(reads, 2);
    QCOMPARE(dispatcher()->epollControlCalls(), before);

    // A change that survives the turn costs exactly one call.
    writer.setEnabled(true);
    QSignalSpy writable(&writer, &QSocketNotifier::activated);
    QTRY_VERIFY(writable.count() >= 1);
    QCOMPARE(dispatcher()->epollControlCalls(), before + 1);
    writer.setEnabled(false);
}

void tst_EpollSocketNotifiers::descriptorReuseGetsNoStaleEvents()
{
    // An event reported for a socket that is closed, and whose number is reused, within
    // one turn must not reach the new socket's notifier.
    auto first = std::make_unique<SocketPair>();
    auto second = std::make_unique<SocketPair>();
    auto firstNotifier = std::make_unique<QSocketNotifier>(first->fds[0], QSocketNotifier::Read);
    auto secondNotifier = std::make_unique<QSocketNotifier>(second->fds[0], QSocketNotifier::Read);
    std::unique_ptr<SocketPair> replacement;
    std::unique_ptr<QSocketNotifier> replacementNotifier;
    int replacementActivations = 0;
    bool done = false;
    auto onActivated = [&] {
        if (done)
            return;
        done = true;
        // Whichever fires first closes the other (also ready in this batch) and puts a new
        // socket under the closed descriptor number.
        const bool firstFired = first->drain() > 0;
        auto& victim = firstFired ? second : first;
        auto& victimNotifier = firstFired ? secondNotifier : firstNotifier;
        const int freed = victim->fds[0];
        victimNotifier.reset();
        victim.reset();
        replacement = std::make_unique<SocketPair>();
        if (replacement->fds[0] != freed) {
            QCOMPARE(::dup2(replacement->fds[0], freed), freed);
            ::close(replacement->fds[0]);
            replacement->fds[0] = freed;
        }
        replacementNotifier = std::make_unique<QSocketNotifier>(freed, QSocketNotifier::Read);
        connect(replacementNotifier.get(), &QSocketNotifier::activated, this,
                [&] { ++replacementActivations; });
    };
    connect(firstNotifier.get(), &QSocketNotifier::activated, this, onActivated);
    connect(secondNotifier.get(), &QSocketNotifier::activated, this, onActivated);
    first->send();
    second->send();
    QTRY_VERIFY(done);
    SocketPair sentinel;
    QSocketNotifier sentinelNotifier(sentinel.fds[0], QSocketNotifier::Read);
    QSignalSpy sentinelSpy(&sentinelNotifier, &QSocketNotifier::activated);
    connect(&sentinelNotifier, &QSocketNotifier::activated, this, [&] { sentinel.drain(); });
    sentinel.send();
    QTRY_COMPARE(sentinelSpy.count(), 1);
    QCOMPARE(replacementActivations, 0);
}

void tst_EpollSocketNotifiers::thousandsOfNotifiers()
{
    constexpr int Count = 2000; // 4000 descriptors; more than one epoll_wait batch
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < 2 * Count + 200)
        QSKIP("RLIMIT_NOFILE too low for 4000 descriptors");
    std::vector<std::unique_ptr<SocketPair>> pairs;
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
    std::vector<int> activations(Count, 0);
    for (int i = 0; i < Count; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        QVERIFY(pairs.back()->fds[0] >= 0);
        notifiers.push_back(
            std::make_unique<QSocketNotifier>(pairs.back()->fds[0], QSocketNotifier::Read));
        connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&, i] {
            pairs[size_t(i)]->drain();
            ++activations[size_t(i)];
        });
    }
    QVERIFY(dispatcher()->watchedDescriptorCount() >= 0);
    for (int i = 0; i < Count; i += 2)
        pairs[size_t(i)]->send();
    QTRY_COMPARE(int(std::count(activations.begin(), activations.end(), 1)), Count / 2);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(activations[size_t(i)], i % 2 == 0 ? 1 : 0);
    QCOMPARE(dispatcher()->watchedDescriptorCount() >= Count, true);
    notifiers.clear();
    QCOMPARE(dispatcher()->watchedDescriptorCount() < Count, true);
}

void tst_EpollSocketNotifiers::regularFileIsAlwaysReady()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    QSocketNotifier notifier(file.handle(), QSocketNotifier::Read);
    int count = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        if (++count == 3)
            notifier.setEnabled(false);
    });
    QTRY_COMPARE(count, 3);
}

void tst_EpollSocketNotifiers::excludeSocketNotifiers()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int count = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        pair.drain();
        ++count;
    });
    pair.send();
    // A timer bounds the waits, so the excluded socket does not block the test.
    for (int i = 0; i < 3; ++i) {
        bool fired = false;
        QTimer::singleShot(5, this, [&fired] { fired = true; });
        while (!fired)
            QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers |
                                            QEventLoop::WaitForMoreEvents);
    }
    QCOMPARE(count, 0);
    QTRY_COMPARE(count, 1);
}

void tst_EpollSocketNotifiers::tcpTransferBothWays()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);

    // 8 MiB each way: many partial writes, so the write notifiers toggle all the time.
    QByteArray payload(8 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(i * 31 + 7);
    QByteArray receivedByServer;
    QByteArray receivedByClient;
    connect(accepted.get(), &QTcpSocket::readyRead, this,
            [&] { receivedByServer += accepted->readAll(); });
    connect(&client, &QTcpSocket::readyRead, this, [&] { receivedByClient += client.readAll(); });
    client.write(payload);
    accepted->write(payload);
    QTRY_COMPARE_WITH_TIMEOUT(receivedByServer.size(), payload.size(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(receivedByClient.size(), payload.size(), 20000);
    QVERIFY(receivedByServer == payload);
    QVERIFY(receivedByClient == payload);

    QSignalSpy disconnected(accepted.get(), &QTcpSocket::disconnected);
    client.disconnectFromHost();
    QTRY_COMPARE(disconnected.count(), 1);
}

void tst_EpollSocketNotifiers::webSocketEcho()
{
    QWebSocketServer server(QStringLiteral("echo"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    std::vector<std::unique_ptr<QWebSocket>> serverSockets;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        while (QWebSocket* socket = server.nextPendingConnection()) {
            serverSockets.emplace_back(socket);
            connect(socket, &QWebSocket::textMessageReceived, socket,
                    [socket](const QString& text) { socket->sendTextMessage(text); });
        }
    });

    constexpr int Clients = 20;
    constexpr int Messages = 50;
    std::vector<std::unique_ptr<QWebSocket>> clients;
    std::vector<QStringList> echoes(Clients);
    int connected = 0;
    for (int c = 0; c < Clients; ++c) {
        clients.push_back(std::make_unique<QWebSocket>());
        QWebSocket* client = clients.back().get();
        connect(client, &QWebSocket::connected, this, [&, client, c] {
            ++connected;
            for (int m = 0; m < Messages; ++m)
                client->sendTextMessage(QStringLiteral("%1:%2").arg(c).arg(m));
        });
        connect(client, &QWebSocket::textMessageReceived, this,
                [&echoes, c](const QString& text) { echoes[size_t(c)].append(text); });
        client->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort())));
    }
    QTRY_COMPARE_WITH_TIMEOUT(connected, Clients, 10000);
    for (int c = 0; c < Clients; ++c) {
        QTRY_COMPARE_WITH_TIMEOUT(echoes[size_t(c)].size(), Messages, 10000);
        for (int m = 0; m < Messages; ++m)
            QCOMPARE(echoes[size_t(c)][m], QStringLiteral("%1:%2").arg(c).arg(m));
    }
    QSignalSpy closed(clients.front().get(), &QWebSocket::disconnected);
    serverSockets.front()->close();
    QTRY_COMPARE(closed.count(), 1);
}

int main(int argc, char* argv[])
{
    // thousandsOfNotifiers needs more than the usual 1024 descriptors.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    // The dispatcher under test must exist before the application object.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    tst_EpollSocketNotifiers test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epollsocketnotifiers.moc"
