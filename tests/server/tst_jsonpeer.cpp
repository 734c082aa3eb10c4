// JsonPeer over a MemoryConnection and the in-process chat core: the query, session then
// joined, plain-text frames, refusals and the violation limit, frames sent before the join
// is answered, the WebSocket heartbeat, retries, history, kick and shutdown.

#include "inprocesschat.h"
#include "jsonpeer.h"
#include "memoryconnection.h"
#include "memorymessagestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

/// A memory store whose history reads wait for answerAll() while deferred.
class DeferredStore : public MemoryMessageStore
{
public:
    DeferredStore()
        : MemoryMessageStore(100)
    {}
    void messagesAfter(const QString& room, qint64 since, HistoryCallback done) override
    {
        answer(sliceAfter(room, since), std::move(done));
    }
    void messagesBefore(const QString& room, qint64 before, int limit,
                        HistoryCallback done) override
    {
        answer(sliceBefore(room, before, limit), std::move(done));
    }
    void answerAll()
    {
        while (!m_waiting.isEmpty())
            m_waiting.takeFirst()();
    }
    bool defer = false;

private:
    void answer(const HistorySlice& slice, HistoryCallback done)
    {
        if (defer)
            m_waiting.append([slice, done] { done(slice); });
        else
            done(slice);
    }
    QList<std::function<void()>> m_waiting;
};

QJsonObject object(const QByteArray& frame)
{
    return QJsonDocument::fromJson(frame).object();
}

/// The frames of @p connection with "type" @p type.
QList<QJsonObject> framesOf(const MemoryConnection* connection, const QString& type)
{
    QList<QJsonObject> frames;
    for (const QByteArray& frame : connection->sent) {
        const QJsonObject parsed = object(frame);
        if (parsed.value(u"type"_s).toString() == type)
            frames.append(parsed);
    }
    return frames;
}

/// The chat core and JsonPeers made by hand over MemoryConnections.
struct Fixture
{
    explicit Fixture(const JsonPeer::Settings& peerSettings = {})
        : settings(peerSettings)
    {
        ChatSettings chatSettings;
        chatSettings.presenceIntervalMs = 0;
        chatSettings.messageRate = 0; // unlimited: the tests send bursts
        chat = std::make_unique<InProcessChat>(&store, chatSettings);
    }

    /// A started peer with @p query; its transport is returned (owned by the peer).
    MemoryConnection* open(const JsonPeer::Query& query = {}, QPointer<JsonPeer>* peerOut = nullptr)
    {
        auto* transport = new MemoryConnection;
        auto* peer =
            new JsonPeer(chat->service.get(), transport, settings, nullptr, &chat->metrics);
        if (peerOut)
            *peerOut = peer;
        const quint64 id = chat->service->attach(peer);
        peer->start(id, query);
        return transport;
    }

    JsonPeer::Settings settings;
    DeferredStore store;
    std::unique_ptr<InProcessChat> chat;
};

} // namespace

