// The front door's plain HTTP over a real TCP connection: routes, Engine.IO handshake
// errors, strict request parsing and limits.

#include "chatserver.h"
#include "httprequest.h"
#include "testclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

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
        QTest::newRow("polling") << QByteArray("/socket.io/?EIO=4&transport=polling") << 0
                                 << QStringLiteral("Transport unknown");
        QTest::newRow("polling, keys reordered")
            << QByteArray("/socket.io/?transport=polling&t=x&EIO=4") << 0
            << QStringLiteral("Transport unknown");
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
