// HttpConnection and HttpExchange over loopback: one request at a time on a keep-alive
// connection, bodies by Content-Length, the limits (431, 400, 411, body too large), when it
// closes (Connection: close, HTTP/1.0, idle), and answering later through an exchange.

#include "httpconnection.h"
#include "httploopback.h"
#include "pollinglink.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_HttpConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepAliveRequestsOneAtATime()
    {
        HttpLoopback server;
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.send("GET", "/rooms?x=1%202");
        QTRY_COMPARE(server.requests.size(), 1);
        const HttpRequest& first = server.requests.first().request;
        QCOMPARE(first.method, "GET");
        QCOMPARE(first.path, u"/rooms"_s);
        QCOMPARE(first.queryValue(u"x"_s), u"1 2"_s);
        HttpConnection* connection = server.requests.first().connection;
        QVERIFY(connection->isBusy());
        QCOMPARE(connection->peerAddress(), QHostAddress(QHostAddress::LocalHost));
        connection->respond(HttpResponse::text(200, "one"));
        QVERIFY(!connection->isBusy());
        const auto answer = client.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->body, "one");
        QCOMPARE(answer->header("connection"), "keep-alive");
        // The same connection reads the next request.
        client.send("GET", "/health");
        QTRY_COMPARE(server.requests.size(), 2);
        QCOMPARE(server.requests.at(1).connection.data(), connection);
        QCOMPARE(server.connections.size(), 1);
    }

    void pipelinedRequestsWaitTheirTurn()
    {
        HttpLoopback server;
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.sendRaw("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(server.requests.size(), 1);
        HttpConnection* connection = server.requests.first().connection;
        QSignalSpy busy(connection, &HttpConnection::busyChanged);
        QCoreApplication::processEvents();
        QCOMPARE(server.requests.size(), 1); // /b waits in the buffer
        connection->respond(HttpResponse::text(200, "a"));
        connection->respond(HttpResponse::text(500, "extra")); // no request awaits it: ignored
        QTRY_COMPARE(server.requests.size(), 2);
        QCOMPARE(server.requests.at(1).request.path, u"/b"_s);
        QCOMPARE(busy.count(), 2); // false after the answer, true with /b
        QCOMPARE(busy.at(0).at(0).toBool(), false);
        QCOMPARE(busy.at(1).at(0).toBool(), true);
        connection->respond(HttpResponse::text(200, "b"));
        QCOMPARE(client.next()->body, "a");
        QCOMPARE(client.next()->body, "b");
    }

    void bodyByContentLength()
    {
        HttpLoopback server;
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        QTRY_COMPARE(server.connections.size(), 1);
        auto* socket = server.connections.first()->findChild<QTcpSocket*>();
        QVERIFY(socket);
        QSignalSpy read(socket, &QTcpSocket::readyRead);
        client.sendRaw("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello");
        QTRY_VERIFY(!read.isEmpty());
        QVERIFY(server.requests.isEmpty()); // half a body: waits for the rest
        client.sendRaw("world");
        QTRY_COMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests.first().request.body, "helloworld");
        QVERIFY(!server.requests.first().request.bodyTooLarge);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("head too large")
            << "GET / HTTP/1.1\r\nX-Big: " + QByteArray(600, 'a') + "\r\n\r\n"
            << 431;
        QTest::newRow("malformed") << QByteArray("NOT HTTP\r\n\r\n") << 400;
        QTest::newRow("chunked")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 411;
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
            << 400;
        QTest::newRow("signed length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\na") << 400;
    }

    void refusals()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        HttpLoopback::Limits limits;
        limits.maxHeadBytes = 512;
        HttpLoopback server(limits);
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.sendRaw(request);
        const auto answer = client.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, status);
        QTRY_VERIFY(client.isClosed());
        QVERIFY(server.requests.isEmpty()); // never reaches the handler
    }

    void bodyTooLargeIsAnsweredThenClosed()
    {
        HttpLoopback::Limits limits;
        limits.maxBodyBytes = 4;
        HttpLoopback server(limits);
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.send("POST", "/p", "too long");
        QTRY_COMPARE(server.requests.size(), 1);
        QVERIFY(server.requests.first().request.bodyTooLarge);
        QVERIFY(server.requests.first().request.body.isEmpty());
        server.requests.first().connection->respond(HttpResponse::text(413, "no"));
        QCOMPARE(client.next()->status, 413);
        QTRY_VERIFY(client.isClosed());
    }

    void closesWhenAsked_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("Connection: close")
            << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        QTest::newRow("HTTP/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n");
    }

    void closesWhenAsked()
    {
        QFETCH(QByteArray, request);
        HttpLoopback server;
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.sendRaw(request);
        QTRY_COMPARE(server.requests.size(), 1);
        QSignalSpy closed(server.requests.first().connection.data(), &HttpConnection::closed);
        server.requests.first().connection->respond(HttpResponse::text(200, "bye"));
        const auto answer = client.next();
        QCOMPARE(answer->header("connection"), "close");
        QTRY_VERIFY(client.isClosed());
        QTRY_COMPARE(closed.count(), 1);
        QTRY_VERIFY(server.connections.first().isNull()); // deleted itself
    }

    void http10KeepAliveStaysOpen()
    {
        HttpLoopback server;
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.sendRaw("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        QTRY_COMPARE(server.requests.size(), 1);
        QVERIFY(server.requests.first().request.http10);
        server.requests.first().connection->respond(HttpResponse::text(200, "ok"));
        QCOMPARE(client.next()->header("connection"), "keep-alive");
        client.sendRaw("GET /again HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        QTRY_COMPARE(server.requests.size(), 2);
    }

    void idleConnectionIsClosed()
    {
        HttpLoopback::Limits limits;
        limits.idleTimeoutMs = 50;
        HttpLoopback server(limits);
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.sendRaw("GET / HTTP/1.1\r\n"); // never completed
        QTRY_VERIFY(client.isClosed());
        QVERIFY(server.requests.isEmpty());
    }

    void busyConnectionIsNotIdle()
    {
        HttpLoopback::Limits limits;
        limits.idleTimeoutMs = 50;
        HttpLoopback server(limits);
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.send("GET", "/held");
        QTRY_COMPARE(server.requests.size(), 1);
        // A held request (a polling GET) waits as long as it takes: no idle deadline. An idle
        // connection opened now is the clock: once it is closed, the held one would be too.
        PollingLink idle(server.port());
        QVERIFY(idle.waitConnected());
        QTRY_VERIFY(idle.isClosed());
        QVERIFY(!client.isClosed());
        server.requests.first().connection->respond(HttpResponse::text(200, "late"));
        QCOMPARE(client.next()->body, "late");
        QTRY_VERIFY(client.isClosed()); // idle again, then closed
    }

    void exchangeAnswersOnceWithItsHeaders()
    {
        HttpLoopback server;
        PollingLink client(server.port());
        QVERIFY(client.waitConnected());
        client.send("GET", "/x");
        QTRY_COMPARE(server.requests.size(), 1);
        const QPointer<HttpExchange> exchange =
            server.exchange(0, {{"Access-Control-Allow-Origin", "https://a.example"}});
        QCOMPARE(exchange->request().path, u"/x"_s);
        QCOMPARE(exchange->peerAddress(), QHostAddress(QHostAddress::LocalHost));
        exchange->respond(HttpResponse::text(200, "first"));
        exchange->respond(HttpResponse::text(500, "second")); // ignored
        const auto answer = client.next();
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->header("access-control-allow-origin"), "https://a.example");
        QTRY_VERIFY(exchange.isNull()); // deleted after its answer
        // Nothing more was written: the next answer on the connection is the next request's.
        client.send("GET", "/y");
        QTRY_COMPARE(server.requests.size(), 2);
        server.requests.at(1).connection->respond(HttpResponse::text(200, "y"));
        QCOMPARE(client.next()->body, "y");
    }

    void exchangeIsAbortedWhenTheClientGoes()
    {
        HttpLoopback server;
        {
            PollingLink client(server.port());
            QVERIFY(client.waitConnected());
            client.send("GET", "/held");
            QTRY_COMPARE(server.requests.size(), 1);
        }
        HttpExchange* exchange = server.exchange(0);
        QVERIFY(exchange);
        const QPointer<HttpExchange> watched(exchange);
        QSignalSpy aborted(exchange, &HttpExchange::aborted);
        QTRY_COMPARE(aborted.count(), 1);
        QTRY_VERIFY(watched.isNull());
    }
};

QTEST_GUILESS_MAIN(tst_HttpConnection)
#include "tst_httpconnection.moc"
