#include "socketpacket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Type = SocketPacket::Type;

Q_DECLARE_METATYPE(SocketPacket)
Q_DECLARE_METATYPE(SocketPacket::Type)

class tst_SocketPacket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void decodeMalformed_data();
    void decodeMalformed();
    void encode_data();
    void encode();
    void roundTrip_data();
    void roundTrip();
    void eventAccessors();
};

static QJsonValue json(const char* text)
{
    if (!*text)
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

void tst_SocketPacket::decode_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<Type>("type");
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QJsonValue>("data");

    const QString root = QStringLiteral("/");
    QTest::newRow("connect bare") << QByteArray("0") << Type::Connect << root << -1LL << json("");
    QTest::newRow("connect empty auth")
        << QByteArray("0{}") << Type::Connect << root << -1LL << json("{}");
    QTest::newRow("connect token") << QByteArray(R"(0{"token":"t"})") << Type::Connect << root
                                   << -1LL << json(R"({"token":"t"})");
    QTest::newRow("connect namespace")
        << QByteArray("0/admin,") << Type::Connect << QStringLiteral("/admin") << -1LL << json("");
    QTest::newRow("connect namespace no comma")
        << QByteArray("0/admin") << Type::Connect << QStringLiteral("/admin") << -1LL << json("");
    QTest::newRow("connect namespace auth")
        << QByteArray(R"(0/admin,{"a":1})") << Type::Connect << QStringLiteral("/admin") << -1LL
        << json(R"({"a":1})");
    QTest::newRow("disconnect") << QByteArray("1") << Type::Disconnect << root << -1LL << json("");
    QTest::newRow("event") << QByteArray(R"(2["list_rooms",{}])") << Type::Event << root << -1LL
                           << json(R"(["list_rooms",{}])");
    QTest::newRow("json whitespace between tokens")
        << QByteArray("2[ \"x\",\n\t{\"a\" : \"b\\\"\\t\"} ]") << Type::Event << root << -1LL
        << json("[\"x\",{\"a\":\"b\\\"\\t\"}]");
    QTest::newRow("event name only")
        << QByteArray(R"(2["x"])") << Type::Event << root << -1LL << json(R"(["x"])");
    QTest::newRow("event ack 0") << QByteArray(R"(20["join_room",{"room":"a"}])") << Type::Event
                                 << root << 0LL << json(R"(["join_room",{"room":"a"}])");
    QTest::newRow("event ack 12345") << QByteArray(R"(212345["x",1,2])") << Type::Event << root
                                     << 12345LL << json(R"(["x",1,2])");
    QTest::newRow("event namespace ack") << QByteArray(R"(2/chat,7["x"])") << Type::Event
                                         << QStringLiteral("/chat") << 7LL << json(R"(["x"])");
    QTest::newRow("event max ack id") << QByteArray(R"(29007199254740991["x"])") << Type::Event
                                      << root << SocketPacket::MaxAckId << json(R"(["x"])");
    QTest::newRow("ack") << QByteArray(R"(31[{"ok":true}])") << Type::Ack << root << 1LL
                         << json(R"([{"ok":true}])");
    QTest::newRow("connect error") << QByteArray(R"(4{"message":"no"})") << Type::ConnectError
                                   << root << -1LL << json(R"({"message":"no"})");
    // Exactly SocketPacket::MaxJsonDepth levels; brackets inside strings do not count.
    QTest::newRow("depth 32")
        << QByteArray("2[\"x\"," + QByteArray(31, '[') + QByteArray(32, ']')) << Type::Event << root
        << -1LL
        << json(QByteArray("[\"x\"," + QByteArray(31, '[') + QByteArray(32, ']')).constData());
    QTest::newRow("brackets in strings")
        << QByteArray("2[\"x\",\"" + QByteArray(100, '[') + "\\\"{{\"]") << Type::Event << root
        << -1LL << json(QByteArray("[\"x\",\"" + QByteArray(100, '[') + "\\\"{{\"]").constData());
    QTest::newRow("unicode event")
        << QByteArray("2[\"x\",\"\xc3\xa9\xf0\x9f\x98\x80\"]") << Type::Event << root << -1LL
        << QJsonValue(
               QJsonArray{QStringLiteral("x"), QString::fromUtf8("\xc3\xa9\xf0\x9f\x98\x80")});
}

