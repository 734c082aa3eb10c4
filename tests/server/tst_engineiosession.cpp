// EngineIoSession alone, over a MemoryConnection: the open packet, the heartbeat and its
// timeout, client pings, message and close packets, protocol errors and the end of the
// transport. (tst_engineioprotocol runs the same over a real server and WebSocket.)

#include "engineiosession.h"
#include "memoryconnection.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QTest>
#include <QTimerEvent>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

/// Records what the session reports.
struct RecordingListener : EngineIoSession::Listener
{
    QByteArrayList messages;
    QStringList errors;
    int closes = 0;

    void engineMessage(const QByteArray& data) override { messages.append(data); }
    void engineProtocolError(const QString& reason) override { errors.append(reason); }
    void engineClosed() override { ++closes; }
};

/// The owner's context object: offers its timer events to the session.
class Context : public QObject
{
public:
    EngineIoSession* session = nullptr;

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
    explicit Harness(const EngineIoSession::Settings& settings = {})
        : connection(new MemoryConnection)
        , session(std::make_unique<EngineIoSession>(connection, settings, &listener, &context))
    {
        context.session = session.get();
        session->start();
    }
    ~Harness() { context.session = nullptr; }

    int countSent(const QByteArray& frame) const { return int(connection->sent.count(frame)); }

    RecordingListener listener;
    Context context;
    MemoryConnection* connection; // owned by the session
    std::unique_ptr<EngineIoSession> session;
};

EngineIoSession::Settings fastHeartbeat(int intervalMs, int timeoutMs)
{
    EngineIoSession::Settings settings;
    settings.pingIntervalMs = intervalMs;
    settings.pingTimeoutMs = timeoutMs;
    return settings;
}

} // namespace