class tst_JsonPeer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queryFromItems()
    {
        const JsonPeer::Query query = JsonPeer::Query::fromItems({{u"token"_s, u"t"_s},
                                                                  {u"other"_s, u"x"_s},
                                                                  {u"since"_s, u"3"_s},
                                                                  {u"room"_s, u"r"_s}});
        QCOMPARE(query.room, u"r"_s);
        QCOMPARE(query.token, u"t"_s);
        QCOMPARE(query.since, u"3"_s);
        const JsonPeer::Query defaults = JsonPeer::Query::fromItems({});
        QCOMPARE(defaults.room, u"lobby"_s);
        QVERIFY(defaults.token.isEmpty());
        QVERIFY(defaults.since.isEmpty());
    }

    void sessionThenJoined()
    {
        Fixture f;
        QPointer<JsonPeer> peer;
        MemoryConnection* transport =
            f.open(JsonPeer::Query::fromItems({{u"room"_s, u"Den"_s}}), &peer);
        QVERIFY(transport->sent.size() >= 2);
        const QJsonObject session = object(transport->sent.at(0));
        QCOMPARE(session.value(u"type"_s).toString(), u"session"_s);
        QVERIFY(session.value(u"user_id"_s).toString().startsWith(u"u_"_s));
        const QJsonObject joined = object(transport->sent.at(1));
        QCOMPARE(joined.value(u"type"_s).toString(), u"joined"_s);
        QCOMPARE(joined.value(u"room"_s).toString(), u"den"_s); // canonical
        QCOMPARE(peer->peerAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(!transport->isClosed());
    }

    void badQueryIsRefusedAndClosed_data()
    {
        QTest::addColumn<QString>("room");
        QTest::addColumn<QString>("since");
        QTest::addColumn<QString>("code");
        QTest::newRow("bad room") << u"no spaces allowed!"_s << QString() << u"invalid_room"_s;
        QTest::newRow("since not a number") << u"lobby"_s << u"abc"_s << u"invalid_payload"_s;
        QTest::newRow("negative since") << u"lobby"_s << u"-1"_s << u"invalid_payload"_s;
    }

    void badQueryIsRefusedAndClosed()
    {
        QFETCH(QString, room);
        QFETCH(QString, since);
        QFETCH(QString, code);
        Fixture f;
        JsonPeer::Query query;
        query.room = room;
        query.since = since;
        QPointer<JsonPeer> peer;
        MemoryConnection* transport = f.open(query, &peer);
        QCOMPARE(framesOf(transport, u"error"_s).size(), 1);
        QCOMPARE(framesOf(transport, u"error"_s).first().value(u"code"_s).toString(), code);
        QVERIFY(framesOf(transport, u"session"_s).isEmpty()); // refused before identifying
        QCOMPARE(transport->closeCode(), quint16(1008));
        QVERIFY(!peer->closeReason().isEmpty());
    }

    void plainTextIsAMessage()
    {
        Fixture f;
        MemoryConnection* transport = f.open();
        transport->receiveText("hello there");
        const QList<QJsonObject> messages = framesOf(transport, u"message"_s);
        QCOMPARE(messages.size(), 1); // its own broadcast is the acknowledgement
        QCOMPARE(messages.first().value(u"text"_s).toString(), u"hello there"_s);
        transport->receiveText(R"({"type":"message","text":"as json","client_id":"c1"})");
        QCOMPARE(framesOf(transport, u"message"_s).size(), 2);
    }

    void retryGoesToTheSenderOnly()
    {
        Fixture f;
        MemoryConnection* sender = f.open();
        MemoryConnection* other = f.open();
        const QByteArray request = R"({"type":"message","text":"once","client_id":"c1"})";
        sender->receiveText(request);
        sender->receiveText(request);
        QCOMPARE(framesOf(sender, u"message"_s).size(), 2);
        QCOMPARE(framesOf(other, u"message"_s).size(), 1);
        QCOMPARE(framesOf(sender, u"message"_s).at(1).value(u"id"_s),
                 framesOf(sender, u"message"_s).at(0).value(u"id"_s));
    }

    void historyAndTyping()
    {
        Fixture f;
        MemoryConnection* transport = f.open();
        MemoryConnection* other = f.open();
        for (int i = 0; i < 3; ++i)
            transport->receiveText("m" + QByteArray::number(i));
        transport->receiveText(R"({"type":"history","limit":2})");
        const QList<QJsonObject> pages = framesOf(transport, u"history"_s);
        QCOMPARE(pages.size(), 1);
        const QJsonArray page = pages.first().value(u"history"_s).toArray();
        QCOMPARE(page.size(), 2);
        QCOMPARE(page.at(1).toObject().value(u"text"_s).toString(), u"m2"_s); // the newest
        QVERIFY(pages.first().value(u"has_more"_s).toBool());
        QVERIFY(!pages.first().contains(u"ok"_s));
        transport->receiveText(R"({"type":"typing","typing":true})");
        QCOMPARE(framesOf(other, u"typing"_s).size(), 1);
        QCOMPARE(framesOf(transport, u"typing"_s).size(), 0); // not echoed
    }

    void refusalsKeepTheConnectionUntilTheLimit()
    {
        JsonPeer::Settings settings;
        settings.violationLimit = 2;
        Fixture f(settings);
        QPointer<JsonPeer> peer;
        MemoryConnection* transport = f.open({}, &peer);
        const quint64 before = f.chat->metrics.protocolErrorsTotal;
        transport->receiveText(R"({"type":"dance","client_id":"c9"})");
        QCOMPARE(framesOf(transport, u"error"_s).size(), 1);
        QCOMPARE(framesOf(transport, u"error"_s).first().value(u"client_id"_s).toString(), u"c9"_s);
        transport->receiveBinary("\x01");
        QCOMPARE(framesOf(transport, u"error"_s).size(), 2);
        QVERIFY(!transport->isClosed());
        transport->receiveText(R"({"type":"message","text":""})"); // empty_message: not counted
        QCOMPARE(framesOf(transport, u"error"_s).last().value(u"code"_s).toString(),
                 u"empty_message"_s);
        QVERIFY(!transport->isClosed());
        transport->receiveText(R"({"type":"typing","typing":"yes"})"); // the third violation
        QCOMPARE(transport->closeCode(), quint16(1008));
        QCOMPARE(peer->closeReason(), u"too many protocol errors"_s);
        QCOMPARE(f.chat->metrics.protocolErrorsTotal, before + 3);
    }

    void framesBeforeTheJoinWaitForIt()
    {
        Fixture f;
        f.store.defer = true;
        MemoryConnection* transport = f.open();
        QCOMPARE(framesOf(transport, u"joined"_s).size(), 0);
        transport->receiveText("first");
        transport->receiveText("second");
        QCOMPARE(framesOf(transport, u"message"_s).size(), 0);
        f.store.answerAll();
        QCOMPARE(framesOf(transport, u"joined"_s).size(), 1);
        const QList<QJsonObject> messages = framesOf(transport, u"message"_s);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).value(u"text"_s).toString(), u"first"_s);
        QCOMPARE(messages.at(1).value(u"text"_s).toString(), u"second"_s);
    }

    void tooManyFramesBeforeTheJoin()
    {
        Fixture f;
        f.store.defer = true;
        MemoryConnection* transport = f.open();
        for (int i = 0; i < 33; ++i)
            transport->receiveText("early");
        QCOMPARE(framesOf(transport, u"error"_s).size(), 1);
        QCOMPARE(framesOf(transport, u"error"_s).first().value(u"code"_s).toString(),
                 u"not_in_room"_s);
        f.store.answerAll();
        QCOMPARE(framesOf(transport, u"message"_s).size(), 32);
    }

    void heartbeat()
    {
        JsonPeer::Settings settings;
        settings.pingIntervalMs = 10;
        settings.pingTimeoutMs = 300;
        Fixture f(settings);
        QPointer<JsonPeer> peer;
        MemoryConnection* transport = f.open({}, &peer);
        // Answered pings keep it open for longer than the timeout.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 600) {
            const int pings = transport->pingsSent;
            QTRY_VERIFY(transport->pingsSent > pings);
            transport->receivePong();
        }
        QVERIFY(!transport->isClosed());
        // Then silence: dropped. The chat core deletes a closed connection: keep what it says
        // when it goes.
        bool closed = false;
        quint16 closeCode = 1;
        connect(transport, &ClientConnection::disconnected, this, [&closed, &closeCode, transport] {
            closed = true;
            closeCode = transport->closeCode();
        });
        QTRY_VERIFY(closed);
        QCOMPARE(closeCode, quint16(0)); // aborted, no close frame
        if (peer)
            QCOMPARE(peer->closeReason(), u"ping timeout"_s);
    }

    void kickAndShutDown()
    {
        Fixture f;
        QPointer<JsonPeer> kicked;
        MemoryConnection* first = f.open({}, &kicked);
        QVERIFY(kicked->kick(u"banned"_s));
        QCOMPARE(first->closeCode(), quint16(1008));
        QCOMPARE(kicked->closeReason(), u"banned"_s);
        QVERIFY(!kicked->kick(u"again"_s));
        QPointer<JsonPeer> leaving;
        MemoryConnection* second = f.open({}, &leaving);
        leaving->shutDown(1234);
        const QList<QJsonObject> notices = framesOf(second, u"notice"_s);
        QCOMPARE(notices.size(), 1);
        QCOMPARE(notices.first().value(u"code"_s).toString(), u"shutting_down"_s);
        QCOMPARE(notices.first().value(u"retry_after_ms"_s).toInteger(), 1234);
        QCOMPARE(second->closeCode(), quint16(1001));
    }

    void closedPeerLeavesTheCore()
    {
        Fixture f;
        QPointer<JsonPeer> peer;
        MemoryConnection* transport = f.open({}, &peer);
        QCOMPARE(f.chat->service->rooms().summaries().first().members, 1);
        transport->abort();
        QTRY_VERIFY(peer.isNull()); // deleted by the chat core
    }
};

QTEST_GUILESS_MAIN(tst_JsonPeer)
#include "tst_jsonpeer.moc"
