// WebSocketHandshake: the RFC 6455 §1.3 accept key, what validate() accepts and refuses
// (and with which status), and the 101 response head.

#include "httprequest.h"
#include "websockethandshake.h"

#include <QTest>

namespace {

const QByteArray RfcKey = "dGhlIHNhbXBsZSBub25jZQ==";

// A request head as a browser sends it, with @p lines replacing or adding header lines
// ("Name: value"; "Name:" alone removes the header).
HttpRequest upgradeRequest(const QList<QByteArray>& lines = {})
{
    QList<QByteArray> head = {"Host: localhost:8080", "Upgrade: websocket", "Connection: Upgrade",
                              "Sec-WebSocket-Key: " + RfcKey, "Sec-WebSocket-Version: 13"};
    for (const QByteArray& line : lines) {
        const QByteArray name = line.left(line.indexOf(':') + 1).toLower();
        head.removeIf([&](const QByteArray& old) { return old.toLower().startsWith(name); });
        if (line.size() > name.size())
            head.append(line);
    }
    const QByteArray bytes =
        "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n" + head.join("\r\n") + "\r\n\r\n";
    HttpRequest request;
    qsizetype headBytes = 0;
    if (HttpRequest::parseHead(bytes, 8192, &request, &headBytes) != HttpRequest::Parse::Complete)
        qFatal("test request does not parse");
    return request;
}

} // namespace

class tst_WebSocketHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptKeyRfcExample()
    {
        QCOMPARE(WebSocketHandshake::acceptKey(RfcKey), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    void accepted_data()
    {
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::newRow("plain") << QList<QByteArray>{};
        QTest::newRow("keep-alive, Upgrade")
            << QList<QByteArray>{"Connection: keep-alive, Upgrade"};
        QTest::newRow("lower case")
            << QList<QByteArray>{"Connection: upgrade", "Upgrade: WebSocket"};
        QTest::newRow("spaces in list") << QList<QByteArray>{"Connection: close ,  UPGRADE "};
        QTest::newRow("two Connection fields")
            << QList<QByteArray>{"Connection: keep-alive", "Connection: Upgrade"};
    }

    void accepted()
    {
        QFETCH(QList<QByteArray>, lines);
        int status = 0;
        QByteArray reason;
        QVERIFY(WebSocketHandshake::validate(upgradeRequest(lines), &status, &reason));
        QCOMPARE(status, 0);
        QVERIFY(reason.isEmpty());
    }

    void refused_data()
    {
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<int>("status");
        QTest::newRow("no key") << QList<QByteArray>{"Sec-WebSocket-Key:"} << 400;
        QTest::newRow("key not base64")
            << QList<QByteArray>{"Sec-WebSocket-Key: !!!!dGhlIHNhbXBsZSBub25j"} << 400;
        QTest::newRow("key of 15 bytes")
            << QList<QByteArray>{"Sec-WebSocket-Key: " + QByteArray(15, 'k').toBase64()} << 400;
        QTest::newRow("key of 17 bytes")
            << QList<QByteArray>{"Sec-WebSocket-Key: " + QByteArray(17, 'k').toBase64()} << 400;
        QTest::newRow("key without padding")
            << QList<QByteArray>{"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ"} << 400;
        QTest::newRow("version 8") << QList<QByteArray>{"Sec-WebSocket-Version: 8"} << 426;
        QTest::newRow("version 13, 8") << QList<QByteArray>{"Sec-WebSocket-Version: 13, 8"} << 426;
        QTest::newRow("no version") << QList<QByteArray>{"Sec-WebSocket-Version:"} << 400;
        QTest::newRow("Connection: keep-alive")
            << QList<QByteArray>{"Connection: keep-alive"} << 400;
        QTest::newRow("no Connection") << QList<QByteArray>{"Connection:"} << 400;
        QTest::newRow("Connection: upgrades") << QList<QByteArray>{"Connection: upgrades"} << 400;
        QTest::newRow("Upgrade: h2c") << QList<QByteArray>{"Upgrade: h2c"} << 400;
        QTest::newRow("no Upgrade") << QList<QByteArray>{"Upgrade:"} << 400;
    }

    void refused()
    {
        QFETCH(QList<QByteArray>, lines);
        QFETCH(int, status);
        int actualStatus = 0;
        QByteArray reason;
        QVERIFY(!WebSocketHandshake::validate(upgradeRequest(lines), &actualStatus, &reason));
        QCOMPARE(actualStatus, status);
        QVERIFY(!reason.isEmpty());
    }

    void refusesOtherMethods()
    {
        HttpRequest request = upgradeRequest();
        request.method = "POST";
        int status = 0;
        QByteArray reason;
        QVERIFY(!WebSocketHandshake::validate(request, &status, &reason));
        QCOMPARE(status, 400);
    }

    void response()
    {
        QCOMPARE(WebSocketHandshake::response(upgradeRequest()),
                 QByteArray("HTTP/1.1 101 Switching Protocols\r\n"
                            "Upgrade: websocket\r\n"
                            "Connection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                            "\r\n"));
        // Derived from the request's own key.
        const QByteArray key = QByteArray(16, '\x42').toBase64();
        QVERIFY(WebSocketHandshake::response(upgradeRequest({"Sec-WebSocket-Key: " + key}))
                    .contains(QByteArray(
                        "Sec-WebSocket-Accept: " + WebSocketHandshake::acceptKey(key) + "\r\n")));
    }
};

QTEST_APPLESS_MAIN(tst_WebSocketHandshake)
#include "tst_websockethandshake.moc"
