// Engine.IO v4 HTTP long-polling end to end, by hand over raw keep-alive HTTP: the
// handshake, each error answer, record-separator batching, a held GET, overlapping GETs,
// oversized POSTs, the upgrade to a WebSocket (probe, noop, upgrade) with nothing lost,
// also over TLS, CORS, and polling sessions counted in the connection caps and metrics.

#include "memoryserverfixture.h"
#include "pollinglink.h"
#include "testcertificate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <functional>
#include <memory>

namespace {

const QByteArray Base = "/socket.io/?EIO=4&transport=polling";
constexpr char RecordSeparator = '\x1e';

QJsonObject jsonOf(const QByteArray& body)
{
    return QJsonDocument::fromJson(body).object();
}

QJsonObject engineError(int code, const char* message)
{
    return QJsonObject{{QStringLiteral("code"), code},
                       {QStringLiteral("message"), QString::fromLatin1(message)}};
}

/// One polling session: a GET link and a POST link, as a browser uses two connections.
struct Session
{
    explicit Session(quint16 port, const std::optional<QSslConfiguration>& tls = {})
        : get(port, tls)
        , post(port, tls)
    {}

    /// The handshake; fills sid and open (the open packet's JSON).
    bool handshake(const QList<QByteArray>& headers = {})
    {
        if (!get.waitConnected() || !post.waitConnected())
            return false;
        get.send("GET", Base + "&t=1", {}, headers);
        const std::optional<PollingLink::Response> answer = get.next();
        if (!answer || answer->status != 200 || !answer->body.startsWith('0'))
            return false;
        open = jsonOf(answer->body.mid(1));
        sid = open.value(QStringLiteral("sid")).toString().toLatin1();
        handshakeAnswer = *answer;
        return !sid.isEmpty();
    }
    QByteArray target() const { return Base + "&sid=" + sid; }
    /// POSTs @p body and returns the answer.
    std::optional<PollingLink::Response> send(const QByteArray& body)
    {
        post.send("POST", target(), body, {"Content-Type: text/plain;charset=UTF-8"});
        return post.next();
    }
    void startGet() { get.send("GET", target()); }
    /// The packets of the next GET answer (empty on timeout).
    QList<QByteArray> receive(int timeoutMs = 5000)
    {
        const std::optional<PollingLink::Response> answer = get.next(timeoutMs);
        if (!answer || answer->status != 200)
            return {};
        return answer->body.split(RecordSeparator);
    }
    /// GETs until a packet starting with @p prefix arrives; every packet seen on the way.
    QList<QByteArray> pollUntil(const QByteArray& prefix, int rounds = 10)
    {
        QList<QByteArray> seen;
        for (int i = 0; i < rounds; ++i) {
            startGet();
            const QList<QByteArray> packets = receive();
            if (packets.isEmpty())
                return seen;
            seen += packets;
            for (const QByteArray& packet : packets) {
                if (packet.startsWith(prefix))
                    return seen;
            }
        }
        return seen;
    }
    /// CONNECT and wait for the session event and the `connected` that follows it.
    bool connectSocketIo()
    {
        const std::optional<PollingLink::Response> ok = send("40");
        if (!ok || ok->body != "ok") {
            qWarning() << "CONNECT not accepted:"
                       << (ok ? QByteArray(ok->head + ok->body) : QByteArray("no answer"));
            return false;
        }
        const QList<QByteArray> seen = pollUntil("42[\"connected\"");
        if (seen.size() < 2 || !seen.constLast().startsWith("42[\"connected\"") ||
            !seen.at(seen.size() - 2).startsWith("42[\"session\"")) {
            qWarning() << "no session event; saw" << seen;
            return false;
        }
        return true;
    }

