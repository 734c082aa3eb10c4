// SocketIoSession: Socket.IO v5 over an Engine.IO session, default namespace only: CONNECT,
// events, acks, `41`, refusals, the CONNECT deadline and the protocol-violation limit.

#include "chaterror.h"
#include "enginepacket.h"
#include "memoryconnection.h"
#include "socketiosession.h"
#include "socketpacket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

/// Records what the session reports.
struct RecordingListener : SocketIoSession::Listener
{
    struct Event
    {
        QString name;
        QJsonValue argument;
        qint64 ackId = -1;
    };
    QList<QJsonObject> connects;
    QList<Event> events;
    int disconnects = 0;
    int closes = 0;
    int invalidPayloads = 0;

    void socketConnected(const QJsonObject& auth) override { connects.append(auth); }
    void socketEvent(const QString& name, const QJsonValue& argument, qint64 ackId) override
    {
        events.append({name, argument, ackId});
    }
    void socketDisconnected() override { ++disconnects; }
    void socketClosed() override { ++closes; }
    void invalidPayloadReplied() override { ++invalidPayloads; }
};

/// The owner's context object: offers its timer events to the session.
class Context : public QObject
{
public:
    SocketIoSession* session = nullptr;

protected:
    void timerEvent(QTimerEvent* event) override
    {
        if (!session || !session->timerEvent(event->timerId()))
            QObject::timerEvent(event);
    }
};

/// One session over a MemoryConnection, started.
struct Harness
{
    explicit Harness(const SocketIoSession::Settings& settings = {},
                     const EngineIoSession::Settings& engine = {})
        : connection(new MemoryConnection)
        , session(
              std::make_unique<SocketIoSession>(connection, engine, settings, &listener, &context))
    {
        context.session = session.get();
        session->start();
    }
    ~Harness() { context.session = nullptr; }

    /// What the client sends, as a Socket.IO packet in an Engine.IO message (`4...`).
    void receive(const QByteArray& socketPacket) { connection->receiveText('4' + socketPacket); }
    /// The last frame sent, decoded as an Engine.IO message holding a Socket.IO packet.
    SocketPacket lastPacket() const
    {
        SocketPacket packet;
        EnginePacket engine;
        QString error;
        if (connection->sent.isEmpty() ||
            !EnginePacket::decode(connection->sent.last(), &engine, &error) ||
            engine.type != EnginePacket::Type::Message ||
            !SocketPacket::decode(engine.payload, &packet, &error))
            qWarning() << "not a Socket.IO packet:" << connection->sent.value(0) << error;
        return packet;
    }
    /// The code of the `error` event or error ack last sent (empty when it is neither).
    QString lastErrorCode(qint64* ackId) const
    {
        const SocketPacket packet = lastPacket();
        *ackId = packet.id;
        if (packet.type == SocketPacket::Type::Ack)
            return packet.data.toArray().at(0)[u"error"_s][u"code"_s].toString();
        if (packet.type == SocketPacket::Type::Event && packet.eventName() == u"error"_s)
            return packet.eventArgument()[u"code"_s].toString();
        return QString();
    }
    void connect()
    {
        receive("0");
        QCOMPARE(listener.connects.size(), 1);
    }

    RecordingListener listener;
    Context context;
    MemoryConnection* connection; // owned by the session
    std::unique_ptr<SocketIoSession> session;
};

} // namespace

