#include "fakesocketioserver.h"
#include "socketioclient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using State = SocketIoClient::State;

class TestSocketIoClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectsAndAnswersHeartbeat();
    void sendsResumeToken();
    void acksCountFromZeroAndReachCallbacks();
    void eventsAreDelivered();
    void emitWhileOfflineIsRefused();
    void silentServerIsDetected();
    void reconnectsAfterDropAndFailsPendingAcks();
    void deferredReconnectWaitsAsAsked();
    void closeStopsReconnecting();
    void serverDisconnectIsFinal();

private:
    static void useFastBackoff(SocketIoClient* client)
    {
        client->setBackoff(ReconnectBackoff(100, 400, 0.0));
    }
};

void TestSocketIoClient::connectsAndAnswersHeartbeat()
{
    FakeSocketIoServer server;
    server.pingIntervalMs = 100;
    server.pingTimeoutMs = 1000;
    QVERIFY(server.listen());
    SocketIoClient client;
    QSignalSpy states(&client, &SocketIoClient::stateChanged);
    client.setServerUrl(server.url());
    client.open();
    QCOMPARE(client.state(), State::Connecting);
    QTRY_COMPARE(client.state(), State::Connected);
    QCOMPARE(server.connects.size(), 1);
    QVERIFY(server.connects.first().isEmpty()); // bare "40" without a token
    QTRY_VERIFY(server.pongs >= 3);
    QCOMPARE(client.state(), State::Connected);
    QCOMPARE(states.first().first().value<State>(), State::Connecting);
    QCOMPARE(states.last().first().value<State>(), State::Connected);
    QVERIFY(!client.engineSessionId().isEmpty());
}

void TestSocketIoClient::sendsResumeToken()
{
    FakeSocketIoServer server;
    QVERIFY(server.listen());
    SocketIoClient client;
    client.setServerUrl(server.url());
    client.setAuthToken(QStringLiteral("tok-123"));
    client.open();
    QTRY_COMPARE(client.state(), State::Connected);
    QCOMPARE(server.connects.first().value(QLatin1String("token")).toString(),
             QStringLiteral("tok-123"));
}

void TestSocketIoClient::acksCountFromZeroAndReachCallbacks()
{
    FakeSocketIoServer server;
    server.handler = [](const QString& name, const QJsonObject& payload) {
        return std::optional<QJsonValue>(
            QJsonObject{{QStringLiteral("ok"), true},
                        {QStringLiteral("echo"), name},
                        {QStringLiteral("n"), payload.value(QLatin1String("n"))}});
    };
    QVERIFY(server.listen());
    SocketIoClient client;
    client.setServerUrl(server.url());
    client.open();
    QTRY_COMPARE(client.state(), State::Connected);

    QList<QJsonObject> replies;
    for (int n = 0; n < 3; ++n) {
        QVERIFY(client.emitEvent(QStringLiteral("list_rooms"), {{QStringLiteral("n"), n}},
                                 [&replies](bool acked, const QJsonValue& reply) {
                                     QVERIFY(acked);
                                     replies.append(reply.toObject());
                                 }));
    }
    QVERIFY(client.emitEvent(QStringLiteral("typing"), {})); // no callback: no ack id
    QTRY_COMPARE(replies.size(), 3);
    QTRY_COMPARE(server.events.size(), 4);
    QCOMPARE(server.events.at(0).ackId, 0);
    QCOMPARE(server.events.at(1).ackId, 1);
    QCOMPARE(server.events.at(2).ackId, 2);
    QCOMPARE(server.events.at(3).ackId, -1);
    QCOMPARE(replies.at(2).value(QLatin1String("n")).toInt(), 2);
    QCOMPARE(replies.at(0).value(QLatin1String("echo")).toString(), QStringLiteral("list_rooms"));
}

void TestSocketIoClient::eventsAreDelivered()
{
    FakeSocketIoServer server;
    QVERIFY(server.listen());
    SocketIoClient client;
    QSignalSpy events(&client, &SocketIoClient::eventReceived);
    client.setServerUrl(server.url());
    client.open();
    // The fake server emits `session` right after CONNECT.
    QTRY_COMPARE(events.size(), 1);
    QCOMPARE(events.at(0).at(0).toString(), QStringLiteral("session"));
    server.emitToAll(QStringLiteral("notice"),
                     QJsonObject{{QStringLiteral("code"), QStringLiteral("x")}});
    server.sendRawToAll(QStringLiteral("42[not json")); // malformed: ignored, connection stays
    QTRY_COMPARE(events.size(), 2);
    QCOMPARE(events.at(1).at(0).toString(), QStringLiteral("notice"));
    QCOMPARE(events.at(1).at(1).toJsonValue().toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("x"));
    QCOMPARE(client.state(), State::Connected);
}