class tst_EngineIoSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openPacketFirst()
    {
        EngineIoSession::Settings settings;
        settings.pingIntervalMs = 1234;
        settings.pingTimeoutMs = 4321;
        settings.maxPayloadBytes = 5000;
        Harness h(settings);
        QCOMPARE(h.connection->sent.size(), 1);
        const QByteArray open = h.connection->sent.first();
        QVERIFY(open.startsWith('0'));
        const QJsonObject json = QJsonDocument::fromJson(open.mid(1)).object();
        QCOMPARE(json.value(u"sid"_s).toString(), h.session->id());
        QCOMPARE(json.value(u"upgrades"_s).toArray(), QJsonArray()); // not over polling
        QCOMPARE(json.value(u"pingInterval"_s).toInt(), 1234);
        QCOMPARE(json.value(u"pingTimeout"_s).toInt(), 4321);
        QCOMPARE(json.value(u"maxPayload"_s).toInt(), 5000);
        QVERIFY(h.session->isOpen());
    }

    void idsAreRandomAndWellFormed()
    {
        Harness a;
        Harness b;
        static const QRegularExpression form(u"^[0-9A-Za-z]{20}$"_s);
        QVERIFY2(form.match(a.session->id()).hasMatch(), qPrintable(a.session->id()));
        QVERIFY(a.session->id() != b.session->id());
        QCOMPARE(a.session->transport(), static_cast<ClientConnection*>(a.connection));
    }

    void answeredPingsKeepTheSessionOpen()
    {
        Harness h(fastHeartbeat(20, 300));
        // Answer every ping for well over the ping timeout.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 700) {
            const int pings = h.countSent("2");
            QTRY_VERIFY(h.countSent("2") > pings);
            h.connection->receiveText("3");
        }
        QVERIFY(h.session->isOpen());
        QVERIFY(!h.connection->isClosed());
        QCOMPARE(h.listener.closes, 0);
    }

    void missedPongCloses()
    {
        Harness h(fastHeartbeat(10, 30));
        QTRY_VERIFY(h.connection->isClosed());
        QVERIFY(h.countSent("2") >= 1);
        QCOMPARE(h.connection->closeCode(), quint16(1000));
        QVERIFY(!h.session->isOpen());
        QCOMPARE(h.session->closeReason(), u"ping timeout"_s);
        QTRY_COMPARE(h.listener.closes, 1);
        // Nothing more goes out once closed: no further pings.
        const qsizetype sent = h.connection->sentCount;
        h.session->send("4late");
        QCOMPARE(h.connection->sentCount, sent);
    }

    void clientPingIsAnsweredWithItsPayload()
    {
        Harness h;
        h.connection->receiveText("2probe");
        QCOMPARE(h.connection->sent.last(), "3probe");
        h.connection->receiveText("2");
        QCOMPARE(h.connection->sent.last(), "3");
        QVERIFY(h.listener.errors.isEmpty());
    }

    void messagesGoToTheListener()
    {
        Harness h;
        h.connection->receiveText("42[\"x\"]");
        h.connection->receiveText("4");
        QCOMPARE(h.listener.messages, (QByteArrayList{"2[\"x\"]", ""}));
        h.session->send("42[\"y\"]", ClientConnection::Urgency::Reply);
        QCOMPARE(h.connection->sent.last(), "42[\"y\"]");
    }

    void closePacketCloses()
    {
        Harness h;
        h.connection->receiveText("1");
        QVERIFY(h.connection->isClosed());
        QCOMPARE(h.connection->closeCode(), quint16(1000));
        QCOMPARE(h.session->closeReason(), u"client closed"_s);
        QTRY_COMPARE(h.listener.closes, 1);
        QVERIFY(h.listener.messages.isEmpty());
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QByteArray>("packet");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("unknown type") << QByteArray("9");
        QTest::newRow("open from the client") << QByteArray("0");
        QTest::newRow("upgrade outside an upgrade") << QByteArray("5");
        QTest::newRow("noop") << QByteArray("6");
    }

    void protocolErrors()
    {
        QFETCH(QByteArray, packet);
        Harness h;
        h.connection->receiveText(packet);
        QCOMPARE(h.listener.errors.size(), 1);
        QVERIFY(!h.listener.errors.first().isEmpty());
        QVERIFY(h.listener.messages.isEmpty());
        QVERIFY(h.session->isOpen()); // the connection stays; the layer above decides
        QVERIFY(!h.connection->isClosed());
    }

    void binaryIsAProtocolError()
    {
        Harness h;
        h.connection->receiveBinary("\x01\x02");
        QCOMPARE(h.listener.errors.size(), 1);
        QVERIFY(h.session->isOpen());
    }

    void transportGoneIsReportedOnce()
    {
        Harness h(fastHeartbeat(10, 1000));
        h.connection->abort();
        QTRY_COMPARE(h.listener.closes, 1);
        QVERIFY(!h.session->isOpen());
        QVERIFY(h.session->closeReason().isEmpty()); // the peer went away
        const qsizetype sent = h.connection->sentCount;
        h.session->send("42[]");
        h.session->close(1000, u"late"_s); // no effect once the transport is gone
        QCOMPARE(h.connection->sentCount, sent);
        QCOMPARE(h.listener.closes, 1);
    }

    void closeIsIdempotent()
    {
        Harness h;
        h.session->close(4000, u"kicked"_s);
        h.session->close(1000, u"again"_s);
        QCOMPARE(h.connection->closeCode(), quint16(4000));
        QCOMPARE(h.session->closeReason(), u"kicked"_s);
        h.connection->receiveText("4ignored"); // the memory transport is closed anyway
        QVERIFY(h.listener.messages.isEmpty());
    }

    void destructionDeletesTheTransport()
    {
        auto h = std::make_unique<Harness>();
        const QPointer<MemoryConnection> transport(h->connection);
        h.reset();
        QVERIFY(transport.isNull());
    }

    void foreignTimersAreNotTheSessions()
    {
        Harness h;
        QBasicTimer other;
        other.start(1000, &h.context);
        QVERIFY(!h.session->timerEvent(other.timerId()));
        QCOMPARE(h.connection->sent.size(), 1); // only the open packet
    }
};

QTEST_GUILESS_MAIN(tst_EngineIoSession)
#include "tst_engineiosession.moc"