void tst_SocketPacket::decode()
{
    QFETCH(QByteArray, payload);
    QFETCH(Type, type);
    QFETCH(QString, nsp);
    QFETCH(qint64, id);
    QFETCH(QJsonValue, data);

    SocketPacket packet;
    QString error;
    QVERIFY2(SocketPacket::decode(payload, &packet, &error), qPrintable(error));
    QCOMPARE(packet.type, type);
    QCOMPARE(packet.nsp, nsp);
    QCOMPARE(packet.id, id);
    QCOMPARE(packet.data, data);
}

void tst_SocketPacket::decodeMalformed_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<qint64>("idAfterFailure");

    QTest::newRow("empty") << QByteArray() << -1LL;
    QTest::newRow("type 7") << QByteArray("7") << -1LL;
    QTest::newRow("type letter") << QByteArray("a[\"x\"]") << -1LL;
    QTest::newRow("binary event") << QByteArray(R"(51-["x",{"_placeholder":true,"num":0}])")
                                  << -1LL;
    QTest::newRow("binary ack") << QByteArray(R"(61-1[{"_placeholder":true,"num":0}])") << -1LL;
    QTest::newRow("event without data") << QByteArray("2") << -1LL;
    QTest::newRow("event object") << QByteArray(R"(2{"a":1})") << -1LL;
    QTest::newRow("event empty array") << QByteArray("2[]") << -1LL;
    QTest::newRow("event name number") << QByteArray("2[1,2]") << -1LL;
    QTest::newRow("event name null") << QByteArray("2[null]") << -1LL;
    QTest::newRow("event bad json keeps id") << QByteArray(R"(25["x",)") << 5LL;
    QTest::newRow("event trailing garbage") << QByteArray(R"(2["x"]]])") << -1LL;
    QTest::newRow("event scalar") << QByteArray(R"(2"x")") << -1LL;
    QTest::newRow("event number") << QByteArray("2 1") << -1LL;
    QTest::newRow("event object with id") << QByteArray(R"(23{"a":1})") << 3LL;
    QTest::newRow("ack without id") << QByteArray("3[]") << -1LL;
    QTest::newRow("ack object") << QByteArray(R"(31{"ok":true})") << 1LL;
    QTest::newRow("ack without data") << QByteArray("31") << 1LL;
    QTest::newRow("connect array") << QByteArray("0[]") << -1LL;
    QTest::newRow("connect bad json") << QByteArray("0{") << -1LL;
    QTest::newRow("disconnect with data") << QByteArray("1{}") << -1LL;
    QTest::newRow("ack id too large") << QByteArray(R"(29007199254740992["x"])") << -1LL;
    QTest::newRow("ack id too long") << QByteArray(R"(212345678901234567["x"])") << -1LL;
    QTest::newRow("deep nesting") << QByteArray("2[\"x\"," + QByteArray(5000, '[') +
                                                QByteArray(5001, ']'))
                                  << -1LL;
    // One level over SocketPacket::MaxJsonDepth (the outer array is level 1).
    QTest::newRow("depth 33") << QByteArray("27[\"x\"," + QByteArray(32, '[') + QByteArray(33, ']'))
                              << 7LL;
    QTest::newRow("deep objects") << QByteArray("2[\"x\"," + QByteArray("{\"a\":").repeated(40) +
                                                "1" + QByteArray(40, '}') + "]")
                                  << -1LL;
    QTest::newRow("unterminated string") << QByteArray("2[\"abc") << -1LL;
    QTest::newRow("nul inside") << QByteArray("2[\"a\0b\"]", 8) << -1LL;
    QTest::newRow("raw tab inside string") << QByteArray("2[\"a\tb\"]") << -1LL;
    QTest::newRow("raw newline inside string") << QByteArray("2[\"a\nb\"]") << -1LL;
    QTest::newRow("control outside string") << QByteArray("2[\x01\"a\"]") << -1LL;
}

