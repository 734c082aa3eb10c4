// The front door's plain HTTP over a real TCP connection: routes, Engine.IO handshake
// errors, strict request parsing and limits; and, on a front door of its own, how plain
// connections are read from their descriptors and handed over.

#include "chatserver.h"
#include "connectionadmission.h"
#include "engineiorequestcheck.h"
#include "httpfrontdoor.h"
#include "httprequest.h"
#include "testclient.h"
#include "testiothreads.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

const QByteArray UpgradeHead = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                               "Host: 127.0.0.1\r\n"
                               "Upgrade: websocket\r\n"
                               "Connection: Upgrade\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\n\r\n";

/// Sockets this process has open (other descriptors come and go with threads starting).
int openSockets()
{
    int count = 0;
    const QDir descriptors(QStringLiteral("/proc/self/fd"));
    for (const QString& name : descriptors.entryList(QDir::Files | QDir::System)) {
        if (QFile::symLinkTarget(descriptors.filePath(name)).contains(QLatin1String("socket:[")))
            ++count;
    }
    return count;
}

/**
 * A front door without a ChatServer: plain GETs are answered with the path, upgrades are
 * recorded (the descriptor is kept open and gets the 101 head, as an IoWorker would send
 * it) and held in the admission by a QObject, or released when holdUpgrades is false.
 */
class LoneFrontDoor
{
public:
    explicit LoneFrontDoor(int handshakeTimeoutMs = 10000, int maxPerAddress = 0)
        : admission(maxPerAddress, 0)
        , door(handshakeTimeoutMs, 8192, [](const HttpRequest& request) {
            // As ChatServer routes: Engine.IO's checks, then an upgrade; anything else
            // answered here.
            if (request.path.startsWith(QLatin1String("/socket.io"))) {
                if (std::optional<HttpResponse> refusal = EngineIoRequestCheck::verify(request))
                    return HttpFrontDoor::Route::respond(*refusal);
                return HttpFrontDoor::Route::upgrade(1);
            }
            if (request.method != "GET")
                return HttpFrontDoor::Route::respond(HttpResponse::methodNotAllowed("GET"));
            return HttpFrontDoor::Route::respond(
                HttpResponse::text(200, "path " + request.path.toUtf8() + '\n'));
        })
    {
        door.setAdmission(&admission);
        door.setRefusalCounter([this](const QByteArray& reason) { refusals.append(reason); });
        door.setUpgradeHandler([this](const HttpFrontDoor::Upgrade& upgrade) -> QObject* {
            upgrades.append(upgrade);
            if (::write(upgrade.fd, upgrade.response.constData(), size_t(upgrade.response.size())) <
                0)
                qWarning("cannot write the 101 head");
            return holdUpgrades ? new QObject(&holders) : nullptr;
        });
    }
    ~LoneFrontDoor()
    {
        for (const HttpFrontDoor::Upgrade& upgrade : std::as_const(upgrades))
            ::close(upgrade.fd);
    }
    bool listen() { return door.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return door.serverPort(); }

    ConnectionAdmission admission;
    HttpFrontDoor door;
    QObject holders; ///< parent of the objects that hold upgrades' admissions
    bool holdUpgrades = true;
    QList<HttpFrontDoor::Upgrade> upgrades;
    QList<QByteArray> refusals;
};

/// A connected client socket (connected by the kernel: the server need not run).
std::unique_ptr<QTcpSocket> connectedClient(quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, port);
    if (!socket->waitForConnected(5000))
        return nullptr;
    return socket;
}

/// Writes @p bytes and waits until the kernel has them (the server may read them then).
bool send(QTcpSocket* socket, const QByteArray& bytes)
{
    socket->write(bytes);
    while (socket->bytesToWrite() > 0) {
        if (!socket->waitForBytesWritten(5000))
            return false;
    }
    return true;
}

} // namespace

class tst_HttpFrontDoor : public QObject
{
    Q_OBJECT

private:
    quint16 port() const { return m_server->port(); }

    QTemporaryDir m_dataDir;
    std::unique_ptr<ChatServer> m_server;

private Q_SLOTS:
    void init()
    {
        ServerConfig config;
        config.port = 0;
        config.dataDir = m_dataDir.path();
        config.handshakeTimeoutMs = 300;
        applyTestIoThreads(&config);
        m_server = std::make_unique<ChatServer>(config);
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }
    void cleanup() { m_server.reset(); }

