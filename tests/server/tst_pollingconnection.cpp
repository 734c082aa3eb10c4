// PollingConnection: Engine.IO long-polling as a ClientConnection, over real HTTP
// exchanges (HttpLoopback): queued packets and held GETs, POSTed packets, overlapping GETs,
// the payload and UTF-8 limits, close and abort, the slow consumer, and the upgrade to a
// WebSocket (a MemoryConnection) with its probe.

#include "httploopback.h"
#include "memoryconnection.h"
#include "pollingconnection.h"
#include "pollinglink.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

ConnectionLimits testLimits()
{
    ConnectionLimits limits;
    limits.maxMessageBytes = 100;
    limits.closeDeadlineMs = 50;
    return limits;
}

/// One polling connection, and two HTTP links to answer its GETs and POSTs (a client uses
/// separate connections for the held GET and its POSTs).
struct Fixture
{
    explicit Fixture(const ConnectionLimits& limits = testLimits())
        : connection(std::make_unique<PollingConnection>(
              u"sid1"_s, QHostAddress(QHostAddress::LocalHost), limits))
    {
        QVERIFY(getLink.waitConnected());
        QVERIFY(postLink.waitConnected());
    }

    /// A GET handed to the connection.
    void get()
    {
        HttpExchange* exchange = server.exchangeFor(getLink, "GET", "/socket.io/?sid=sid1");
        QVERIFY(exchange);
        connection->poll(exchange);
    }
    /// A POST of @p body handed to the connection.
    void post(const QByteArray& body)
    {
        HttpExchange* exchange = server.exchangeFor(postLink, "POST", "/socket.io/?sid=sid1", body);
        QVERIFY(exchange);
        connection->post(exchange);
    }
    /// A MemoryConnection given as the upgrade's WebSocket (owned by the connection).
    MemoryConnection* upgradeSocket()
    {
        auto* webSocket = new MemoryConnection;
        connection->upgradeTo(webSocket);
        return webSocket;
    }

    HttpLoopback server;
    PollingLink getLink{server.port()};
    PollingLink postLink{server.port()};
    std::unique_ptr<PollingConnection> connection;
};

int engineErrorCode(const PollingLink::Response& response)
{
    return QJsonDocument::fromJson(response.body).object().value(u"code"_s).toInt(-1);
}

} // namespace

