#include "enginehandshake.h"
#include "enginepacket.h"

#include <QTest>

class tst_EnginePacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void decodeMalformed_data();
    void decodeMalformed();
    void encodeRoundTrip();
    void handshake();
    void handshakeMalformed_data();
    void handshakeMalformed();
};

void tst_EnginePacket::decode_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<char>("type");
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("open") << QByteArray(R"(0{"sid":"a"})") << '0' << QByteArray(R"({"sid":"a"})");
    QTest::newRow("close") << QByteArray("1") << '1' << QByteArray();
    QTest::newRow("ping") << QByteArray("2") << '2' << QByteArray();
    QTest::newRow("ping probe") << QByteArray("2probe") << '2' << QByteArray("probe");
    QTest::newRow("pong") << QByteArray("3") << '3' << QByteArray();
    QTest::newRow("message") << QByteArray("42[\"a\"]") << '4' << QByteArray("2[\"a\"]");
    QTest::newRow("message empty") << QByteArray("4") << '4' << QByteArray();
    QTest::newRow("upgrade") << QByteArray("5") << '5' << QByteArray();
    QTest::newRow("noop") << QByteArray("6") << '6' << QByteArray();
    QTest::newRow("utf8 payload") << QByteArray("4\xc3\xa9") << '4' << QByteArray("\xc3\xa9");
}

void tst_EnginePacket::decode()
{
    QFETCH(QByteArray, frame);
    QFETCH(char, type);
    QFETCH(QByteArray, payload);

    EnginePacket packet;
    QString error;
    QVERIFY2(EnginePacket::decode(frame, &packet, &error), qPrintable(error));
    QCOMPARE(static_cast<char>(packet.type), type);
    QCOMPARE(packet.payload, payload);
}

void tst_EnginePacket::decodeMalformed_data()
{
    QTest::addColumn<QByteArray>("frame");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("type 7") << QByteArray("7");
    QTest::newRow("type 9") << QByteArray("9abc");
    QTest::newRow("letter") << QByteArray("x");
    QTest::newRow("json") << QByteArray("{\"a\":1}");
    QTest::newRow("nul") << QByteArray("\0", 1);
    QTest::newRow("space") << QByteArray(" 4");
    QTest::newRow("high byte") << QByteArray("\xff");
}

void tst_EnginePacket::decodeMalformed()
{
    QFETCH(QByteArray, frame);

    EnginePacket packet;
    packet.type = EnginePacket::Type::Pong;
    packet.payload = "untouched";
    QString error;
    QVERIFY(!EnginePacket::decode(frame, &packet, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(packet.payload, QByteArray("untouched"));
}

void tst_EnginePacket::encodeRoundTrip()
{
    const EnginePacket ping{EnginePacket::Type::Ping, "probe"};
    QCOMPARE(ping.encode(), QByteArray("2probe"));
    QCOMPARE(EnginePacket::encodeMessage("2[\"x\"]"), QByteArray("42[\"x\"]"));

    EnginePacket decoded;
    QString error;
    QVERIFY(EnginePacket::decode(ping.encode(), &decoded, &error));
    QCOMPARE(decoded.type, ping.type);
    QCOMPARE(decoded.payload, ping.payload);
}

void tst_EnginePacket::handshake()
{
    EngineHandshake open;
    open.sid = QStringLiteral("abc123");
    open.pingIntervalMs = 1000;
    open.pingTimeoutMs = 500;
    open.maxPayloadBytes = 4096;
    const QByteArray json = open.toJson();
    // sid first, as the reference server writes it; the rest is kept as text per settings.
    QCOMPARE(json, QByteArray(R"({"sid":"abc123","maxPayload":4096,"pingInterval":1000,)"
                              R"("pingTimeout":500,"upgrades":[]})"));
    EngineHandshake other = open;
    other.sid = QStringLiteral("x/y");
    other.pingIntervalMs = 2000;
    QCOMPARE(other.toJson(), QByteArray(R"({"sid":"x/y","maxPayload":4096,"pingInterval":2000,)"
                                        R"("pingTimeout":500,"upgrades":[]})"));
    QCOMPARE(open.toJson(), json);

    EngineHandshake parsed;
    QString error;
    QVERIFY2(EngineHandshake::fromJson(json, &parsed, &error), qPrintable(error));
    QCOMPARE(parsed.sid, open.sid);
    QCOMPARE(parsed.pingIntervalMs, 1000);
    QCOMPARE(parsed.pingTimeoutMs, 500);
    QCOMPARE(parsed.maxPayloadBytes, 4096);
}

void tst_EnginePacket::handshakeMalformed_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("{sid:1}");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no sid") << QByteArray(R"({"pingInterval":1,"pingTimeout":1})");
    QTest::newRow("empty sid") << QByteArray(R"({"sid":"","pingInterval":1,"pingTimeout":1})");
    QTest::newRow("sid number") << QByteArray(R"({"sid":5,"pingInterval":1,"pingTimeout":1})");
    QTest::newRow("no interval") << QByteArray(R"({"sid":"a","pingTimeout":1})");
    QTest::newRow("zero timeout") << QByteArray(R"({"sid":"a","pingInterval":1,"pingTimeout":0})");
    QTest::newRow("string interval")
        << QByteArray(R"({"sid":"a","pingInterval":"1","pingTimeout":1})");
}

void tst_EnginePacket::handshakeMalformed()
{
    QFETCH(QByteArray, json);

    EngineHandshake parsed;
    QString error;
    QVERIFY(!EngineHandshake::fromJson(json, &parsed, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_APPLESS_MAIN(tst_EnginePacket)
#include "tst_enginepacket.moc"