    void health()
    {
        const TestClient::HttpResult result = TestClient::httpGet(port(), "/health");
        QCOMPARE(result.status, 200);
        QVERIFY(result.headers.contains("Content-Type: application/json"));
        QVERIFY(result.headers.contains("Connection: close"));
        QCOMPARE(QJsonDocument::fromJson(result.body).object().value(QStringLiteral("status")),
                 QJsonValue(QStringLiteral("ok")));
    }

    void metricsCountConnectionsRoomsAndMessages()
    {
        TestClient client;
        QVERIFY(client.connectTo(port()));
        QVERIFY(client
                    .request(QStringLiteral("join_room"),
                             QJsonObject{{QStringLiteral("room"), QStringLiteral("m")}})
                    .value(QStringLiteral("ok"))
                    .toBool());
        for (int i = 0; i < 3; ++i)
            QVERIFY(client
                        .request(QStringLiteral("send_message"),
                                 QJsonObject{{QStringLiteral("room"), QStringLiteral("m")},
                                             {QStringLiteral("text"), QStringLiteral("x")}})
                        .value(QStringLiteral("ok"))
                        .toBool());
        const TestClient::HttpResult result = TestClient::httpGet(port(), "/metrics");
        QCOMPARE(result.status, 200);
        QVERIFY(result.headers.contains("Content-Type: text/plain; version=0.0.4"));
        const QByteArray& body = result.body;
        for (const char* line :
             {"# TYPE chat_connections gauge", "# TYPE chat_rooms gauge",
              "# TYPE chat_messages_total counter", "# HELP chat_messages_total",
              "\nchat_connections 1\n", "\nchat_rooms 1\n", "\nchat_messages_total 3\n"})
            QVERIFY2(body.contains(line), line);
    }