void tst_SocketPacket::decodeMalformed()
{
    QFETCH(QByteArray, payload);
    QFETCH(qint64, idAfterFailure);

    SocketPacket packet;
    QString error;
    QVERIFY(!SocketPacket::decode(payload, &packet, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(packet.id, idAfterFailure);
}

void tst_SocketPacket::encode_data()
{
    QTest::addColumn<SocketPacket>("packet");
    QTest::addColumn<QByteArray>("wire");

    SocketPacket connect;
    connect.type = Type::Connect;
    connect.data = QJsonObject{{QStringLiteral("sid"), QStringLiteral("s1")}};
    QTest::newRow("connect") << connect << QByteArray(R"(0{"sid":"s1"})");

    SocketPacket connectError;
    connectError.type = Type::ConnectError;
    connectError.nsp = QStringLiteral("/nope");
    connectError.data =
        QJsonObject{{QStringLiteral("message"), QStringLiteral("Invalid namespace")}};
    QTest::newRow("connect error namespace")
        << connectError << QByteArray(R"(4/nope,{"message":"Invalid namespace"})");

    QTest::newRow("event") << SocketPacket::event(QStringLiteral("message"),
                                                  QJsonObject{{QStringLiteral("seq"), 3}})
                           << QByteArray(R"(2["message",{"seq":3}])");
    QTest::newRow("ack 0") << SocketPacket::ack(0, QJsonObject{{QStringLiteral("ok"), true}})
                           << QByteArray(R"(30[{"ok":true}])");
    QTest::newRow("ack 42") << SocketPacket::ack(42, QJsonObject{{QStringLiteral("ok"), false}})
                            << QByteArray(R"(342[{"ok":false}])");
}

void tst_SocketPacket::encode()
{
    QFETCH(SocketPacket, packet);
    QFETCH(QByteArray, wire);

    QCOMPARE(packet.encode(), wire);
}

void tst_SocketPacket::roundTrip_data()
{
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("connect") << QByteArray("0");
    QTest::newRow("connect auth") << QByteArray(R"(0{"token":"abc"})");
    QTest::newRow("event ack") << QByteArray(R"(27["send_message",{"room":"a","text":"hi"}])");
    QTest::newRow("namespace") << QByteArray(R"(2/x,3["a"])");
    QTest::newRow("ack") << QByteArray(R"(399[{"ok":true,"rooms":[]}])");
}

void tst_SocketPacket::roundTrip()
{
    QFETCH(QByteArray, wire);

    SocketPacket packet;
    QString error;
    QVERIFY2(SocketPacket::decode(wire, &packet, &error), qPrintable(error));
    QCOMPARE(packet.encode(), wire);
}

void tst_SocketPacket::eventAccessors()
{
    SocketPacket packet;
    QString error;
    QVERIFY(SocketPacket::decode(R"(2["join_room",{"room":"lobby"}])", &packet, &error));
    QCOMPARE(packet.eventName(), QStringLiteral("join_room"));
    QCOMPARE(packet.eventArgument().toObject().value(QStringLiteral("room")).toString(),
             QStringLiteral("lobby"));

    QVERIFY(SocketPacket::decode(R"(2["list_rooms"])", &packet, &error));
    QVERIFY(packet.eventArgument().isUndefined());

    QVERIFY(SocketPacket::decode(R"(31[{}])", &packet, &error));
    QVERIFY(packet.eventName().isEmpty());
}

QTEST_APPLESS_MAIN(tst_SocketPacket)
#include "tst_socketpacket.moc"