class tst_SocketIoSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startSendsTheOpenPacket()
    {
        Harness h;
        QCOMPARE(h.connection->sent.size(), 1);
        QVERIFY(h.connection->sent.first().startsWith('0'));
        QVERIFY(!h.session->isSocketConnected());
        QVERIFY(h.session->socketId().isEmpty());
        QVERIFY(h.session->isOpen());
    }

    void connectIsAnsweredWithASid_data()
    {
        QTest::addColumn<QByteArray>("packet");
        QTest::addColumn<QJsonObject>("auth");
        QTest::newRow("JS, no auth") << QByteArray("0") << QJsonObject();
        QTest::newRow("python, no auth") << QByteArray("0{}") << QJsonObject();
        QTest::newRow("auth") << QByteArray(R"(0{"token":"t.1"})")
                              << QJsonObject{{u"token"_s, u"t.1"_s}};
        QTest::newRow("explicit namespace") << QByteArray("0/,") << QJsonObject();
    }

    void connectIsAnsweredWithASid()
    {
        QFETCH(QByteArray, packet);
        QFETCH(QJsonObject, auth);
        Harness h;
        h.receive(packet);
        const SocketPacket reply = h.lastPacket();
        QCOMPARE(reply.type, SocketPacket::Type::Connect);
        QCOMPARE(reply.nsp, u"/"_s);
        // `sid` only: a `pid` would switch the JS client into its own recovery mode.
        QCOMPARE(reply.data.toObject().keys(), QStringList{u"sid"_s});
        const QString sid = reply.data[u"sid"_s].toString();
        QVERIFY(!sid.isEmpty());
        QCOMPARE(h.session->socketId(), sid);
        QVERIFY(sid != h.session->engine().id());
        QVERIFY(h.session->isSocketConnected());
        QCOMPARE(h.listener.connects, QList<QJsonObject>{auth});
    }

    void otherNamespaceIsRefused()
    {
        Harness h;
        h.receive("0/admin,");
        const QByteArray refusal = h.connection->sent.last();
        QCOMPARE(h.lastPacket().type, SocketPacket::Type::ConnectError);
        QCOMPARE(h.lastPacket().nsp, u"/admin"_s);
        QCOMPARE(h.lastPacket().data.toObject(),
                 (QJsonObject{{u"message"_s, u"Invalid namespace"_s}}));
        QVERIFY(refusal.startsWith("44/admin,"));
        QVERIFY(h.listener.connects.isEmpty());
        QVERIFY(!h.session->isSocketConnected());
        // An event to that namespace is a protocol error; a DISCONNECT from it is ignored.
        h.connect();
        const qsizetype sent = h.connection->sent.size();
        h.receive("1/admin,");
        QCOMPARE(h.connection->sent.size(), sent);
        h.receive(R"(2/admin,4["x",{}])");
        qint64 ackId = -2;
        QCOMPARE(h.lastErrorCode(&ackId), u"invalid_payload"_s);
        QCOMPARE(ackId, 4);
        QVERIFY(h.listener.events.isEmpty());
    }

    void eventsAfterConnectReachTheListener()
    {
        Harness h;
        h.connect();
        h.receive(R"(2["send_message",{"room":"lobby","text":"hi"}])");
        h.receive(R"(217["list_rooms"])");
        QCOMPARE(h.listener.events.size(), 2);
        QCOMPARE(h.listener.events.at(0).name, u"send_message"_s);
        QCOMPARE(h.listener.events.at(0).argument.toObject(),
                 (QJsonObject{{u"room"_s, u"lobby"_s}, {u"text"_s, u"hi"_s}}));
        QCOMPARE(h.listener.events.at(0).ackId, -1);
        QCOMPARE(h.listener.events.at(1).name, u"list_rooms"_s);
        QVERIFY(h.listener.events.at(1).argument.isUndefined());
        QCOMPARE(h.listener.events.at(1).ackId, 17);
        QCOMPARE(h.listener.invalidPayloads, 0);
    }

    void malformedPacketsGetAnError_data()
    {
        QTest::addColumn<bool>("connected");
        QTest::addColumn<QByteArray>("packet");
        QTest::addColumn<qint64>("ackId"); // -1: an `error` event, else an error ack
        QTest::newRow("event before connect") << false << QByteArray(R"(2["x"])") << qint64(-1);
        QTest::newRow("event with ack before connect")
            << false << QByteArray(R"(25["x",{}])") << qint64(5);
        QTest::newRow("bad JSON") << true << QByteArray(R"(2["x",)") << qint64(-1);
        QTest::newRow("bad JSON with ack id") << true << QByteArray(R"(27["x",)") << qint64(7);
        QTest::newRow("no event name") << true << QByteArray("2[1]") << qint64(-1);
        QTest::newRow("binary event")
            << true << QByteArray(R"(51-["x",{"_placeholder":true,"num":0}])") << qint64(-1);
        QTest::newRow("client ack") << true << QByteArray("33[]") << qint64(-1);
        QTest::newRow("connect error") << true << QByteArray(R"(4{"message":"x"})") << qint64(-1);
        QTest::newRow("unknown type") << true << QByteArray("9") << qint64(-1);
        QTest::newRow("second connect") << true << QByteArray("0") << qint64(-1);
    }

    void malformedPacketsGetAnError()
    {
        QFETCH(bool, connected);
        QFETCH(QByteArray, packet);
        QFETCH(qint64, ackId);
        Harness h;
        if (connected)
            h.connect();
        const QString sid = h.session->socketId();
        h.receive(packet);
        qint64 repliedAckId = -2;
        QCOMPARE(h.lastErrorCode(&repliedAckId), u"invalid_payload"_s);
        QCOMPARE(repliedAckId, ackId);
        QCOMPARE(h.listener.invalidPayloads, 1);
        QVERIFY(h.listener.events.isEmpty());
        // Nothing else changes: the connection and the Socket.IO session stay.
        QVERIFY(h.session->isOpen());
        QCOMPARE(h.session->isSocketConnected(), connected);
        QCOMPARE(h.session->socketId(), sid);
        QCOMPARE(h.listener.connects.size(), connected ? 1 : 0);
    }

    void engineProtocolErrorIsAnError()
    {
        Harness h;
        h.connect();
        h.connection->receiveBinary("\x01\x02");
        qint64 ackId = -2;
        QCOMPARE(h.lastErrorCode(&ackId), u"invalid_payload"_s);
        QCOMPARE(ackId, -1);
        QCOMPARE(h.listener.invalidPayloads, 1);
    }

    void clientDisconnectKeepsTheConnection()
    {
        Harness h;
        h.connect();
        const QString firstSid = h.session->socketId();
        const qsizetype sent = h.connection->sent.size();
        h.receive("1");
        QCOMPARE(h.listener.disconnects, 1);
        QVERIFY(!h.session->isSocketConnected());
        QVERIFY(h.session->socketId().isEmpty());
        QVERIFY(h.session->isOpen());
        QCOMPARE(h.connection->sent.size(), sent); // the session never answers `41`
        // Events now are before CONNECT; a new CONNECT gets a new socket id.
        h.receive(R"(2["x"])");
        QVERIFY(h.listener.events.isEmpty());
        h.receive("0");
        QVERIFY(h.session->isSocketConnected());
        QVERIFY(h.session->socketId() != firstSid);
        // A `41` when not connected is ignored.
        h.receive("1");
        h.receive("1");
        QCOMPARE(h.listener.disconnects, 2);
    }

    void serverDisconnectSendsDisconnectOnce()
    {
        Harness h;
        qsizetype sent = h.connection->sent.size();
        h.session->disconnectSocket(); // not connected: nothing to end
        QCOMPARE(h.connection->sent.size(), sent);
        h.connect();
        sent = h.connection->sent.size();
        h.session->disconnectSocket();
        QCOMPARE(h.connection->sent.size(), sent + 1);
        QCOMPARE(h.connection->sent.last(), QByteArray("41"));
        QVERIFY(!h.session->isSocketConnected());
        QVERIFY(h.session->socketId().isEmpty());
        h.session->disconnectSocket();
        QCOMPARE(h.connection->sent.size(), sent + 1);
        QVERIFY(h.session->isOpen());
        QCOMPARE(h.listener.disconnects, 0); // the listener hears only the client's `41`
    }

    void emitsAndAcks()
    {
        Harness h;
        h.connect();
        const QJsonObject argument{{u"room"_s, u"lobby"_s}};
        h.session->emitEvent(u"notice"_s, argument);
        QCOMPARE(h.lastPacket().type, SocketPacket::Type::Event);
        QCOMPARE(h.lastPacket().eventName(), u"notice"_s);
        QCOMPARE(h.lastPacket().eventArgument().toObject(), argument);
        h.session->sendAck(0, argument);
        QCOMPARE(h.lastPacket().type, SocketPacket::Type::Ack);
        QCOMPARE(h.lastPacket().id, 0);
        QCOMPARE(h.lastPacket().data.toArray(), QJsonArray{argument});
        h.session->sendAckJson(SocketPacket::MaxAckId, R"({"ok":true})");
        QCOMPARE(h.lastPacket().id, SocketPacket::MaxAckId);
        QCOMPARE(h.lastPacket().data.toArray(), (QJsonArray{QJsonObject{{u"ok"_s, true}}}));
        // No ack id, no ack.
        const qsizetype sent = h.connection->sent.size();
        h.session->sendAck(-1, argument);
        h.session->sendAckJson(-1, "{}");
        QCOMPARE(h.connection->sent.size(), sent);
    }

    void replyErrorAsAckOrEvent()
    {
        Harness h;
        h.connect();
        const ChatError limited{ChatError::Code::RateLimited, u"slow down"_s, 1500};
        h.session->replyError(limited, 3);
        SocketPacket packet = h.lastPacket();
        QCOMPARE(packet.type, SocketPacket::Type::Ack);
        QCOMPARE(packet.id, 3);
        QCOMPARE(packet.data.toArray().at(0).toObject(), limited.toAck());
        h.session->replyError(limited, -1);
        packet = h.lastPacket();
        QCOMPARE(packet.eventName(), u"error"_s);
        QCOMPARE(packet.eventArgument().toObject(), limited.toJson());
        // Only invalid_payload counts as a protocol violation.
        QCOMPARE(h.listener.invalidPayloads, 0);
    }

    void tooManyViolationsClose()
    {
        SocketIoSession::Settings settings;
        settings.violationLimit = 3;
        Harness h(settings);
        h.connect();
        const ChatError busy{ChatError::Code::ServerBusy, u"busy"_s, -1};
        for (int i = 0; i < 10; ++i)
            h.session->replyError(busy, -1); // not violations
        for (int i = 0; i < settings.violationLimit; ++i)
            h.receive("2[");
        QVERIFY(h.session->isOpen());
        QCOMPARE(h.listener.invalidPayloads, settings.violationLimit);
        // One more than the limit within the window closes with 1008 (RFC 6455 §7.4.1).
        h.session->replyError(ChatError{ChatError::Code::InvalidPayload, u"bad"_s, -1}, -1);
        QVERIFY(!h.session->isOpen());
        QCOMPARE(h.connection->closeCode(), quint16(1008));
        QCOMPARE(h.session->engine().closeReason(), u"too many protocol errors"_s);
        QTRY_COMPARE(h.listener.closes, 1);
        // Nothing more is sent or reported once closed.
        const qsizetype sent = h.connection->sent.size();
        h.session->emitEvent(u"notice"_s, QJsonObject());
        QCOMPARE(h.connection->sent.size(), sent);
    }

    void noConnectWithinTheDeadlineCloses()
    {
        SocketIoSession::Settings settings;
        settings.connectTimeoutMs = 20;
        Harness h(settings);
        QTRY_VERIFY(!h.session->isOpen());
        QCOMPARE(h.connection->closeCode(), quint16(1008));
        QCOMPARE(h.session->engine().closeReason(), u"connect timeout"_s);
        QTRY_COMPARE(h.listener.closes, 1);
        QVERIFY(h.listener.connects.isEmpty());
    }

    void connectStopsTheDeadline()
    {
        SocketIoSession::Settings settings;
        settings.connectTimeoutMs = 20;
        EngineIoSession::Settings engine;
        engine.pingIntervalMs = 60; // the first ping is sent after the deadline has passed
        Harness h(settings, engine);
        h.connect();
        QTRY_COMPARE(h.connection->sent.last(), QByteArray("2"));
        QVERIFY(h.session->isOpen());
        QCOMPARE(h.connection->closeCode(), quint16(0));
    }

    void closeReportsOnce()
    {
        Harness h;
        h.connect();
        h.session->close(4000, u"kicked"_s);
        QVERIFY(!h.session->isOpen());
        QCOMPARE(h.connection->closeCode(), quint16(4000));
        // Never a `41` on close.
        QVERIFY(h.connection->sent.last() != QByteArray("41"));
        h.session->close(4001, u"again"_s);
        QTRY_COMPARE(h.listener.closes, 1);
        QCoreApplication::processEvents();
        QCOMPARE(h.listener.closes, 1);
    }
};

QTEST_GUILESS_MAIN(tst_SocketIoSession)
#include "tst_socketiosession.moc"
