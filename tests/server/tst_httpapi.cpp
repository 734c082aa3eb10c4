// HttpApi: GET /health, /rooms and /metrics on the chat port, 404 otherwise, over the chat
// core in process (InProcessChat).

#include "httpapi.h"
#include "inprocesschat.h"
#include "memoryconnection.h"
#include "memorymessagestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

HttpRequest get(const QByteArray& target)
{
    HttpRequest request;
    qsizetype headBytes = 0;
    const QByteArray head = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    [&] {
        QCOMPARE(HttpRequest::parseHead(head, 8192, &request, &headBytes),
                 HttpRequest::Parse::Complete);
    }();
    return request;
}

QJsonObject jsonBody(const HttpResponse& response)
{
    QJsonParseError error;
    const QJsonObject body = QJsonDocument::fromJson(response.body, &error).object();
    [&] {
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(response.contentType, QByteArray("application/json"));
    }();
    return body;
}

/// The chat core with two connections, one of them in "lobby".
struct Chat
{
    Chat()
    {
        for (MemoryConnection* connection : {first, second})
            connection->receiveText("40");
        first->receiveText(R"(420["join_room",{"room":"lobby"}])");
    }
    MemoryMessageStore store{100};
    InProcessChat chat{&store};
    MemoryConnection* first = chat.connect();
    MemoryConnection* second = chat.connect();
    HttpApi api{chat.service.get(), &chat.metrics};
};

} // namespace

class tst_HttpApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void health()
    {
        Chat chat;
        const HttpResponse response = chat.api.handle(get("/health"));
        QCOMPARE(response.status, 200);
        const QJsonObject body = jsonBody(response);
        QCOMPARE(body.keys(),
                 (QStringList{u"connections"_s, u"rooms"_s, u"status"_s, u"uptime_ms"_s}));
        QCOMPARE(body.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(body.value(u"connections"_s).toInt(), chat.chat.service->connectionCount());
        QCOMPARE(body.value(u"connections"_s).toInt(), 2);
        QCOMPARE(body.value(u"rooms"_s).toInt(), 1);
        QVERIFY(body.value(u"uptime_ms"_s).toInteger(-1) >= 0);
    }

    void healthFollowsTheChat()
    {
        Chat chat;
        chat.second->receiveText(R"(420["join_room",{"room":"other"}])");
        QCOMPARE(jsonBody(chat.api.handle(get("/health"))).value(u"rooms"_s).toInt(), 2);
        chat.second->abort();
        QTRY_COMPARE(jsonBody(chat.api.handle(get("/health"))).value(u"connections"_s).toInt(), 1);
    }

    void rooms()
    {
        Chat chat;
        const HttpResponse response = chat.api.handle(get("/rooms"));
        QCOMPARE(response.status, 200);
        const QJsonObject body = jsonBody(response);
        QCOMPARE(body.value(u"ok"_s), QJsonValue(true));
        const QJsonArray rooms = body.value(u"rooms"_s).toArray();
        QCOMPARE(rooms.size(), 1);
        QCOMPARE(rooms.at(0)[u"room"_s].toString(), u"lobby"_s);
        QCOMPARE(rooms.at(0)[u"members"_s].toInt(), 1);
    }

    void metricsInPrometheusTextFormat()
    {
        Chat chat;
        const HttpResponse response = chat.api.handle(get("/metrics"));
        QCOMPARE(response.status, 200);
        // Prometheus text exposition format 0.0.4.
        QCOMPARE(response.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        // The live gauges come from the chat core (the rest is ServerMetrics' own, and
        // process memory changes between two renderings).
        const QByteArrayList lines = response.body.split('\n');
        QVERIFY(lines.contains("chat_connections 2"));
        QVERIFY(lines.contains("chat_rooms 1"));
        QVERIFY(response.body.contains("# TYPE "));
    }

    void queryStringIsIgnored()
    {
        Chat chat;
        QCOMPARE(chat.api.handle(get("/health?verbose=1")).status, 200);
        QCOMPARE(jsonBody(chat.api.handle(get("/rooms?x=y"))).value(u"ok"_s), QJsonValue(true));
    }

    void otherPathsAre404_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("root") << QByteArray("/");
        QTest::newRow("unknown") << QByteArray("/nothing");
        QTest::newRow("trailing slash") << QByteArray("/health/");
        QTest::newRow("case") << QByteArray("/Health");
        QTest::newRow("prefix") << QByteArray("/healthz");
        QTest::newRow("below") << QByteArray("/rooms/lobby");
    }

    void otherPathsAre404()
    {
        QFETCH(QByteArray, target);
        Chat chat;
        const HttpResponse response = chat.api.handle(get(target));
        QCOMPARE(response.status, 404);
        QCOMPARE(jsonBody(response), (QJsonObject{{u"error"_s, u"not found"_s}}));
    }
};

QTEST_GUILESS_MAIN(tst_HttpApi)
#include "tst_httpapi.moc"
