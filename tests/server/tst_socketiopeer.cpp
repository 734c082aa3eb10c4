// SocketIoPeer over a MemoryConnection and the in-process chat core: CONNECT (session and
// the seed app's connected), each contract event answered by its ack or an error event,
// the seed app's aliases and their wire format, and kick and shutdown.

#include "enginepacket.h"
#include "inprocesschat.h"
#include "memoryconnection.h"
#include "memorymessagestore.h"
#include "socketiopeer.h"
#include "socketpacket.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

/// The Socket.IO packets among @p connection's frames (the open packet and pings skipped).
QList<SocketPacket> packetsOf(const MemoryConnection* connection)
{
    QList<SocketPacket> packets;
    for (const QByteArray& frame : connection->sent) {
        EnginePacket engine;
        SocketPacket packet;
        QString error;
        if (EnginePacket::decode(frame, &engine, &error) &&
            engine.type == EnginePacket::Type::Message &&
            SocketPacket::decode(engine.payload, &packet, &error))
            packets.append(packet);
    }
    return packets;
}

/// The arguments of the events named @p name that @p connection received.
QList<QJsonObject> eventsOf(const MemoryConnection* connection, const QString& name)
{
    QList<QJsonObject> events;
    for (const SocketPacket& packet : packetsOf(connection)) {
        if (packet.type == SocketPacket::Type::Event && packet.eventName() == name)
            events.append(packet.eventArgument().toObject());
    }
    return events;
}

/// The ack with id @p id, as its first argument (empty when there is none).
QJsonObject ackOf(const MemoryConnection* connection, qint64 id)
{
    for (const SocketPacket& packet : packetsOf(connection)) {
        if (packet.type == SocketPacket::Type::Ack && packet.id == id)
            return packet.data.toArray().at(0).toObject();
    }
    return {};
}

/// The chat core, and SocketIoPeers made by hand over MemoryConnections.
struct Fixture
{
    Fixture()
    {
        ChatSettings settings;
        settings.presenceIntervalMs = 0;
        settings.messageRate = 0;
        chat = std::make_unique<InProcessChat>(&store, settings);
    }

    /// A started and connected (`40`) peer; its transport is returned (owned by the peer).
    MemoryConnection* open(QPointer<SocketIoPeer>* peerOut = nullptr)
    {
        auto* transport = new MemoryConnection;
        auto* peer =
            new SocketIoPeer(chat->service.get(), transport, {}, {}, nullptr, &chat->metrics);
        if (peerOut)
            *peerOut = peer;
        peer->start(chat->service->attach(peer));
        transport->receiveText("40");
        return transport;
    }

    MemoryMessageStore store{100};
    std::unique_ptr<InProcessChat> chat;
};

void emitEvent(MemoryConnection* connection, qint64 ackId, const QByteArray& json)
{
    connection->receiveText("42" + (ackId >= 0 ? QByteArray::number(ackId) : QByteArray()) + json);
}

} // namespace

