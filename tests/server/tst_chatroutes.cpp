// ChatRoutes: where the chat port sends each request to /socket.io/ (Engine.IO v4 checks).

#include "chatroutes.h"
#include "pollingsessions.h"

#include <QTest>

namespace {

HttpRequest requestFor(const QByteArray& target, const QByteArray& extraHeaders = {})
{
    const QByteArray head = "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "\r\n";
    HttpRequest request;
    qsizetype headBytes = 0;
    HttpRequest::parseHead(head, 8192, &request, &headBytes);
    return request;
}

} // namespace

class tst_ChatRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routesEachKindOfRequest()
    {
        PollingSessions polling(ConnectionLimits{}, [](ClientConnection*) {});
        using Route = HttpFrontDoor::Route;

        const Route websocket =
            ChatRoutes::engineIo(requestFor("/socket.io/?EIO=4&transport=websocket",
                                            "Upgrade: websocket\r\nConnection: Upgrade\r\n"),
                                 &polling);
        QCOMPARE(websocket.kind, Route::Kind::Upgrade);
        QCOMPARE(websocket.endpoint, int(ChatRoutes::SocketIoEndpoint));
        QVERIFY(websocket.admit); // a new connection counts against the caps

        const Route handshake =
            ChatRoutes::engineIo(requestFor("/socket.io/?EIO=4&transport=polling"), &polling);
        QCOMPARE(handshake.kind, Route::Kind::Exchange);
        QCOMPARE(handshake.endpoint, int(ChatRoutes::PollingEndpoint));
        QVERIFY(handshake.admit);

        // Engine.IO v4: an unknown transport is answered 400 with code 0, before any endpoint.
        const Route unknown = ChatRoutes::engineIo(
            requestFor("/socket.io/?EIO=4&transport=carrier-pigeon"), &polling);
        QCOMPARE(unknown.kind, Route::Kind::Respond);
        QCOMPARE(unknown.response.status, 400);

        // A sid no session has: 400 "Session ID unknown", not an exchange.
        const Route stale = ChatRoutes::engineIo(
            requestFor("/socket.io/?EIO=4&transport=polling&sid=nope"), &polling);
        QCOMPARE(stale.kind, Route::Kind::Respond);
        QCOMPARE(stale.response.status, 400);
        QVERIFY(stale.response.body.contains("Session ID unknown"));
    }
};

QTEST_GUILESS_MAIN(tst_ChatRoutes)
#include "tst_chatroutes.moc"
