// Client addresses behind reverse proxies (issue 18, docs/security.md "Behind a proxy"):
// TrustedProxies alone (lists, X-Forwarded-For / X-Real-IP resolution), then end to end
// against an in-process server: the per-address cap counts the forwarded address for a
// trusted proxy on every path (WebSocket, /ws, polling) and ignores the headers of anyone
// else, and loopback peers are capped like any address.

#include "memoryserverfixture.h"
#include "pollinglink.h"
#include "rawwebsocket.h"
#include "testclient.h"
#include "trustedproxies.h"

#include <QTest>

#include <memory>
#include <vector>

namespace {

HttpRequest requestWith(const QList<std::pair<QByteArray, QByteArray>>& headers)
{
    HttpRequest request;
    request.method = "GET";
    request.target = "/";
    request.path = QStringLiteral("/");
    request.headers = headers;
    return request;
}

QByteArray forwardedFor(const char* address)
{
    return QByteArray("X-Forwarded-For: ") + address;
}

const QByteArray PollingHandshake = "/socket.io/?EIO=4&transport=polling";

} // namespace

class tst_TrustedProxies : public MemoryServerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAddressesAndBlocks()
    {
        TrustedProxies proxies;
        QString error;
        QVERIFY(TrustedProxies::parse({QStringLiteral(" 127.0.0.1"), QStringLiteral("10.0.0.0/8"),
                                       QStringLiteral("fd00::/8"), QStringLiteral("::1")},
                                      &proxies, &error));
        QVERIFY(proxies.contains(QHostAddress(QStringLiteral("127.0.0.1"))));
        QVERIFY(proxies.contains(QHostAddress(QStringLiteral("::ffff:127.0.0.1"))));
        QVERIFY(!proxies.contains(QHostAddress(QStringLiteral("127.0.0.2"))));
        QVERIFY(proxies.contains(QHostAddress(QStringLiteral("10.200.3.4"))));
        QVERIFY(proxies.contains(QHostAddress(QStringLiteral("fd12::5"))));
        QVERIFY(proxies.contains(QHostAddress(QStringLiteral("::1"))));
        QVERIFY(!proxies.contains(QHostAddress(QStringLiteral("192.0.2.1"))));
        QVERIFY(TrustedProxies().isEmpty());

        for (const char* bad : {"10.0.0.0/33", "example.org", "", "10.0.0.1/x", "300.1.1.1"}) {
            TrustedProxies unchanged = proxies;
            QVERIFY2(!TrustedProxies::parse({QLatin1String(bad)}, &unchanged, &error), bad);
            QVERIFY2(error.contains(QLatin1String(bad)), qPrintable(error));
            QVERIFY(unchanged.contains(QHostAddress(QStringLiteral("127.0.0.1"))));
        }
    }

    void resolvesTheClientAddress_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QByteArrayList>("forwardedFor"); // one header line each
        QTest::addColumn<QByteArray>("realIp");
        QTest::addColumn<QString>("client");
        const QString proxy = QStringLiteral("10.0.0.5");
        QTest::newRow("untrusted peer: headers ignored")
            << "192.0.2.9" << QByteArrayList{"203.0.113.7"} << QByteArray("203.0.113.8")
            << "192.0.2.9";
        QTest::newRow("trusted, no headers") << proxy << QByteArrayList{} << QByteArray() << proxy;
        QTest::newRow("one hop") << proxy << QByteArrayList{"203.0.113.7"} << QByteArray()
                                 << "203.0.113.7";
        QTest::newRow("rightmost untrusted wins over a forged left part")
            << proxy << QByteArrayList{"198.51.100.1, 203.0.113.7"} << QByteArray()
            << "203.0.113.7";
        QTest::newRow("trusted hops skipped")
            << proxy << QByteArrayList{"203.0.113.7, 10.1.1.1", "10.2.2.2"} << QByteArray()
            << "203.0.113.7";
        QTest::newRow("garbage stops the walk")
            << proxy << QByteArrayList{"203.0.113.7, nonsense"} << QByteArray() << proxy;
        QTest::newRow("garbage stops before X-Real-IP")
            << proxy << QByteArrayList{"unknown"} << QByteArray("203.0.113.8") << "203.0.113.8";
        QTest::newRow("X-Real-IP")
            << proxy << QByteArrayList{} << QByteArray(" 203.0.113.8 ") << "203.0.113.8";
        QTest::newRow("only trusted hops: X-Real-IP")
            << proxy << QByteArrayList{"10.1.1.1"} << QByteArray("203.0.113.8") << "203.0.113.8";
        QTest::newRow("ports and brackets")
            << proxy << QByteArrayList{"[2001:db8::1]:4711"} << QByteArray() << "2001:db8::1";
        QTest::newRow("ipv4 with port")
            << proxy << QByteArrayList{"203.0.113.7:80"} << QByteArray() << "203.0.113.7";
        QTest::newRow("mapped ipv4 unwrapped")
            << proxy << QByteArrayList{"::ffff:203.0.113.7"} << QByteArray() << "203.0.113.7";
        QTest::newRow("mapped proxy peer")
            << "::ffff:10.0.0.5" << QByteArrayList{"203.0.113.7"} << QByteArray() << "203.0.113.7";
        QTest::newRow("bad X-Real-IP")
            << proxy << QByteArrayList{} << QByteArray("localhost") << proxy;
    }

    void resolvesTheClientAddress()
    {
        QFETCH(QString, peer);
        QFETCH(QByteArrayList, forwardedFor);
        QFETCH(QByteArray, realIp);
        QFETCH(QString, client);
        TrustedProxies proxies;
        QString error;
        QVERIFY(TrustedProxies::parse({QStringLiteral("10.0.0.0/8")}, &proxies, &error));
        QList<std::pair<QByteArray, QByteArray>> headers{{"host", "chat.example.org"}};
        for (const QByteArray& line : forwardedFor)
            headers.append({"x-forwarded-for", line});
        if (!realIp.isNull())
            headers.append({"x-real-ip", realIp});
        QCOMPARE(proxies.clientAddress(QHostAddress(peer), requestWith(headers)),
                 QHostAddress(client));
    }

    void loopbackIsCappedByDefault()
    {
        // Issue 18: the default cap applies to loopback too; connection cap + 1 is refused.
        const ServerConfig defaults;
        QVERIFY(defaults.maxConnectionsPerIp > 0);
        QVERIFY(start(defaults));
        std::vector<std::unique_ptr<RawWebSocket>> sockets;
        for (int i = 0; i < defaults.maxConnectionsPerIp; ++i) {
            sockets.push_back(std::make_unique<RawWebSocket>());
            QVERIFY2(sockets.back()->upgrade(port()), qPrintable(QString::number(i)));
        }
        RawWebSocket over;
        QVERIFY(!over.upgrade(port()));
        QCOMPARE(over.httpStatus(), 429);
    }

    void trustedProxyIsCappedPerForwardedAddress()
    {
        ServerConfig config;
        config.maxConnectionsPerIp = 2;
        config.trustedProxies = {QStringLiteral("127.0.0.1")};
        QVERIFY(start(config));
        RawWebSocket first;
        RawWebSocket second;
        QVERIFY(first.upgrade(port(), {forwardedFor("203.0.113.7")}));
        QVERIFY(second.upgrade(port(), {forwardedFor("198.51.100.1, 203.0.113.7")}));
        RawWebSocket third;
        QVERIFY(!third.upgrade(port(), {"X-Real-IP: 203.0.113.7"}));
        QCOMPARE(third.httpStatus(), 429);
        // Other forwarded addresses, and the proxy itself, have their own caps.
        RawWebSocket other;
        QVERIFY(other.upgrade(port(), {forwardedFor("203.0.113.8")}));
        RawWebSocket direct;
        QVERIFY(direct.upgrade(port()));
        // The plain JSON endpoint counts the same address.
        RawWebSocket json;
        json.setTarget("/ws?room=lobby");
        QVERIFY(!json.upgrade(port(), {forwardedFor("203.0.113.7")}));
        QCOMPARE(json.httpStatus(), 429);
        // And so does a polling session.
        PollingLink polling(port());
        QVERIFY(polling.waitConnected());
        polling.send("GET", PollingHandshake, {}, {forwardedFor("203.0.113.7")});
        std::optional<PollingLink::Response> answer = polling.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 429);
        polling.send("GET", PollingHandshake, {}, {forwardedFor("203.0.113.9")});
        answer = polling.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);

        // A closed connection frees the forwarded address's slot.
        first.abort();
        std::vector<std::unique_ptr<RawWebSocket>> attempts;
        QVERIFY(QTest::qWaitFor(
            [&] {
                attempts.push_back(std::make_unique<RawWebSocket>());
                return attempts.back()->upgrade(port(), {forwardedFor("203.0.113.7")});
            },
            5000));
    }

    void untrustedPeersHeadersAreIgnored()
    {
        ServerConfig config;
        config.maxConnectionsPerIp = 2;
        config.trustedProxies = {QStringLiteral("192.0.2.1"), QStringLiteral("10.0.0.0/8")};
        QVERIFY(start(config));
        // Each claims another address; all of them are 127.0.0.1.
        RawWebSocket first;
        RawWebSocket second;
        QVERIFY(first.upgrade(port(), {forwardedFor("203.0.113.1")}));
        QVERIFY(second.upgrade(port(), {"X-Real-IP: 203.0.113.2"}));
        RawWebSocket third;
        QVERIFY(!third.upgrade(port(), {forwardedFor("203.0.113.3")}));
        QCOMPARE(third.httpStatus(), 429);
        PollingLink polling(port());
        QVERIFY(polling.waitConnected());
        polling.send("GET", PollingHandshake, {}, {forwardedFor("203.0.113.4")});
        const std::optional<PollingLink::Response> answer = polling.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 429);
    }

    void badListIsAnError()
    {
        ServerConfig config;
        config.trustedProxies = {QStringLiteral("10.0.0.0/99")};
        config.port = 0;
        ChatServer server(config);
        QString error;
        QVERIFY(!server.listen(&error));
        QVERIFY2(error.startsWith(QLatin1String("--trusted-proxies: ")), qPrintable(error));
    }
};

QTEST_MAIN(tst_TrustedProxies)
#include "tst_trustedproxies.moc"