class tst_SocketIoPeer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectGivesSessionThenConnected()
    {
        Fixture f;
        QPointer<SocketIoPeer> peer;
        MemoryConnection* transport = f.open(&peer);
        QVERIFY(transport->sent.first().startsWith('0')); // the open packet
        const QList<SocketPacket> packets = packetsOf(transport);
        QCOMPARE(packets.size(), 3);
        QCOMPARE(packets.at(0).type, SocketPacket::Type::Connect);
        QCOMPARE(packets.at(1).eventName(), u"session"_s);
        QVERIFY(packets.at(1).eventArgument()[u"user_id"_s].toString().startsWith(u"u_"_s));
        QVERIFY(!packets.at(1).eventArgument()[u"token"_s].toString().isEmpty());
        QCOMPARE(packets.at(2).eventName(), u"connected"_s);
        QCOMPARE(packets.at(2).eventArgument()[u"sid"_s].toString(),
                 packets.at(0).data[u"sid"_s].toString());
        QCOMPARE(peer->peerAddress(), QHostAddress(QHostAddress::LocalHost));
    }

    void eventsAreAcked()
    {
        Fixture f;
        MemoryConnection* transport = f.open();
        emitEvent(transport, 1, R"(["join_room",{"room":"Lobby"}])");
        QCOMPARE(ackOf(transport, 1).value(u"ok"_s).toBool(), true);
        QCOMPARE(ackOf(transport, 1).value(u"room"_s).toString(), u"lobby"_s);
        emitEvent(transport, 2, R"(["send_message",{"room":"lobby","text":"hi","client_id":"c"}])");
        QCOMPARE(ackOf(transport, 2).value(u"ok"_s).toBool(), true);
        QCOMPARE(eventsOf(transport, u"message"_s).size(), 1); // the broadcast, to the sender too
        QCOMPARE(eventsOf(transport, u"message"_s).first().value(u"text"_s).toString(), u"hi"_s);
        emitEvent(transport, 3, R"(["list_rooms",{}])");
        QCOMPARE(ackOf(transport, 3).value(u"rooms"_s).toArray().size(), 1);
        emitEvent(transport, 4, R"(["history",{"room":"lobby"}])");
        QCOMPARE(ackOf(transport, 4).value(u"history"_s).toArray().size(), 1);
        emitEvent(transport, 5, R"(["typing",{"room":"lobby","typing":true}])");
        QCOMPARE(ackOf(transport, 5).value(u"ok"_s).toBool(), true);
        emitEvent(transport, 6, R"(["leave_room",{"room":"lobby"}])");
        QCOMPARE(ackOf(transport, 6).value(u"room"_s).toString(), u"lobby"_s);
        emitEvent(transport, 7, R"(["leave_room",{"room":"lobby"}])");
        QCOMPARE(ackOf(transport, 7).value(u"error"_s)[u"code"_s].toString(), u"not_in_room"_s);
    }

    void refusalWithoutAckIsAnErrorEvent()
    {
        Fixture f;
        MemoryConnection* transport = f.open();
        const quint64 before = f.chat->metrics.protocolErrorsTotal;
        emitEvent(transport, 9, R"(["dance",{}])");
        QCOMPARE(ackOf(transport, 9).value(u"error"_s)[u"code"_s].toString(), u"invalid_payload"_s);
        emitEvent(transport, -1, R"(["join_room",{"room":""}])");
        const QList<QJsonObject> errors = eventsOf(transport, u"error"_s);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().value(u"code"_s).toString(), u"invalid_room"_s);
        QVERIFY(f.chat->metrics.protocolErrorsTotal > before); // the invalid payload counted
        QVERIFY(!transport->isClosed());
    }

    void seedAliases()
    {
        Fixture f;
        MemoryConnection* seed = f.open();
        MemoryConnection* standard = f.open();
        emitEvent(standard, 1, R"(["join_room",{"room":"lobby"}])");
        emitEvent(seed, 1, R"(["join",{"room":"lobby"}])");
        QCOMPARE(eventsOf(seed, u"joined"_s).size(), 1);
        QCOMPARE(ackOf(seed, 1).value(u"ok"_s).toBool(), true);
        emitEvent(seed, 2, R"(["message",{"room":"lobby","message":"hey","username":"Mallory"}])");
        QCOMPARE(ackOf(seed, 2).value(u"ok"_s).toBool(), true);
        // The seed member gets it in the seed format, the standard one in the contract's.
        const QJsonObject seedCopy = eventsOf(seed, u"message"_s).first();
        QCOMPARE(seedCopy.value(u"message"_s).toString(), u"hey"_s);
        QVERIFY(seedCopy.value(u"username"_s).toString() != u"Mallory"_s); // the server's name
        const QJsonObject standardCopy = eventsOf(standard, u"message"_s).first();
        QCOMPARE(standardCopy.value(u"text"_s).toString(), u"hey"_s);
        QCOMPARE(standardCopy.value(u"handle"_s).toString(),
                 seedCopy.value(u"username"_s).toString());
        emitEvent(seed, 3, R"(["message",{"room":"lobby","text":"wrong field"}])");
        QCOMPARE(ackOf(seed, 3).value(u"error"_s)[u"code"_s].toString(), u"invalid_payload"_s);
        emitEvent(seed, 4, R"(["test_message",{"x":1}])");
        QCOMPARE(eventsOf(seed, u"test_response"_s).size(), 1);
        QCOMPARE(ackOf(seed, 4).value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(ackOf(seed, 4).value(u"data"_s)[u"x"_s].toInt(), 1);
        emitEvent(seed, 5, R"(["leave",{"room":"lobby"}])");
        QCOMPARE(eventsOf(seed, u"left"_s).size(), 1);
        QCOMPARE(eventsOf(seed, u"left"_s).first().value(u"room"_s).toString(), u"lobby"_s);
    }

    void kick()
    {
        Fixture f;
        QPointer<SocketIoPeer> peer;
        MemoryConnection* transport = f.open(&peer);
        QVERIFY(peer->kick(u"banned"_s));
        QCOMPARE(packetsOf(transport).last().type, SocketPacket::Type::Disconnect);
        QCOMPARE(transport->closeCode(), quint16(1008));
        QCOMPARE(peer->closeReason(), u"banned"_s);
        QVERIFY(!peer->kick(u"again"_s));
    }

    void shutDown()
    {
        Fixture f;
        QPointer<SocketIoPeer> peer;
        MemoryConnection* transport = f.open(&peer);
        peer->shutDown(2500);
        const QList<QJsonObject> notices = eventsOf(transport, u"notice"_s);
        QCOMPARE(notices.size(), 1);
        QCOMPARE(notices.first().value(u"code"_s).toString(), u"shutting_down"_s);
        QCOMPARE(notices.first().value(u"retry_after_ms"_s).toInteger(), 2500);
        QCOMPARE(transport->closeCode(), quint16(1001));
    }

    void closedPeerLeavesTheCore()
    {
        Fixture f;
        QPointer<SocketIoPeer> peer;
        MemoryConnection* transport = f.open(&peer);
        transport->abort();
        QTRY_VERIFY(peer.isNull()); // deleted by the chat core
    }
};

QTEST_GUILESS_MAIN(tst_SocketIoPeer)
#include "tst_socketiopeer.moc"