    void engineIoErrors_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown transport") << QByteArray("/socket.io/?EIO=4&transport=flash") << 0
                                           << QStringLiteral("Transport unknown");
        QTest::newRow("unknown transport, keys reordered")
            << QByteArray("/socket.io/?transport=flash&t=x&EIO=4") << 0
            << QStringLiteral("Transport unknown");
        QTest::newRow("polling, unknown sid")
            << QByteArray("/socket.io/?EIO=4&transport=polling&sid=abc") << 1
            << QStringLiteral("Session ID unknown");
        QTest::newRow("no transport")
            << QByteArray("/socket.io/?EIO=4") << 0 << QStringLiteral("Transport unknown");
        QTest::newRow("sid") << QByteArray("/socket.io/?EIO=4&transport=websocket&sid=abc") << 1
                             << QStringLiteral("Session ID unknown");
        QTest::newRow("EIO 3") << QByteArray("/socket.io/?EIO=3&transport=websocket") << 5
                               << QStringLiteral("Unsupported protocol version");
        QTest::newRow("no upgrade header") << QByteArray("/socket.io/?EIO=4&transport=websocket")
                                           << 3 << QStringLiteral("Bad request");
    }

    void engineIoErrors()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, code);
        QFETCH(QString, message);
        const TestClient::HttpResult result = TestClient::httpGet(port(), target);
        QCOMPARE(result.status, 400);
        QVERIFY(result.headers.contains("Content-Type: application/json"));
        QCOMPARE(
            QJsonDocument::fromJson(result.body).object(),
            QJsonObject({{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}));
    }

    void webSocketUpgradeWithReorderedQuery()
    {
        QWebSocket socket;
        socket.open(
            QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?transport=websocket&t=N1&EIO=4")
                     .arg(port())));
        QString first;
        connect(&socket, &QWebSocket::textMessageReceived, this, [&first](const QString& frame) {
            if (first.isEmpty())
                first = frame;
        });
        QTRY_VERIFY(first.startsWith(QLatin1String("0{")));
    }

    void errorsAndLimits_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown path") << QByteArray("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n") << 404;
        QTest::newRow("POST")
            << QByteArray("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n") << 405;
        QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("HTTP/2 preface-like") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400;
        QTest::newRow("absolute target")
            << QByteArray("GET http://x/health HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("header without colon")
            << QByteArray("GET /health HTTP/1.1\r\nBroken\r\n\r\n") << 400;
        QTest::newRow("folded header")
            << QByteArray("GET /health HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
        QTest::newRow("head too large")
            << QByteArray("GET /health HTTP/1.1\r\nX: " + QByteArray(9000, 'a') + "\r\n\r\n")
            << 431;
    }

    void errorsAndLimits()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QCOMPARE(TestClient::httpRaw(port(), request).status, status);
        // The server is still fine afterwards.
        QCOMPARE(TestClient::httpGet(port(), "/health").status, 200);
    }

    void incompleteHeadTimesOut()
    {
        // No blank line ever comes: the handshake deadline (300 ms here) drops the socket.
        const TestClient::HttpResult result =
            TestClient::httpRaw(port(), "GET /health HTTP/1.1\r\n");
        QCOMPARE(result.status, 0);
    }

    // --- plain connections read straight from their descriptors (a front door alone) ---

    void upgradeHandsOverTheDescriptor_data()
    {
        QTest::addColumn<bool>("holdUpgrade");
        QTest::newRow("held") << true;
        QTest::newRow("handler returns null") << false;
    }

    void upgradeHandsOverTheDescriptor()
    {
        QFETCH(bool, holdUpgrade);
        LoneFrontDoor lone;
        lone.holdUpgrades = holdUpgrade;
        QVERIFY(lone.listen());
        const std::unique_ptr<QTcpSocket> client = connectedClient(lone.port());
        QVERIFY(client);
        // Bytes right after the head (a client that does not wait for the 101) come along.
        QVERIFY(send(client.get(), UpgradeHead + "early"));
        QTRY_COMPARE(lone.upgrades.size(), 1);
        const HttpFrontDoor::Upgrade upgrade = lone.upgrades.first();
        QCOMPARE(upgrade.input, QByteArray("early"));
        QCOMPARE(upgrade.peer, client->localAddress());
        QVERIFY(upgrade.response.startsWith("HTTP/1.1 101 "));
        QCOMPARE(lone.door.pendingHandshakes(), 0);
        QCOMPARE(lone.admission.total(), holdUpgrade ? 1 : 0);

        // The descriptor is the connection itself, non-blocking and without Nagle's delay.
        sockaddr_storage peer{};
        socklen_t length = sizeof peer;
        QCOMPARE(::getpeername(upgrade.fd, reinterpret_cast<sockaddr*>(&peer), &length), 0);
        QCOMPARE(ntohs(reinterpret_cast<sockaddr_in*>(&peer)->sin_port), client->localPort());
        QVERIFY(::fcntl(upgrade.fd, F_GETFL) & O_NONBLOCK);
        int noDelay = 0;
        length = sizeof noDelay;
        QCOMPARE(::getsockopt(upgrade.fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &length), 0);
        QVERIFY(noDelay != 0);
        QTRY_VERIFY(client->bytesAvailable() > 0);
        QVERIFY(client->readAll().startsWith("HTTP/1.1 101 "));

        // The admission is held until the holder goes.
        qDeleteAll(lone.holders.children());
        QCOMPARE(lone.admission.total(), 0);
    }

    void headSplitAcrossWrites_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("pieceBytes");
        QTest::newRow("upgrade, 1-byte pieces") << UpgradeHead << 1;
        QTest::newRow("upgrade, 7-byte pieces") << UpgradeHead << 7;
        QTest::newRow("upgrade, CRLF CRLF split") << UpgradeHead << int(UpgradeHead.size() - 3);
        QTest::newRow("GET, 5-byte pieces")
            << QByteArray("GET /split HTTP/1.1\r\nHost: x\r\n\r\n") << 5;
    }

    void headSplitAcrossWrites()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, pieceBytes);
        LoneFrontDoor lone;
        QVERIFY(lone.listen());
        const std::unique_ptr<QTcpSocket> client = connectedClient(lone.port());
        QVERIFY(client);
        QTRY_COMPARE(lone.door.pendingHandshakes(), 1); // accepted; nothing to read yet
        QByteArray received;
        connect(client.get(), &QTcpSocket::readyRead, this,
                [&received, &client] { received += client->readAll(); });
        for (qsizetype at = 0; at < head.size(); at += pieceBytes) {
            const QByteArray piece = head.mid(at, pieceBytes);
            QVERIFY(send(client.get(), piece));
            // Loopback delivers at once: one pass of the event loop reads the piece.
            QCoreApplication::processEvents();
            if (at + piece.size() < head.size()) {
                QCOMPARE(lone.door.pendingHandshakes(), 1);
                QVERIFY(lone.upgrades.isEmpty());
                QVERIFY(received.isEmpty());
            }
        }
        if (head.startsWith("GET /socket.io/")) {
            QTRY_COMPARE(lone.upgrades.size(), 1);
            QVERIFY(lone.upgrades.first().input.isEmpty());
        } else {
            QTRY_VERIFY(received.endsWith("path /split\n"));
            QVERIFY(received.startsWith("HTTP/1.1 200 "));
        }
        QCOMPARE(lone.door.pendingHandshakes(), 0);
    }

    void closedMidHeadLeaksNothing_data()
    {
        QTest::addColumn<bool>("reset");
        QTest::newRow("FIN") << false;
        QTest::newRow("RST") << true;
    }

    void closedMidHeadLeaksNothing()
    {
        QFETCH(bool, reset);
        LoneFrontDoor lone;
        QVERIFY(lone.listen());
        const int before = openSockets();
        {
            const std::unique_ptr<QTcpSocket> client = connectedClient(lone.port());
            QVERIFY(client);
            QVERIFY(send(client.get(), UpgradeHead.left(40)));
            QTRY_COMPARE(lone.door.pendingHandshakes(), 1);
            if (reset) {
                const linger abortive{1, 0}; // close() sends RST: the server's read() fails
                QCOMPARE(::setsockopt(int(client->socketDescriptor()), SOL_SOCKET, SO_LINGER,
                                      &abortive, sizeof abortive),
                         0);
            }
            client->abort();
        }
        QTRY_COMPARE(lone.door.pendingHandshakes(), 0);
        QTRY_COMPARE(openSockets(), before);
        QVERIFY(lone.upgrades.isEmpty());
        QCOMPARE(lone.admission.total(), 0);
        QVERIFY(lone.refusals.isEmpty());
    }

    void deadlineClosesSilentConnections()
    {
        constexpr int TimeoutMs = 200;
        LoneFrontDoor lone(TimeoutMs);
        QVERIFY(lone.listen());
        const int before = openSockets();
        QElapsedTimer clock;
        clock.start();
        const std::unique_ptr<QTcpSocket> silent = connectedClient(lone.port());
        const std::unique_ptr<QTcpSocket> partial = connectedClient(lone.port());
        QVERIFY(silent && partial);
        QVERIFY(send(partial.get(), "GET /health HTTP/1.1\r\n"));
        QTRY_COMPARE(lone.door.pendingHandshakes(), 2);
        QSignalSpy silentClosed(silent.get(), &QTcpSocket::disconnected);
        QSignalSpy partialClosed(partial.get(), &QTcpSocket::disconnected);
        QTRY_COMPARE(silentClosed.size(), 1);
        QTRY_COMPARE(partialClosed.size(), 1);
        QVERIFY2(clock.elapsed() >= TimeoutMs, "closed before the deadline");
        QCOMPARE(lone.door.pendingHandshakes(), 0);
        QVERIFY(partial->readAll().isEmpty()); // no answer, just closed
        silent->close();
        partial->close();
        QTRY_COMPARE(openSockets(), before);
        // Still serving afterwards.
        QCOMPARE(TestClient::httpGet(lone.port(), "/after").body, QByteArray("path /after\n"));
    }

    void plainAnswersAfterTheRawRead_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("bodyPart");
        QTest::newRow("GET") << QByteArray("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n") << 200
                             << QByteArray("path /plain");
        QTest::newRow("POST") << QByteArray("POST /plain HTTP/1.1\r\nContent-Length: 2\r\n\r\nab")
                              << 405 << QByteArray("only GET");
        QTest::newRow("polling") << QByteArray("GET /socket.io/?EIO=4&transport=polling "
                                               "HTTP/1.1\r\n\r\n")
                                 << 400 << QByteArray("Transport unknown");
        QTest::newRow("bad key")
            << QByteArray(UpgradeHead).replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=") << 400
            << QByteArray("Sec-WebSocket-Key");
        QTest::newRow("version 8") << QByteArray(UpgradeHead).replace("Version: 13", "Version: 8")
                                   << 426 << QByteArray("Sec-WebSocket-Version");
        QTest::newRow("malformed") << QByteArray("GET /\r\n\r\n") << 400 << QByteArray("malformed");
        QTest::newRow("too large")
            << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(9000, 'a') + "\r\n\r\n") << 431
            << QByteArray("too large");
    }

    void plainAnswersAfterTheRawRead()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, bodyPart);
        LoneFrontDoor lone;
        QVERIFY(lone.listen());
        const int before = openSockets();
        const TestClient::HttpResult result = TestClient::httpRaw(lone.port(), request);
        QCOMPARE(result.status, status);
        QVERIFY2(result.body.contains(bodyPart), result.body.constData());
        QVERIFY(lone.upgrades.isEmpty());
        QCOMPARE(lone.admission.total(), 0);
        QTRY_COMPARE(openSockets(), before);
    }

    void admissionRefusalAfterTheRawRead()
    {
        LoneFrontDoor lone(10000, 1); // one connection per address
        QVERIFY(lone.listen());
        const std::unique_ptr<QTcpSocket> first = connectedClient(lone.port());
        QVERIFY(first);
        QVERIFY(send(first.get(), UpgradeHead));
        QTRY_COMPARE(lone.upgrades.size(), 1);
        const TestClient::HttpResult second = TestClient::httpRaw(lone.port(), UpgradeHead);
        QCOMPARE(second.status, 429);
        QVERIFY(second.headers.contains("Retry-After: "));
        QCOMPARE(lone.refusals, QList<QByteArray>{"per_ip_cap"});
        QCOMPARE(lone.upgrades.size(), 1);
        QCOMPARE(lone.admission.total(), 1);
    }

    void handshakeBacklogCap()
    {
        LoneFrontDoor lone;
        lone.door.setMaxPendingHandshakes(2);
        QVERIFY(lone.listen());
        const std::unique_ptr<QTcpSocket> first = connectedClient(lone.port());
        const std::unique_ptr<QTcpSocket> second = connectedClient(lone.port());
        QVERIFY(first && second);
        QTRY_COMPARE(lone.door.pendingHandshakes(), 2);
        const std::unique_ptr<QTcpSocket> third = connectedClient(lone.port());
        QVERIFY(third);
        QSignalSpy thirdClosed(third.get(), &QTcpSocket::disconnected);
        QTRY_COMPARE(thirdClosed.size(), 1);
        QCOMPARE(lone.refusals, QList<QByteArray>{"handshake_backlog"});
        QCOMPARE(lone.door.pendingHandshakes(), 2);
        // Once one finishes its handshake there is room again.
        QVERIFY(send(first.get(), UpgradeHead));
        QTRY_COMPARE(lone.upgrades.size(), 1);
        QCOMPARE(lone.door.pendingHandshakes(), 1);
        QCOMPARE(TestClient::httpGet(lone.port(), "/room").status, 200);
        QCOMPARE(lone.refusals.size(), 1);
    }

    void destructorClosesPendingConnections()
    {
        auto lone = std::make_unique<LoneFrontDoor>();
        QVERIFY(lone->listen());
        const int before = openSockets();
        const std::unique_ptr<QTcpSocket> client = connectedClient(lone->port());
        QVERIFY(client);
        QVERIFY(send(client.get(), UpgradeHead.left(10)));
        QTRY_COMPARE(lone->door.pendingHandshakes(), 1);
        QSignalSpy closed(client.get(), &QTcpSocket::disconnected);
        lone.reset();
        QTRY_COMPARE(closed.size(), 1);
        client->close();
        // The listening socket is gone too.
        QTRY_COMPARE(openSockets(), before - 1);
    }

    void requestParser()
    {
        HttpRequest request;
        qsizetype headBytes = 0;
        const QByteArray bytes = "GET /socket.io/?EIO=4&transport=websocket&t=a%20b HTTP/1.1\r\n"
                                 "Host: example\r\nUpgrade:  websocket \r\n\r\nrest";
        QCOMPARE(HttpRequest::parseHead(bytes, 8192, &request, &headBytes),
                 HttpRequest::Parse::Complete);
        QCOMPARE(headBytes, bytes.size() - 4);
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.path, QStringLiteral("/socket.io/"));
        QCOMPARE(request.header("upgrade"), QByteArray("websocket"));
        QCOMPARE(request.queryValue(QStringLiteral("t")), QStringLiteral("a b"));
        QCOMPARE(request.queryValue(QStringLiteral("EIO")), QStringLiteral("4"));
        QVERIFY(request.queryValue(QStringLiteral("missing")).isNull());
        QCOMPARE(
            HttpRequest::parseHead("GET / HTTP/1.1\r\nHost: x\r\n", 8192, &request, &headBytes),
            HttpRequest::Parse::Incomplete);
        QCOMPARE(HttpRequest::parseHead(QByteArray(100, 'a'), 50, &request, &headBytes),
                 HttpRequest::Parse::TooLarge);
    }
};

QTEST_GUILESS_MAIN(tst_HttpFrontDoor)
#include "tst_httpfrontdoor.moc"
