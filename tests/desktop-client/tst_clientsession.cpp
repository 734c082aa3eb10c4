// ClientSession: ready only once `session` arrives, the token kept and sent back on the
// next CONNECT, a malformed session ignored, notices and errors passed on, and a
// shutting_down notice delaying the reconnection.
#include "chaterror.h"
#include "clientsession.h"
#include "fakelink.h"
#include "reconnectbackoff.h"
#include "socketioclient.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

class TestClientSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readyAfterSessionAndTokenResumed();
    void malformedSessionIsIgnored();
    void noticesAndErrorsArePassedOn();
    void shutdownNoticeDelaysTheReconnection();
    void failsOverToTheNextServerWithTheToken();
};

void TestClientSession::readyAfterSessionAndTokenResumed()
{
    auto server = std::make_unique<FakeSocketIoServer>();
    QVERIFY(server->listen());
    const quint16 port = server->port();
    SocketIoClient connection;
    connection.setBackoff(ReconnectBackoff(50, 100, 0.0));
    connection.setServerUrl(server->url());
    ClientSession session(&connection);
    QSignalSpy started(&session, &ClientSession::started);
    QSignalSpy lost(&session, &ClientSession::connectionLost);
    session.setResumeToken(QStringLiteral("saved-token"));
    QVERIFY(!session.isReady());
    connection.open();
    QTRY_COMPARE(started.size(), 1);
    QVERIFY(session.isReady());
    QCOMPARE(session.session().handle, QStringLiteral("Amber Otter"));
    QCOMPARE(server->connects.first().value(QLatin1String("token")).toString(),
             QStringLiteral("saved-token"));

    server.reset(); // crashed
    QTRY_VERIFY(lost.size() >= 1);
    QVERIFY(!session.isReady());
    server = std::make_unique<FakeSocketIoServer>();
    QVERIFY(server->listen(port));
    QTRY_COMPARE(started.size(), 2);
    // The token of the last session, not the one first given, resumes the identity.
    QCOMPARE(server->connects.first().value(QLatin1String("token")).toString(),
             QStringLiteral("tok-Amber Otter"));
    QVERIFY(started.last().first().value<SessionInfo>().resumed);
}

void TestClientSession::malformedSessionIsIgnored()
{
    FakeLink link;
    ClientSession session(&link.connection);
    QSignalSpy started(&session, &ClientSession::started);
    FakeSocketIoServer& server = link.server;
    QVERIFY(link.connect());
    QTRY_COMPARE(started.size(), 1);
    server.emitToAll(QStringLiteral("session"), QJsonObject{{QStringLiteral("user_id"), 1}});
    server.emitToAll(QStringLiteral("notice"), QJsonObject{}); // a marker that all arrived
    QSignalSpy notices(&session, &ClientSession::noticeReceived);
    QTRY_COMPARE(notices.size(), 1);
    QCOMPARE(started.size(), 1);
    QCOMPARE(session.session().handle, QStringLiteral("Amber Otter"));
}

void TestClientSession::noticesAndErrorsArePassedOn()
{
    FakeLink link;
    ClientSession session(&link.connection);
    QSignalSpy started(&session, &ClientSession::started);
    FakeSocketIoServer& server = link.server;
    QSignalSpy notices(&session, &ClientSession::noticeReceived);
    QSignalSpy errors(&session, &ClientSession::serverErrorReceived);
    QVERIFY(link.connect());
    QTRY_COMPARE(started.size(), 1);
    server.emitToAll(QStringLiteral("notice"),
                     QJsonObject{{QStringLiteral("code"), QStringLiteral("maintenance")},
                                 {QStringLiteral("message"), QStringLiteral("Soon")}});
    server.emitToAll(QStringLiteral("error"),
                     ChatError{ChatError::Code::ServerBusy, QStringLiteral("busy"), 10}.toJson());
    server.emitToAll(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), 5}});
    QTRY_COMPARE(notices.size(), 1);
    QCOMPARE(notices.first().at(0).toString(), QStringLiteral("maintenance"));
    QCOMPARE(notices.first().at(1).toString(), QStringLiteral("Soon"));
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.first().first().value<ChatError>().code, ChatError::Code::ServerBusy);
}

void TestClientSession::shutdownNoticeDelaysTheReconnection()
{
    FakeLink link;
    SocketIoClient& connection = link.connection;
    connection.setBackoff(ReconnectBackoff(50, 100, 0.0));
    ClientSession session(&connection);
    QSignalSpy started(&session, &ClientSession::started);
    QSignalSpy notices(&session, &ClientSession::noticeReceived);
    QVERIFY(link.connect());
    FakeSocketIoServer& server = link.server;
    QTRY_COMPARE(started.size(), 1);
    server.emitToAll(QStringLiteral("notice"),
                     QJsonObject{{QStringLiteral("code"), QStringLiteral("shutting_down")},
                                 {QStringLiteral("message"), QStringLiteral("Restarting")},
                                 {QStringLiteral("retry_after_ms"), 4000}});
    QTRY_COMPARE(notices.size(), 1);
    server.stop();
    QTRY_COMPARE(connection.state(), SocketIoClient::State::Reconnecting);
    QVERIFY2(connection.msUntilReconnect() > 2000, "the backoff (50 ms) was used");
    QVERIFY(connection.msUntilReconnect() <= 4200); // a coarse timer: 5 % slack
}

void TestClientSession::failsOverToTheNextServerWithTheToken()
{
    auto first = std::make_unique<FakeSocketIoServer>();
    FakeSocketIoServer second;
    QVERIFY(first->listen());
    QVERIFY(second.listen());
    SocketIoClient connection;
    connection.setBackoff(ReconnectBackoff(50, 100, 0.0));
    ClientSession session(&connection);
    session.setServerUrls({first->url(), QStringLiteral("  "), second.url()});
    QCOMPARE(session.serverUrls(), (QStringList{first->url(), second.url()}));
    QCOMPARE(session.currentServerUrl(), first->url());
    QSignalSpy started(&session, &ClientSession::started);
    connection.open();
    QTRY_COMPARE(started.size(), 1);
    QCOMPARE(second.connects.size(), 0);

    first.reset(); // the node is gone
    QTRY_COMPARE(started.size(), 2);
    QCOMPARE(session.currentServerUrl(), second.url());
    QCOMPARE(second.connects.size(), 1);
    QCOMPARE(second.connects.first().value(QLatin1String("token")).toString(),
             QStringLiteral("tok-Amber Otter"));
}

QTEST_GUILESS_MAIN(TestClientSession)
#include "tst_clientsession.moc"