class tst_PollingConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queuedPacketsAnswerTheNextGet()
    {
        Fixture f;
        f.connection->sendText("0{}");
        f.connection->sendText("2");
        QCOMPARE(f.connection->bytesToWrite(), 4);
        f.get();
        const auto answer = f.getLink.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->body, "0{}\x1e"
                               "2");
        QVERIFY(answer->header("content-type").startsWith("text/plain"));
        QCOMPARE(f.connection->bytesToWrite(), 0);
    }

    void heldGetGetsOneTurnsPackets()
    {
        Fixture f;
        f.get();
        QCoreApplication::processEvents();
        QVERIFY(!f.getLink.hasResponse()); // nothing queued: held
        f.connection->sendText("42[\"a\"]");
        f.connection->sendText("42[\"b\"]");
        const auto answer = f.getLink.next();
        QVERIFY(answer);
        QCOMPARE(answer->body, "42[\"a\"]\x1e"
                               "42[\"b\"]");
    }

    void postedPacketsAreReceived()
    {
        Fixture f;
        QSignalSpy received(f.connection.get(), &ClientConnection::textReceived);
        f.post("3\x1e"
               "42[\"x\"]");
        const auto answer = f.postLink.next();
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->body, "ok");
        QCOMPARE(answer->header("content-type"), "text/html");
        QCOMPARE(received.count(), 2);
        QCOMPARE(received.at(0).at(0).toByteArray(), "3");
        QCOMPARE(received.at(1).at(0).toByteArray(), "42[\"x\"]");
    }

    void secondGetEndsTheSession()
    {
        Fixture f;
        QSignalSpy disconnected(f.connection.get(), &ClientConnection::disconnected);
        f.get();
        HttpExchange* second = f.server.exchangeFor(f.postLink, "GET", "/socket.io/?sid=sid1");
        f.connection->poll(second);
        const auto refused = f.postLink.next();
        QCOMPARE(refused->status, 400);
        QCOMPARE(engineErrorCode(*refused), 3);
        QCOMPARE(f.getLink.next()->body, "1"); // the held one ends with a close packet
        QTRY_COMPARE(disconnected.count(), 1);
        QCOMPARE(f.connection->dropReason(), u"polling overlap"_s);
        QCOMPARE(f.connection->state(), PollingConnection::State::Closed);
    }

    void oversizedPostCloses()
    {
        Fixture f;
        QSignalSpy received(f.connection.get(), &ClientConnection::textReceived);
        QSignalSpy disconnected(f.connection.get(), &ClientConnection::disconnected);
        f.post("4" + QByteArray(200, 'x'));
        QCOMPARE(f.postLink.next()->status, 413);
        QCOMPARE(received.count(), 0);
        QCOMPARE(f.connection->dropReason(), u"message too large"_s);
        // No GET held: the close deadline ends it.
        QTRY_COMPARE(disconnected.count(), 1);
    }

    void invalidUtf8PostCloses()
    {
        Fixture f;
        QSignalSpy received(f.connection.get(), &ClientConnection::textReceived);
        f.get();
        f.post("4\xff\xfe");
        const auto refused = f.postLink.next();
        QCOMPARE(refused->status, 400);
        QCOMPARE(engineErrorCode(*refused), 3);
        QCOMPARE(received.count(), 0);
        QCOMPARE(f.connection->dropReason(), u"invalid utf8"_s);
        QCOMPARE(f.getLink.next()->body, "1");
    }

    void closeAnswersTheHeldGetWithTheQueue()
    {
        Fixture f;
        QSignalSpy disconnected(f.connection.get(), &ClientConnection::disconnected);
        f.get();
        f.connection->sendText("41");
        f.connection->close(1000, u"bye"_s);
        QCOMPARE(f.getLink.next()->body, "41\x1e"
                                         "1");
        QTRY_COMPARE(disconnected.count(), 1);
        QVERIFY(f.connection->dropReason().isEmpty()); // closed by the layer above
        f.connection->sendText("late");                // dropped
        QCOMPARE(f.connection->bytesToWrite(), 0);
    }

    void closeWaitsForTheNextGet()
    {
        ConnectionLimits limits = testLimits();
        limits.closeDeadlineMs = 60000;
        Fixture f(limits);
        QSignalSpy disconnected(f.connection.get(), &ClientConnection::disconnected);
        f.connection->close(1000, u"bye"_s);
        QCoreApplication::processEvents();
        QCOMPARE(disconnected.count(), 0);
        f.get();
        QCOMPARE(f.getLink.next()->body, "1");
        QTRY_COMPARE(disconnected.count(), 1);
    }

    void abortDropsTheHeldGet()
    {
        Fixture f;
        QSignalSpy disconnected(f.connection.get(), &ClientConnection::disconnected);
        f.connection->sendText("2");
        f.get();
        QCOMPARE(f.getLink.next()->body, "2");
        f.get();
        f.connection->sendText("queued");
        f.connection->abort();
        QTRY_VERIFY(f.getLink.isClosed()); // no answer: the HTTP connection is dropped
        QTRY_COMPARE(disconnected.count(), 1);
        QCOMPARE(disconnected.count(), 1);
    }

    void slowConsumerIsDropped()
    {
        ConnectionLimits limits = testLimits();
        limits.maxUnsentBytes = 10;
        limits.slowConsumerGraceMs = 20;
        Fixture f(limits);
        QSignalSpy disconnected(f.connection.get(), &ClientConnection::disconnected);
        f.connection->sendText(QByteArray(50, 'x')); // and never polled
        QTRY_COMPARE(disconnected.count(), 1);
        QCOMPARE(f.connection->dropReason(), u"slow consumer"_s);
    }

    void upgrade()
    {
        Fixture f;
        QSignalSpy received(f.connection.get(), &ClientConnection::textReceived);
        QSignalSpy upgraded(f.connection.get(), &PollingConnection::upgraded);
        f.get();
        MemoryConnection* webSocket = f.upgradeSocket();
        webSocket->receiveText("2probe");
        QCOMPARE(webSocket->sent, QByteArrayList{"3probe"});
        QCOMPARE(f.connection->state(), PollingConnection::State::Upgrading);
        QCOMPARE(f.getLink.next()->body, "6");    // the held GET ends: "fast upgrade"
        f.connection->sendText("42[\"during\"]"); // queued for polling until `5`
        f.connection->sendPing();                 // no Ping frames before the upgrade
        QCOMPARE(webSocket->pingsSent, 0);
        webSocket->receiveText("5");
        QCOMPARE(f.connection->state(), PollingConnection::State::Upgraded);
        QVERIFY(f.connection->wasUpgraded());
        QCOMPARE(upgraded.count(), 1);
        // What was queued goes out on the WebSocket first, then everything else.
        f.connection->sendText("42[\"after\"]");
        QCOMPARE(webSocket->sent, (QByteArrayList{"3probe", "42[\"during\"]", "42[\"after\"]"}));
        f.connection->sendPing();
        QCOMPARE(webSocket->pingsSent, 1);
        webSocket->receiveText("42[\"in\"]");
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().first().toByteArray(), "42[\"in\"]");
        // Polling is over for this session.
        f.get();
        const auto late = f.getLink.next();
        QCOMPARE(late->status, 400);
        QCOMPARE(engineErrorCode(*late), 3);
        // The WebSocket's end is the session's.
        QSignalSpy disconnected(f.connection.get(), &ClientConnection::disconnected);
        f.connection->close(1000, u"bye"_s);
        QVERIFY(webSocket->isClosed());
        QTRY_COMPARE(disconnected.count(), 1);
    }

    void unexpectedPacketDropsTheProbe()
    {
        Fixture f;
        MemoryConnection* webSocket = f.upgradeSocket();
        const QPointer<MemoryConnection> watched(webSocket);
        webSocket->receiveText("42[\"too early\"]");
        QVERIFY(webSocket->isClosed());
        QCOMPARE(f.connection->state(), PollingConnection::State::Polling);
        QTRY_VERIFY(watched.isNull());
        // Polling goes on, and may upgrade again.
        f.connection->sendText("2");
        f.get();
        QCOMPARE(f.getLink.next()->body, "2");
        MemoryConnection* again = f.upgradeSocket();
        again->receiveText("2probe");
        QCOMPARE(f.connection->state(), PollingConnection::State::Upgrading);
    }

    void secondProbeIsRefused()
    {
        Fixture f;
        MemoryConnection* first = f.upgradeSocket();
        MemoryConnection* second = f.upgradeSocket();
        QVERIFY(second->isClosed());
        QVERIFY(!first->isClosed());
    }

    void lostProbeKeepsPolling()
    {
        Fixture f;
        QSignalSpy disconnected(f.connection.get(), &ClientConnection::disconnected);
        MemoryConnection* webSocket = f.upgradeSocket();
        webSocket->receiveText("2probe");
        webSocket->abort();
        QTRY_COMPARE(f.connection->state(), PollingConnection::State::Polling);
        QCOMPARE(disconnected.count(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_PollingConnection)
#include "tst_pollingconnection.moc"
