#include "enginepacket.h"
#include "socketioencoder.h"
#include "socketpacket.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

/// SocketIoEncoder writes events and acks without building the packet's QJsonArray; the bytes
/// must stay those of the SocketPacket codec.
class tst_SocketIoEncoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameBytesAsTheCodec_data()
    {
        QTest::addColumn<QJsonValue>("argument");
        const QJsonObject nested{
            {QStringLiteral("text"), QStringLiteral("quote \" backslash \\ newline \n tab \t")},
            {QStringLiteral("unicode"), QStringLiteral("grüße 🙂 \u2028")},
            {QStringLiteral("seq"), 9007199254740991LL},
            {QStringLiteral("ratio"), 0.5},
            {QStringLiteral("none"), QJsonValue(QJsonValue::Null)},
            {QStringLiteral("list"), QJsonArray{1, QStringLiteral("two"), QJsonObject{}}},
        };
        QTest::newRow("object") << QJsonValue(nested);
        QTest::newRow("empty object") << QJsonValue(QJsonObject());
        QTest::newRow("array") << QJsonValue(QJsonArray{nested, true});
        QTest::newRow("string") << QJsonValue(QStringLiteral("a \"b\""));
        QTest::newRow("number") << QJsonValue(-42);
        QTest::newRow("bool") << QJsonValue(false);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined);
    }

    void sameBytesAsTheCodec()
    {
        QFETCH(QJsonValue, argument);
        for (const QString& name : {QStringLiteral("message"), QStringLiteral("user_joined"),
                                    QStringLiteral("odd \"name\"")}) {
            QCOMPARE(SocketIoEncoder::event(name, argument),
                     EnginePacket::encodeMessage(SocketPacket::event(name, argument).encode()));
        }
        for (const qint64 id : {qint64(0), qint64(17), SocketPacket::MaxAckId}) {
            QCOMPARE(SocketIoEncoder::ack(id, argument),
                     EnginePacket::encodeMessage(SocketPacket::ack(id, argument).encode()));
        }
    }
};

QTEST_APPLESS_MAIN(tst_SocketIoEncoder)
#include "tst_socketioencoder.moc"
