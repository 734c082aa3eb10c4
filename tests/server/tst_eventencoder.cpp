// EventEncoder: a RoomEvent written as one Socket.IO v5 event in an Engine.IO v4 message
// packet, `42["<event>",{...}]`, readable by the common codec a client uses.

#include "enginepacket.h"
#include "eventencoder.h"
#include "protocolevents.h"
#include "socketpacket.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime Ts = QDateTime::fromMSecsSinceEpoch(1'800'000'000'123, Qt::UTC);

ChatMessage chatMessage()
{
    return ChatMessage{u"lobby"_s,
                       12,
                       u"m_1"_s,
                       u"u_a"_s,
                       u"Calm Otter"_s,
                       u"quote \" backslash \\ newline \n gr\u00fc\u00dfe \U0001F642"_s,
                       Ts,
                       u"c_1"_s};
}

PresenceEvent presence(PresenceEvent::Kind kind, const QString& reason)
{
    return PresenceEvent{kind, u"lobby"_s, u"u_a"_s, u"Calm Otter"_s, Ts, reason};
}

} // namespace

class tst_EventEncoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void socketIoEvent_data()
    {
        QTest::addColumn<RoomEvent>("event");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QJsonObject>("argument");
        const ChatMessage message = chatMessage();
        QTest::newRow("message") << RoomEvent(message) << QString(ProtocolEvents::Message)
                                 << message.toJson();
        ChatMessage withoutClientId = message;
        withoutClientId.clientId.clear();
        QTest::newRow("message without client_id")
            << RoomEvent(withoutClientId) << QString(ProtocolEvents::Message)
            << withoutClientId.toJson();
        const PresenceEvent joined = presence(PresenceEvent::Kind::Joined, QString());
        QTest::newRow("user_joined")
            << RoomEvent(joined) << QString(ProtocolEvents::UserJoined) << joined.toJson();
        for (const QString& reason : {u"left"_s, u"disconnected"_s}) {
            const PresenceEvent left = presence(PresenceEvent::Kind::Left, reason);
            QTest::newRow(qPrintable(u"user_left "_s + reason))
                << RoomEvent(left) << QString(ProtocolEvents::UserLeft) << left.toJson();
        }
        for (const bool typing : {true, false}) {
            const TypingEvent event{u"lobby"_s, u"u_a"_s, u"Calm Otter"_s, typing};
            QTest::newRow(typing ? "typing true" : "typing false")
                << RoomEvent(event) << u"typing"_s << event.toJson();
        }
    }

    void socketIoEvent()
    {
        QFETCH(RoomEvent, event);
        QFETCH(QString, name);
        QFETCH(QJsonObject, argument);
        const QByteArray frame = EventEncoder::encode(WireFormat::SocketIo, event);
        QVERIFY(frame.startsWith("42[\""));
        // One complete text message in valid UTF-8.
        QVERIFY(QString::fromUtf8(frame).toUtf8() == frame);

        EnginePacket engine;
        QString error;
        QVERIFY2(EnginePacket::decode(frame, &engine, &error), qPrintable(error));
        QCOMPARE(engine.type, EnginePacket::Type::Message);
        SocketPacket packet;
        QVERIFY2(SocketPacket::decode(engine.payload, &packet, &error), qPrintable(error));
        QCOMPARE(packet.type, SocketPacket::Type::Event);
        QCOMPARE(packet.nsp, u"/"_s);
        QCOMPARE(packet.id, -1); // a broadcast asks for no ack
        QCOMPARE(packet.eventName(), name);
        QCOMPARE(packet.eventArgument().toObject(), argument);
        // Exactly what the codec writes for the same event.
        QCOMPARE(frame, EnginePacket::encodeMessage(SocketPacket::event(name, argument).encode()));
    }

    void eventNamesAreTheContracts()
    {
        // The three broadcast kinds carry different names (shared protocol, "Server -> client").
        const QByteArray message = EventEncoder::encode(WireFormat::SocketIo, chatMessage());
        const QByteArray joined = EventEncoder::encode(
            WireFormat::SocketIo, presence(PresenceEvent::Kind::Joined, QString()));
        const QByteArray left = EventEncoder::encode(
            WireFormat::SocketIo, presence(PresenceEvent::Kind::Left, u"left"_s));
        QVERIFY(message.startsWith("42[\"message\","));
        QVERIFY(joined.startsWith("42[\"user_joined\","));
        QVERIFY(left.startsWith("42[\"user_left\","));
        QVERIFY(!joined.contains("\"reason\""));
        QVERIFY(left.contains("\"reason\":\"left\""));
    }
};

QTEST_APPLESS_MAIN(tst_EventEncoder)
#include "tst_eventencoder.moc"
