// PollingSessions: a handshake GET opens a session (adopted, answered with what the
// adopter queued), requests with a sid reach their session, unknown sids are refused,
// upgrades find their session, and the registry and its signals follow each session's life.

#include "httploopback.h"
#include "memoryconnection.h"
#include "pollingconnection.h"
#include "pollinglink.h"
#include "pollingsessions.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using SessionState = EngineIoRequestCheck::SessionState;

/// Sessions whose adopter queues an open packet naming the sid (as EngineIoSession does),
/// or refuses (deletes the connection) when shutting down.
struct Fixture
{
    Fixture()
        : sessions(ConnectionLimits(), [this](ClientConnection* connection) {
            adopted.append(connection);
            if (shuttingDown) {
                delete connection;
                return;
            }
            auto* polling = qobject_cast<PollingConnection*>(connection);
            connection->sendText("0{\"sid\":\"" + polling->sid().toUtf8() + "\"}");
        })
    {
        QVERIFY(link.waitConnected());
        QVERIFY(postLink.waitConnected());
    }
    /// The adopter (the gateway) owns the sessions' connections.
    ~Fixture() { qDeleteAll(adopted); }

    /// A handshake; returns the new session's sid (empty on failure).
    QString open()
    {
        HttpExchange* exchange =
            server.exchangeFor(link, "GET", "/socket.io/?EIO=4&transport=polling");
        if (!exchange || !sessions.handle(exchange))
            return QString();
        const auto answer = link.next();
        if (!answer || !answer->body.startsWith('0'))
            return QString();
        return QJsonDocument::fromJson(answer->body.mid(1)).object().value(u"sid"_s).toString();
    }
    /// @p method on the session @p sid through @p via; returns handle()'s result.
    QObject* request(PollingLink& via, const QByteArray& method, const QString& sid,
                     const QByteArray& body = {})
    {
        HttpExchange* exchange = server.exchangeFor(
            via, method, "/socket.io/?EIO=4&transport=polling&sid=" + sid.toUtf8(), body);
        return exchange ? sessions.handle(exchange) : nullptr;
    }

    HttpLoopback server;
    PollingLink link{server.port()};
    PollingLink postLink{server.port()};
    QList<QPointer<ClientConnection>> adopted;
    bool shuttingDown = false;
    PollingSessions sessions;
};

} // namespace

class tst_PollingSessions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handshakeOpensAndAdopts()
    {
        Fixture f;
        QSignalSpy opened(&f.sessions, &PollingSessions::sessionOpened);
        const QString sid = f.open();
        QCOMPARE(sid.size(), 20);
        QCOMPARE(f.adopted.size(), 1);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(f.sessions.state(sid), SessionState::Polling);
        QCOMPARE(f.sessions.pollingCount(), 1);
        QCOMPARE(f.sessions.state(u"nonexistent"_s), SessionState::Unknown);
        QVERIFY(f.open() != sid); // each handshake, its own session
        QCOMPARE(f.sessions.pollingCount(), 2);
    }

    void requestsReachTheirSession()
    {
        Fixture f;
        const QString sid = f.open();
        ClientConnection* connection = f.adopted.first();
        QSignalSpy received(connection, &ClientConnection::textReceived);
        QVERIFY(!f.request(f.postLink, "POST", sid, "40"));
        QCOMPARE(f.postLink.next()->body, "ok");
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().first().toByteArray(), "40");
        QVERIFY(!f.request(f.link, "GET", sid)); // held
        connection->sendText("40{}");
        QCOMPARE(f.link.next()->body, "40{}");
    }

    void unknownSidIsRefused()
    {
        Fixture f;
        QVERIFY(!f.request(f.link, "GET", u"nope"_s));
        const auto answer = f.link.next();
        QCOMPARE(answer->status, 400);
        QCOMPARE(QJsonDocument::fromJson(answer->body).object().value(u"code"_s).toInt(), 1);
        QVERIFY(f.adopted.isEmpty());
    }

    void refusedAdoptionIsServerBusy()
    {
        Fixture f;
        f.shuttingDown = true;
        QSignalSpy opened(&f.sessions, &PollingSessions::sessionOpened);
        HttpExchange* exchange =
            f.server.exchangeFor(f.link, "GET", "/socket.io/?EIO=4&transport=polling");
        QVERIFY(!f.sessions.handle(exchange));
        QCOMPARE(f.link.next()->status, 503);
        QCOMPARE(opened.count(), 0);
        QCOMPARE(f.sessions.pollingCount(), 0);
    }

    void closedSessionLeavesTheRegistry()
    {
        Fixture f;
        QSignalSpy closed(&f.sessions, &PollingSessions::sessionClosed);
        const QString sid = f.open();
        f.adopted.first()->abort();
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().toBool(), true); // it was on polling
        QCOMPARE(f.sessions.state(sid), SessionState::Unknown);
        QCOMPARE(f.sessions.pollingCount(), 0);
        QVERIFY(!f.request(f.link, "GET", sid));
        QCOMPARE(f.link.next()->status, 400); // Session ID unknown
    }

    void upgradeFindsItsSession()
    {
        Fixture f;
        QSignalSpy upgraded(&f.sessions, &PollingSessions::sessionUpgraded);
        QSignalSpy closed(&f.sessions, &PollingSessions::sessionClosed);
        const QString sid = f.open();
        auto* webSocket = new MemoryConnection;
        f.sessions.upgrade(sid, webSocket);
        webSocket->receiveText("2probe");
        QCOMPARE(f.sessions.state(sid), SessionState::Upgrading);
        webSocket->receiveText("5");
        QCOMPARE(upgraded.count(), 1);
        QCOMPARE(f.sessions.state(sid), SessionState::Upgraded);
        QCOMPARE(f.sessions.pollingCount(), 0); // upgraded ones are not on polling
        // An upgraded session stays known: a late polling request is a bad request.
        QVERIFY(!f.request(f.link, "GET", sid));
        const auto late = f.link.next();
        QCOMPARE(QJsonDocument::fromJson(late->body).object().value(u"code"_s).toInt(), 3);
        f.adopted.first()->close(1000, u"bye"_s);
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().toBool(), false);
    }

    void upgradeOfAnUnknownSidIsDropped()
    {
        Fixture f;
        auto* webSocket = new MemoryConnection;
        const QPointer<MemoryConnection> watched(webSocket);
        f.sessions.upgrade(u"nope"_s, webSocket);
        QVERIFY(webSocket->isClosed());
        QTRY_VERIFY(watched.isNull()); // deleted, not leaked
    }
};

QTEST_GUILESS_MAIN(tst_PollingSessions)
#include "tst_pollingsessions.moc"