    PollingLink get;
    PollingLink post;
    QByteArray sid;
    QJsonObject open;
    PollingLink::Response handshakeAnswer;
};

QByteArray eventPacket(int ackId, const char* name, const QJsonObject& payload)
{
    return "42" + QByteArray::number(ackId) +
           QJsonDocument(QJsonArray{QString::fromLatin1(name), payload})
               .toJson(QJsonDocument::Compact);
}

QJsonObject room(const char* name)
{
    return QJsonObject{{QStringLiteral("room"), QString::fromLatin1(name)}};
}

QJsonObject message(const char* roomName, const QString& text)
{
    return QJsonObject{{QStringLiteral("room"), QString::fromLatin1(roomName)},
                       {QStringLiteral("text"), text}};
}

/// The `text` of every `message` event among @p packets, in order.
QStringList messageTexts(const QList<QByteArray>& packets)
{
    QStringList texts;
    for (const QByteArray& packet : packets) {
        if (!packet.startsWith("42[\"message\""))
            continue;
        const QJsonArray array = QJsonDocument::fromJson(packet.mid(2)).array();
        texts.append(array.at(1).toObject().value(QStringLiteral("text")).toString());
    }
    return texts;
}

} // namespace

class tst_Polling : public MemoryServerFixture
{
    Q_OBJECT

private:
    QTemporaryDir m_certDir;
    QString certPath() const { return m_certDir.filePath(QStringLiteral("cert.pem")); }
    QString keyPath() const { return m_certDir.filePath(QStringLiteral("key.pem")); }