void TestSocketIoClient::emitWhileOfflineIsRefused()
{
    SocketIoClient client;
    bool called = false;
    QVERIFY(!client.emitEvent(QStringLiteral("list_rooms"), {},
                              [&called](bool, const QJsonValue&) { called = true; }));
    QVERIFY(!called);
    QCOMPARE(client.state(), State::Offline);
}

void TestSocketIoClient::silentServerIsDetected()
{
    FakeSocketIoServer server;
    server.sendPings = false;
    server.pingIntervalMs = 150;
    server.pingTimeoutMs = 150;
    QVERIFY(server.listen());
    SocketIoClient client;
    useFastBackoff(&client);
    client.setServerUrl(server.url());
    client.open();
    QTRY_COMPARE(client.state(), State::Connected);
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), State::Reconnecting, 3000);
    // Not before pingInterval + pingTimeout (300 ms) of silence.
    QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(client.reconnectAttempt(), 1);
    // The server is still there: the client comes back by itself.
    QTRY_COMPARE(client.state(), State::Connected);
    QTRY_COMPARE(server.connects.size(), 2);
}

void TestSocketIoClient::reconnectsAfterDropAndFailsPendingAcks()
{
    FakeSocketIoServer server;
    QVERIFY(server.listen());
    const quint16 port = server.port();
    SocketIoClient client;
    useFastBackoff(&client);
    client.setServerUrl(server.url());
    client.open();
    QTRY_COMPARE(client.state(), State::Connected);

    int failed = 0;
    QVERIFY(client.emitEvent(QStringLiteral("join_room"),
                             {{QStringLiteral("room"), QStringLiteral("a")}},
                             [&failed](bool acked, const QJsonValue& reply) {
                                 QVERIFY(!acked);
                                 QVERIFY(reply.isUndefined());
                                 ++failed;
                             }));
    QTRY_COMPARE(server.events.size(), 1); // the fake has no handler: never acks
    server.stop();
    QTRY_COMPARE(client.state(), State::Reconnecting);
    QCOMPARE(failed, 1);
    QCOMPARE(client.reconnectAttempt(), 1);
    // Failed attempts count up while the server is down.
    QTRY_VERIFY(client.reconnectAttempt() >= 2);

    FakeSocketIoServer again;
    QVERIFY(again.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), State::Connected, 15000);
    QCOMPARE(client.reconnectAttempt(), 0); // reset on success
    QCOMPARE(failed, 1);
}

void TestSocketIoClient::deferredReconnectWaitsAsAsked()
{
    FakeSocketIoServer server;
    QVERIFY(server.listen());
    SocketIoClient client;
    useFastBackoff(&client);
    client.setServerUrl(server.url());
    client.open();
    QTRY_COMPARE(client.state(), State::Connected);
    client.deferNextReconnect(3000);
    server.stop();
    QTRY_COMPARE(client.state(), State::Reconnecting);
    QVERIFY2(client.msUntilReconnect() > 2000,
             qPrintable(QString::number(client.msUntilReconnect())));
    // Only once: reconnectNow() skips the wait, the next failure uses the backoff again.
    client.reconnectNow();
    QTRY_COMPARE(client.state(), State::Reconnecting);
    QVERIFY(client.msUntilReconnect() <= 400);
}

void TestSocketIoClient::closeStopsReconnecting()
{
    FakeSocketIoServer server;
    QVERIFY(server.listen());
    SocketIoClient client;
    useFastBackoff(&client);
    client.setServerUrl(server.url());
    client.open();
    QTRY_COMPARE(client.state(), State::Connected);
    QSignalSpy states(&client, &SocketIoClient::stateChanged);
    client.close();
    QCOMPARE(client.state(), State::Offline);
    QTRY_COMPARE(server.connectionCount(), 0);
    QTest::qWait(600); // several backoff periods: nothing may happen
    QCOMPARE(client.state(), State::Offline);
    QCOMPARE(states.size(), 1);
    QCOMPARE(server.connects.size(), 1);
}

void TestSocketIoClient::serverDisconnectIsFinal()
{
    FakeSocketIoServer server;
    QVERIFY(server.listen());
    SocketIoClient client;
    useFastBackoff(&client);
    client.setServerUrl(server.url());
    client.open();
    QTRY_COMPARE(client.state(), State::Connected);
    server.sendRawToAll(QStringLiteral("41"));
    QTRY_COMPARE(client.state(), State::Offline);
    QTest::qWait(300);
    QCOMPARE(client.state(), State::Offline);
}

QTEST_GUILESS_MAIN(TestSocketIoClient)
#include "tst_socketioclient.moc"