    /// Upgrades @p session to a WebSocket; the probe and `5`, checking the noop on the way.
    void upgrade(Session& session, QWebSocket& socket, const QString& scheme,
                 const std::function<void()>& beforeUpgradePacket = {})
    {
        QSignalSpy texts(&socket, &QWebSocket::textMessageReceived);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        // A GET held while the probe runs, as socket.io-client has one.
        session.startGet();
        socket.open(
            QUrl(QStringLiteral("%1://127.0.0.1:%2/socket.io/?EIO=4&transport=websocket&sid=%3")
                     .arg(scheme)
                     .arg(port())
                     .arg(QString::fromLatin1(session.sid))));
        QVERIFY(connected.wait(5000));
        QVERIFY(!session.get.hasResponse()); // still held: nothing was queued
        socket.sendTextMessage(QStringLiteral("2probe"));
        QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 1, 5000);
        QCOMPARE(texts.at(0).at(0).toString(), QStringLiteral("3probe"));
        // The held GET ends with a noop so that the client can pause polling.
        const QList<QByteArray> noop = session.receive();
        QCOMPARE(noop, QList<QByteArray>{"6"});
        if (beforeUpgradePacket)
            beforeUpgradePacket();
        socket.sendTextMessage(QStringLiteral("5"));
    }

    /**
     * Starts a server with @p config and opens a session on it, handshaken and
     * Socket.IO-connected; null on failure.
     */
    std::unique_ptr<Session> startConnected(const ServerConfig& config = {})
    {
        if (!start(config))
            return nullptr;
        auto session = std::make_unique<Session>(port());
        if (!session->handshake() || !session->connectSocketIo())
            return nullptr;
        return session;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString certificateError = TestCertificate::create(certPath(), keyPath());
        QVERIFY2(certificateError.isEmpty(), qPrintable(certificateError));
    }

    void handshakeAnswersTheOpenPacket()
    {
        QVERIFY(start());
        Session session(port());
        QVERIFY(session.handshake());
        QCOMPARE(session.handshakeAnswer.header("content-type"),
                 QByteArray("text/plain; charset=UTF-8"));
        QCOMPARE(session.handshakeAnswer.header("connection"), QByteArray("keep-alive"));
        QCOMPARE(session.open.value(QStringLiteral("upgrades")).toArray(),
                 QJsonArray{QStringLiteral("websocket")});
        QCOMPARE(session.sid.size(), 20);
        QCOMPARE(session.open.value(QStringLiteral("pingInterval")).toInt(), 25000);
        QCOMPARE(session.open.value(QStringLiteral("maxPayload")).toInt(), 65536);
        // The WebSocket transport's own open packet still offers no upgrade.
        QWebSocket socket;
        QSignalSpy texts(&socket, &QWebSocket::textMessageReceived);
        socket.open(QUrl(
            QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(port())));
        QVERIFY(texts.wait(5000));
        QVERIFY(texts.at(0).at(0).toString().contains(QLatin1String("\"upgrades\":[]")));
    }

    void errorAnswers_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown transport")
            << QByteArray("GET") << QByteArray("/socket.io/?EIO=4&transport=carrier-pigeon") << 0
            << QStringLiteral("Transport unknown");
        QTest::newRow("unknown sid, GET") << QByteArray("GET") << QByteArray(Base + "&sid=nope")
                                          << 1 << QStringLiteral("Session ID unknown");
        QTest::newRow("unknown sid, POST") << QByteArray("POST") << QByteArray(Base + "&sid=nope")
                                           << 1 << QStringLiteral("Session ID unknown");
        QTest::newRow("unknown sid, upgrade")
            << QByteArray("GET") << QByteArray("/socket.io/?EIO=4&transport=websocket&sid=nope")
            << 1 << QStringLiteral("Session ID unknown");
        QTest::newRow("POST handshake")
            << QByteArray("POST") << Base << 2 << QStringLiteral("Bad handshake method");
        QTest::newRow("PUT handshake")
            << QByteArray("PUT") << Base << 2 << QStringLiteral("Bad handshake method");
        QTest::newRow("EIO 3") << QByteArray("GET")
                               << QByteArray("/socket.io/?EIO=3&transport=polling") << 5
                               << QStringLiteral("Unsupported protocol version");
        QTest::newRow("websocket handshake without Upgrade")
            << QByteArray("GET") << QByteArray("/socket.io/?EIO=4&transport=websocket") << 3
            << QStringLiteral("Bad request");
        QTest::newRow("known sid, PUT")
            << QByteArray("PUT") << QByteArray() << 3 << QStringLiteral("Bad request");
        QTest::newRow("known sid, websocket without Upgrade")
            << QByteArray("GET") << QByteArray("ws") << 3 << QStringLiteral("Bad request");
    }
    void errorAnswers()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(int, code);
        QFETCH(QString, message);
        QVERIFY(start());
        Session session(port());
        QVERIFY(session.handshake());
        if (target.isEmpty())
            target = session.target();
        else if (target == "ws")
            target = "/socket.io/?EIO=4&transport=websocket&sid=" + session.sid;
        PollingLink link(port());
        QVERIFY(link.waitConnected());
        link.send(method, target);
        const std::optional<PollingLink::Response> answer = link.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 400);
        QCOMPARE(jsonOf(answer->body), engineError(code, message.toLatin1().constData()));
    }

    void postsAndGetsBatchPacketsWithRecordSeparators()
    {
        QVERIFY(start());
        Session session(port());
        QVERIFY(session.handshake());
        // Three packets in one body: CONNECT, join_room with ack 1, a ping.
        const QByteArray body = "40" + QByteArray(1, RecordSeparator) +
                                eventPacket(1, "join_room", room("lobby")) +
                                QByteArray(1, RecordSeparator) + "2";
        const std::optional<PollingLink::Response> ok = session.send(body);
        QVERIFY(ok);
        QCOMPARE(ok->status, 200);
        QCOMPARE(ok->body, QByteArray("ok"));
        QCOMPARE(ok->header("content-type"), QByteArray("text/html"));
        // Everything the three packets produced comes back, in order, in few answers.
        QList<QByteArray> packets;
        int answers = 0;
        while (!std::any_of(packets.cbegin(), packets.cend(),
                            [](const QByteArray& p) { return p.startsWith("431["); })) {
            QVERIFY2(++answers <= 3, "more answers than packets");
            session.startGet();
            const QList<QByteArray> batch = session.receive();
            QVERIFY(!batch.isEmpty());
            packets += batch;
        }
        QVERIFY2(answers < 3 || packets.size() > 3, "no answer carried two packets");
        QVERIFY(packets.at(0).startsWith("40{\"sid\""));
        QVERIFY(packets.at(1).startsWith("42[\"session\""));
        QVERIFY(packets.contains("3")); // the pong of the client's ping
        const auto ackAt = std::find_if(packets.cbegin(), packets.cend(),
                                        [](const QByteArray& p) { return p.startsWith("431["); });
        const QByteArray ack = *ackAt;
        QVERIFY(QJsonDocument::fromJson(ack.mid(3))
                    .array()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("ok"))
                    .toBool());
    }

    void getIsHeldUntilAPacketIsQueued()
    {
        const std::unique_ptr<Session> connected = startConnected();
        QVERIFY(connected);
        Session& session = *connected;
        session.startGet();
        // A POST on the other connection is answered while the GET stays held: it waits.
        QVERIFY(session.send(eventPacket(1, "join_room", room("held"))));
        const QList<QByteArray> ack = session.receive();
        QCOMPARE(ack.size(), 1);
        QVERIFY(ack.at(0).startsWith("431["));
        session.startGet();
        const std::optional<PollingLink::Response> ok = session.send("2");
        QVERIFY(ok && ok->body == "ok");
        QCOMPARE(session.receive(), QList<QByteArray>{"3"});
        // Another member's message reaches the held GET.
        session.startGet();
        Session other(port());
        QVERIFY(other.handshake());
        QVERIFY(other.connectSocketIo());
        QVERIFY(other.send(eventPacket(1, "join_room", room("held"))));
        QVERIFY(!session.get.hasResponse() || true); // user_joined may arrive first
        QVERIFY(other.send(eventPacket(2, "send_message", message("held", QStringLiteral("hey")))));
        QStringList texts;
        for (int i = 0; i < 4 && texts.isEmpty(); ++i) {
            texts = messageTexts(session.receive());
            if (texts.isEmpty())
                session.startGet();
        }
        QCOMPARE(texts, QStringList{QStringLiteral("hey")});
    }

    void heldGetEndsWithTheHeartbeat()
    {
        ServerConfig config;
        config.pingIntervalMs = 300;
        config.pingTimeoutMs = 5000;
        const std::unique_ptr<Session> connected = startConnected(config);
        QVERIFY(connected);
        Session& session = *connected;
        for (int beat = 0; beat < 3; ++beat) {
            session.startGet();
            QCOMPARE(session.receive(3000), QList<QByteArray>{"2"});
            QVERIFY(session.send("3"));
        }
    }

    void missedPongsCloseAPollingSession()
    {
        ServerConfig config;
        config.pingIntervalMs = 200;
        config.pingTimeoutMs = 200;
        const std::unique_ptr<Session> connected = startConnected(config);
        QVERIFY(connected);
        Session& session = *connected;
        // No pong is ever sent: the session ends, a GET gets the close packet (after pings).
        const QList<QByteArray> seen = session.pollUntil("1");
        QVERIFY(!seen.isEmpty());
        QCOMPARE(seen.constLast(), QByteArray("1"));
        QVERIFY(seen.contains("2"));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                PollingLink probe(port());
                probe.waitConnected();
                probe.send("GET", session.target());
                const auto answer = probe.next();
                return answer && answer->status == 400;
            }(),
            5000);
    }

    void secondConcurrentGetClosesTheSession()
    {
        const std::unique_ptr<Session> connected = startConnected();
        QVERIFY(connected);
        Session& session = *connected;
        session.startGet();
        PollingLink second(port());
        QVERIFY(second.waitConnected());
        second.send("GET", session.target());
        const std::optional<PollingLink::Response> refused = second.next();
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        QCOMPARE(jsonOf(refused->body), engineError(3, "Bad request"));
        QCOMPARE(session.receive(), QList<QByteArray>{"1"}); // the held GET: close packet
        session.startGet();
        const std::optional<PollingLink::Response> gone = session.get.next();
        QVERIFY(gone);
        QCOMPARE(jsonOf(gone->body), engineError(1, "Session ID unknown"));
    }

    void clientCloseEndsTheSessionAtOnce()
    {
        const std::unique_ptr<Session> connected = startConnected();
        QVERIFY(connected);
        Session& session = *connected;
        const std::optional<PollingLink::Response> ok = session.send("1");
        QVERIFY(ok);
        QCOMPARE(ok->body, QByteArray("ok"));
        // The client that sent close does not poll again: the session is gone already,
        // not waiting for a GET to carry a close packet back.
        session.startGet();
        const std::optional<PollingLink::Response> gone = session.get.next();
        QVERIFY(gone);
        QCOMPARE(gone->status, 400);
        QCOMPARE(jsonOf(gone->body), engineError(1, "Session ID unknown"));
    }

    void postOverMaxPayloadClosesTheSession()
    {
        ServerConfig config;
        config.maxPayloadBytes = 1000;
        const std::unique_ptr<Session> connected = startConnected(config);
        QVERIFY(connected);
        Session& session = *connected;
        const std::optional<PollingLink::Response> fits =
            session.send(eventPacket(1, "join_room", room("big")));
        QVERIFY(fits && fits->body == "ok");
        session.startGet();
        QVERIFY(session.receive().at(0).startsWith("431["));
        session.startGet();
        const std::optional<PollingLink::Response> tooLarge =
            session.send(eventPacket(2, "send_message", message("big", QString(1200, u'x'))));
        QVERIFY(tooLarge);
        QCOMPARE(tooLarge->status, 413);
        QCOMPARE(session.receive(), QList<QByteArray>{"1"});
        PollingLink probe(port());
        QVERIFY(probe.waitConnected());
        probe.send("GET", session.target());
        const std::optional<PollingLink::Response> gone = probe.next();
        QVERIFY(gone);
        QCOMPARE(jsonOf(gone->body), engineError(1, "Session ID unknown"));
    }

    void keepAliveCarriesManyRequests()
    {
        QVERIFY(start());
        Session session(port());
        QVERIFY(session.handshake());
        for (int i = 0; i < 5; ++i) {
            const std::optional<PollingLink::Response> ok = session.send("2");
            QVERIFY(ok && ok->body == "ok");
            QCOMPARE(ok->header("connection"), QByteArray("keep-alive"));
        }
        // Plain routes on a keep-alive connection stay on it too.
        session.post.send("GET", "/health");
        const std::optional<PollingLink::Response> health = session.post.next();
        QVERIFY(health);
        QCOMPARE(health->status, 200);
        QVERIFY(!session.post.isClosed());
        // Five pongs wait for the next GET, in one answer.
        session.startGet();
        QCOMPARE(session.receive(), QList<QByteArray>(5, "3"));
    }

    void malformedBodiesCloseTheConnection_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<int>("status");
        QTest::newRow("chunked") << QByteArray("Transfer-Encoding: chunked\r\n") << 411;
        QTest::newRow("two lengths")
            << QByteArray("Content-Length: 2\r\nContent-Length: 3\r\n") << 400;
        QTest::newRow("negative length") << QByteArray("Content-Length: -2\r\n") << 400;
    }
    void malformedBodiesCloseTheConnection()
    {
        QFETCH(QByteArray, headers);
        QFETCH(int, status);
        QVERIFY(start());
        Session session(port());
        QVERIFY(session.handshake()); // the connection is keep-alive from now on
        session.get.sendRaw("POST " + session.target() + " HTTP/1.1\r\nHost: x\r\n" + headers +
                            "\r\nab");
        const std::optional<PollingLink::Response> answer = session.get.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, status);
        QCOMPARE(answer->header("connection"), QByteArray("close"));
        QTRY_VERIFY_WITH_TIMEOUT(session.get.isClosed(), 5000);
    }

    void upgradeLosesNothing_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("plain") << false;
        QTest::newRow("tls") << true;
    }
    void upgradeLosesNothing()
    {
        QFETCH(bool, tls);
        ServerConfig config;
        std::optional<QSslConfiguration> trust;
        if (tls) {
            config.tlsCertFile = certPath();
            config.tlsKeyFile = keyPath();
            QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
            configuration.setCaCertificates(QSslCertificate::fromPath(certPath()));
            trust = configuration;
        }
        QVERIFY(start(config));
        Session session(port(), trust);
        QVERIFY(session.handshake());
        QVERIFY(session.connectSocketIo());
        QVERIFY(session.send(eventPacket(1, "join_room", room("up"))));
        QVERIFY(!session.pollUntil("431[").isEmpty());

        Session talker(port(), trust);
        QVERIFY(talker.handshake());
        QVERIFY(talker.connectSocketIo());
        QVERIFY(talker.send(eventPacket(1, "join_room", room("up"))));

        QWebSocket socket;
        if (trust)
            socket.setSslConfiguration(*trust);
        QSignalSpy texts(&socket, &QWebSocket::textMessageReceived);
        // Messages before, during and after the switch.
        QVERIFY(talker.send(eventPacket(2, "send_message", message("up", QStringLiteral("m1")))));
        QStringList received = messageTexts(session.pollUntil("42[\"message\""));
        upgrade(session, socket, tls ? QStringLiteral("wss") : QStringLiteral("ws"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(talker.send(eventPacket(3, "send_message", message("up", QStringLiteral("m2")))));
        QVERIFY(talker.send(eventPacket(4, "send_message", message("up", QStringLiteral("m3")))));
        QTRY_VERIFY_WITH_TIMEOUT(texts.size() >= 3, 5000); // 3probe + m2 + m3
        for (qsizetype i = 1; i < texts.size(); ++i)
            received += messageTexts({texts.at(i).at(0).toString().toUtf8()});
        QCOMPARE(received,
                 (QStringList{QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3")}));
        // The session now lives on the WebSocket: an ack comes back there, polling is over.
        socket.sendTextMessage(QString::fromUtf8(eventPacket(9, "list_rooms", {})));
        QTRY_VERIFY_WITH_TIMEOUT(
            texts.constLast().at(0).toString().startsWith(QLatin1String("439[")), 5000);
        session.startGet();
        const std::optional<PollingLink::Response> late = session.get.next();
        QVERIFY(late);
        QCOMPARE(jsonOf(late->body), engineError(3, "Bad request"));
    }

    void packetsQueuedDuringTheUpgradeGoToTheWebSocket()
    {
        const std::unique_ptr<Session> connected = startConnected();
        QVERIFY(connected);
        Session& session = *connected;
        QWebSocket socket;
        QSignalSpy texts(&socket, &QWebSocket::textMessageReceived);
        // Between the noop and `5` the client polls no more (socket.io-client pauses):
        // packets queued then must come on the WebSocket, in order. Here: the pongs of two
        // pings posted then.
        upgrade(session, socket, QStringLiteral("ws"), [&] {
            const std::optional<PollingLink::Response> ok =
                session.send("2" + QByteArray(1, RecordSeparator) + "2");
            QVERIFY(ok && ok->body == "ok");
        });
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 3, 5000);
        QCOMPARE(texts.at(1).at(0).toString(), QStringLiteral("3"));
        QCOMPARE(texts.at(2).at(0).toString(), QStringLiteral("3"));
    }

    void droppedProbeLeavesPollingAlive()
    {
        const std::unique_ptr<Session> connected = startConnected();
        QVERIFY(connected);
        Session& session = *connected;
        {
            QWebSocket socket;
            QSignalSpy texts(&socket, &QWebSocket::textMessageReceived);
            QSignalSpy connected(&socket, &QWebSocket::connected);
            socket.open(
                QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket&sid=%2")
                         .arg(port())
                         .arg(QString::fromLatin1(session.sid))));
            QVERIFY(connected.wait(5000));
            socket.sendTextMessage(QStringLiteral("2probe"));
            QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 1, 5000);
            socket.abort(); // killed mid-upgrade
        }
        // Polling goes on: a ping posted now is answered on the next GET.
        QVERIFY(session.send("2"));
        QStringList pongs;
        for (int i = 0; i < 3; ++i) {
            session.startGet();
            const QList<QByteArray> packets = session.receive();
            QVERIFY(!packets.isEmpty());
            if (packets.contains("3"))
                break;
            QVERIFY2(packets == QList<QByteArray>{"6"}, packets.join(' ').constData());
        }
        QVERIFY(session.send(eventPacket(1, "list_rooms", {})));
        QVERIFY(session.pollUntil("431[").constLast().startsWith("431["));
    }

    void corsHeadersAndPreflight()
    {
        ServerConfig config;
        config.allowedOrigins = {QStringLiteral("https://good.example")};
        QVERIFY(start(config));
        Session session(port());
        QVERIFY(session.handshake({"Origin: https://good.example"}));
        QCOMPARE(session.handshakeAnswer.header("access-control-allow-origin"),
                 QByteArray("https://good.example"));
        QCOMPARE(session.handshakeAnswer.header("access-control-allow-credentials"),
                 QByteArray("true"));
        QCOMPARE(session.handshakeAnswer.header("vary"), QByteArray("Origin"));
        for (const QByteArray& path : {QByteArray("/health"), QByteArray("/rooms")}) {
            PollingLink link(port());
            QVERIFY(link.waitConnected());
            link.send("GET", path, {}, {"Origin: https://good.example"});
            const std::optional<PollingLink::Response> answer = link.next();
            QVERIFY(answer);
            QCOMPARE(answer->status, 200);
            QCOMPARE(answer->header("access-control-allow-origin"),
                     QByteArray("https://good.example"));
            QCOMPARE(answer->header("access-control-allow-credentials"), QByteArray("true"));
            QCOMPARE(answer->header("vary"), QByteArray("Origin"));
        }
        PollingLink preflight(port());
        QVERIFY(preflight.waitConnected());
        preflight.send("OPTIONS", session.target(), {},
                       {"Origin: https://good.example", "Access-Control-Request-Method: POST",
                        "Access-Control-Request-Headers: content-type, x-extra"});
        const std::optional<PollingLink::Response> answer = preflight.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 204);
        QCOMPARE(answer->header("access-control-allow-origin"), QByteArray("https://good.example"));
        QCOMPARE(answer->header("access-control-allow-methods"), QByteArray("GET, POST, OPTIONS"));
        QCOMPARE(answer->header("access-control-allow-headers"),
                 QByteArray("content-type, x-extra"));
        QCOMPARE(answer->header("access-control-allow-credentials"), QByteArray("true"));
        // No Origin (not a browser): no CORS headers.
        PollingLink plain(port());
        QVERIFY(plain.waitConnected());
        plain.send("GET", "/health");
        const std::optional<PollingLink::Response> bare = plain.next();
        QVERIFY(bare);
        QVERIFY(bare->header("access-control-allow-origin").isNull());
    }

    void refusedOriginGets403Everywhere_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("polling handshake") << QByteArray("GET") << Base;
        QTest::newRow("polling POST") << QByteArray("POST") << QByteArray(Base + "&sid=x");
        QTest::newRow("health") << QByteArray("GET") << QByteArray("/health");
        QTest::newRow("rooms") << QByteArray("GET") << QByteArray("/rooms");
        QTest::newRow("preflight") << QByteArray("OPTIONS") << Base;
    }
    void refusedOriginGets403Everywhere()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        ServerConfig config;
        config.allowedOrigins = {QStringLiteral("https://good.example")};
        QVERIFY(start(config));
        PollingLink link(port());
        QVERIFY(link.waitConnected());
        link.send(method, target, {}, {"Origin: https://evil.example"});
        const std::optional<PollingLink::Response> answer = link.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 403);
        QVERIFY(answer->header("access-control-allow-origin").isNull());
    }

    void pollingSessionsCountInTheCapsAndMetrics()
    {
        ServerConfig config;
        config.maxConnectionsPerIp = 2;
        QVERIFY(start(config));
        Session first(port());
        QVERIFY(first.handshake());
        QVERIFY(first.connectSocketIo());
        Session second(port());
        QVERIFY(second.handshake());
        // The cap is full: a third session is refused, on polling and on a WebSocket alike.
        PollingLink third(port());
        QVERIFY(third.waitConnected());
        third.send("GET", Base);
        const std::optional<PollingLink::Response> refused = third.next();
        QVERIFY(refused);
        QCOMPARE(refused->status, 429);
        QWebSocket socket;
        QSignalSpy errors(&socket, &QWebSocket::disconnected);
        socket.open(QUrl(
            QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(port())));
        QVERIFY(errors.wait(5000));
        // Requests of an admitted session are not new connections.
        QVERIFY(first.send("2"));

        PollingLink metrics(port());
        QVERIFY(metrics.waitConnected());
        metrics.send("GET", "/metrics");
        const std::optional<PollingLink::Response> scrape = metrics.next();
        QVERIFY(scrape);
        QVERIFY2(
            scrape->body.contains("\nchat_connections_by_transport{transport=\"polling\"} 2\n"),
            scrape->body.constData());
        QVERIFY(
            scrape->body.contains("\nchat_connections_opened_total{transport=\"polling\"} 2\n"));
        QVERIFY(scrape->body.contains("chat_connections_refused_total{reason=\"per_ip_cap\"} 2"));
    }
};

QTEST_MAIN(tst_Polling)
#include "tst_polling.moc"
