// The admin API on its own port: the token check (401), listing rooms and connections,
// purging history, disconnecting a user, and banning address ranges (403 before the
// upgrade, existing connections dropped; kept across restarts with their expiry). Also
// BanList's CIDR matching and expiry.

#include "banlist.h"
#include "banstore.h"
#include "chatserver.h"
#include "testclient.h"
#include "timestamp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QByteArray Token = "test-admin-token-0123456789";

} // namespace

class tst_AdminEndpoint : public QObject
{
    Q_OBJECT

private:
    struct Reply
    {
        int status = 0;
        QByteArray headers;
        QJsonObject json;
    };

    /// One admin request; @p token "" sends no Authorization header.
    Reply admin(const QByteArray& method, const QByteArray& path, const QJsonObject& body = {},
                const QByteArray& token = Token)
    {
        QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token + "\r\n";
        if (method != "GET") {
            const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
            request += "Content-Type: application/json\r\nContent-Length: " +
                       QByteArray::number(json.size()) + "\r\n\r\n" + json;
        } else {
            request += "\r\n";
        }
        const TestClient::HttpResult result = TestClient::httpRaw(m_server->adminPort(), request);
        return Reply{result.status, result.headers, QJsonDocument::fromJson(result.body).object()};
    }

    static bool ok(const QJsonObject& reply) { return reply.value(QStringLiteral("ok")).toBool(); }

    static QJsonObject room(const char* name)
    {
        return QJsonObject{{QStringLiteral("room"), QString::fromLatin1(name)}};
    }

    QTemporaryDir m_dataDir;
    std::unique_ptr<ChatServer> m_server;

private Q_SLOTS:
    void init()
    {
        QFile::remove(BanStore::fileIn(m_dataDir.path())); // each test starts without bans
        ServerConfig config;
        config.port = 0;
        config.dataDir = m_dataDir.path();
        config.storage = ServerConfig::Storage::Memory;
        config.messageRate = 0;
        config.adminHost = QStringLiteral("127.0.0.1");
        config.adminPort = 0;
        config.adminToken = QString::fromLatin1(Token);
        m_server = std::make_unique<ChatServer>(config);
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
        QVERIFY(m_server->adminPort() != 0);
        QVERIFY(m_server->adminPort() != m_server->port());
    }
    void cleanup() { m_server.reset(); }

    void offByDefault()
    {
        ServerConfig config;
        config.port = 0;
        config.storage = ServerConfig::Storage::Memory;
        ChatServer server(config);
        QString error;
        QVERIFY(server.listen(&error));
        QCOMPARE(server.adminPort(), quint16(0));
    }

    void refusedWithoutTheToken_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("token");
        for (const auto& [method, path] :
             QList<std::pair<QByteArray, QByteArray>>{{"GET", "/admin/rooms"},
                                                      {"GET", "/admin/connections"},
                                                      {"POST", "/admin/rooms/purge"},
                                                      {"POST", "/admin/users/disconnect"},
                                                      {"POST", "/admin/bans"},
                                                      {"GET", "/admin/nope"}}) {
            QTest::addRow("%s %s no token", method.constData(), path.constData())
                << method << path << QByteArray();
            QTest::addRow("%s %s wrong token", method.constData(), path.constData())
                << method << path << QByteArray("test-admin-token-0123456788");
            QTest::addRow("%s %s token prefix", method.constData(), path.constData())
                << method << path << Token.left(Token.size() - 1);
        }
    }

    void refusedWithoutTheToken()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, token);
        TestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        QVERIFY(ok(client.request(QStringLiteral("join_room"), room("keep"))));
        QJsonObject message = room("keep");
        message.insert(QStringLiteral("text"), QStringLiteral("stays"));
        QVERIFY(ok(client.request(QStringLiteral("send_message"), message)));

        const Reply reply =
            admin(method, path,
                  QJsonObject{{QStringLiteral("room"), QStringLiteral("keep")},
                              {QStringLiteral("user_id"), client.session().userId},
                              {QStringLiteral("cidr"), QStringLiteral("127.0.0.0/8")}},
                  token);
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.headers.contains("WWW-Authenticate: Bearer"));
        QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
                 QJsonValue(QStringLiteral("unauthorized")));
        // Nothing happened: still connected, history intact, nothing banned.
        QVERIFY(!client.isClosed());
        QCOMPARE(client.request(QStringLiteral("join_room"), room("keep"))
                     .value(QStringLiteral("history"))
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(admin("GET", "/admin/bans").json.value(QStringLiteral("bans")).toArray().size(),
                 0);
    }

    void listsRoomsAndConnections()
    {
        TestClient alice;
        TestClient bob;
        QVERIFY(alice.connectTo(m_server->port()));
        QVERIFY(bob.connectTo(m_server->port()));
        QVERIFY(ok(alice.request(QStringLiteral("join_room"), room("Lobby"))));
        QVERIFY(ok(bob.request(QStringLiteral("join_room"), room("lobby"))));
        QVERIFY(ok(bob.request(QStringLiteral("join_room"), room("annex"))));
        QJsonObject message = room("lobby");
        message.insert(QStringLiteral("text"), QStringLiteral("x"));
        QVERIFY(ok(alice.request(QStringLiteral("send_message"), message)));

        const Reply rooms = admin("GET", "/admin/rooms");
        QCOMPARE(rooms.status, 200);
        QVERIFY(ok(rooms.json));
        const QJsonArray roomList = rooms.json.value(QStringLiteral("rooms")).toArray();
        QCOMPARE(roomList.size(), 2);
        QCOMPARE(roomList[0].toObject().value(QStringLiteral("room")),
                 QJsonValue(QStringLiteral("annex")));
        QCOMPARE(roomList[1].toObject().value(QStringLiteral("room")),
                 QJsonValue(QStringLiteral("lobby")));
        QCOMPARE(roomList[1].toObject().value(QStringLiteral("members")).toInt(), 2);
        QCOMPARE(roomList[1].toObject().value(QStringLiteral("last_seq")).toInt(), 1);

        const Reply connections = admin("GET", "/admin/connections");
        QCOMPARE(connections.status, 200);
        const QJsonArray list = connections.json.value(QStringLiteral("connections")).toArray();
        QCOMPARE(list.size(), 2);
        QJsonObject bobEntry;
        for (const QJsonValue& entry : list) {
            if (entry.toObject().value(QStringLiteral("user_id")).toString() ==
                bob.session().userId)
                bobEntry = entry.toObject();
        }
        QCOMPARE(bobEntry.value(QStringLiteral("handle")).toString(), bob.session().handle);
        QCOMPARE(bobEntry.value(QStringLiteral("address")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(bobEntry.value(QStringLiteral("rooms")).toArray(),
                 (QJsonArray{QStringLiteral("annex"), QStringLiteral("lobby")}));
        QVERIFY(bobEntry.value(QStringLiteral("connected_ms")).toInteger(-1) >= 0);
        QVERIFY(bobEntry.value(QStringLiteral("id")).toInteger() > 0);
    }

    void purgesHistory()
    {
        TestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        QVERIFY(ok(client.request(QStringLiteral("join_room"), room("purge-me"))));
        QJsonObject message = room("purge-me");
        for (const char* text : {"one", "two"}) {
            message.insert(QStringLiteral("text"), QString::fromLatin1(text));
            QVERIFY(ok(client.request(QStringLiteral("send_message"), message)));
        }
        const Reply reply = admin("POST", "/admin/rooms/purge", room("  Purge-Me "));
        QCOMPARE(reply.status, 200);
        QVERIFY(ok(reply.json));
        QCOMPARE(reply.json.value(QStringLiteral("room")), QJsonValue(QStringLiteral("purge-me")));
        QCOMPARE(reply.json.value(QStringLiteral("last_seq")).toInt(), 2);
        const QJsonObject joined = client.request(QStringLiteral("join_room"), room("purge-me"));
        QCOMPARE(joined.value(QStringLiteral("history")).toArray().size(), 0);
        QCOMPARE(joined.value(QStringLiteral("last_seq")).toInt(), 2);
        // Bad input: 400 with a reason, nothing else.
        QCOMPARE(admin("POST", "/admin/rooms/purge", room("no spaces allowed")).status, 400);
        QCOMPARE(admin("POST", "/admin/rooms/purge", QJsonObject{}).status, 400);
        QCOMPARE(admin("GET", "/admin/rooms/purge").status, 405);
        QCOMPARE(admin("GET", "/admin/unknown").status, 404);
    }

    void disconnectsEveryConnectionOfAUser()
    {
        TestClient first;
        QVERIFY(first.connectTo(m_server->port()));
        TestClient second; // the same identity on a second connection
        QVERIFY(second.connectTo(m_server->port(),
                                 QJsonObject{{QStringLiteral("token"), first.session().token}}));
        QCOMPARE(second.session().userId, first.session().userId);
        TestClient bystander;
        QVERIFY(bystander.connectTo(m_server->port()));

        const Reply reply = admin("POST", "/admin/users/disconnect",
                                  QJsonObject{{QStringLiteral("user_id"), first.session().userId}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("disconnected")).toInt(), 2);
        for (TestClient* client : {&first, &second}) {
            QVERIFY(client->waitForClosed());
            // Socket.IO DISCONNECT first, so that standard clients do not reconnect.
            QVERIFY(client->frames().contains(QStringLiteral("41")));
            QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        }
        QVERIFY(!bystander.isClosed());
        QVERIFY(ok(bystander.request(QStringLiteral("list_rooms"), QJsonObject{})));
        QCOMPARE(admin("POST", "/admin/users/disconnect",
                       QJsonObject{{QStringLiteral("user_id"), QStringLiteral("u_nobody")}})
                     .json.value(QStringLiteral("disconnected"))
                     .toInt(),
                 0);
    }

    void bansARange()
    {
        TestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        // A range that does not cover loopback changes nothing.
        Reply reply =
            admin("POST", "/admin/bans",
                  QJsonObject{{QStringLiteral("cidr"), QStringLiteral("203.0.113.9/24")}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("cidr")),
                 QJsonValue(QStringLiteral("203.0.113.0/24")));
        QCOMPARE(reply.json.value(QStringLiteral("dropped")).toInt(), 0);
        QVERIFY(!client.isClosed());

        reply = admin("POST", "/admin/bans",
                      QJsonObject{{QStringLiteral("cidr"), QStringLiteral("127.0.0.0/8")}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("dropped")).toInt(), 1);
        QVERIFY(client.waitForClosed());
        QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(admin("GET", "/admin/bans").json.value(QStringLiteral("bans")).toArray(),
                 (QJsonArray{QStringLiteral("203.0.113.0/24"), QStringLiteral("127.0.0.0/8")}));

        // New upgrades and plain HTTP from the range: 403 before anything else.
        const TestClient::HttpResult upgrade = TestClient::httpRaw(
            m_server->port(), "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                              "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                              "Sec-WebSocket-Version: 13\r\n\r\n");
        QCOMPARE(upgrade.status, 403);
        QCOMPARE(TestClient::httpGet(m_server->port(), "/health").status, 403);
        TestClient refused;
        QVERIFY(!refused.open(m_server->port()));
        QCOMPARE(admin("DELETE", "/admin/bans",
                       QJsonObject{{QStringLiteral("cidr"), QStringLiteral("127.0.0.1/8")}})
                     .status,
                 200);
        // The client sees its close before the server's I/O thread has reported the end of
        // the stream to the main thread, where the close is counted.
        QByteArray metrics;
        QTRY_VERIFY2((metrics = TestClient::httpGet(m_server->port(), "/metrics").body)
                         .contains("chat_connections_closed_total{reason=\"banned\"} 1"),
                     metrics);
        QVERIFY2(metrics.contains("chat_connections_refused_total{reason=\"banned\"} 3"), metrics);

        // Lifted (any spelling of the range): welcome again.
        QCOMPARE(admin("GET", "/admin/bans").json.value(QStringLiteral("bans")).toArray(),
                 QJsonArray{QStringLiteral("203.0.113.0/24")});
        TestClient back;
        QVERIFY(back.connectTo(m_server->port()));
        QCOMPARE(admin("DELETE", "/admin/bans",
                       QJsonObject{{QStringLiteral("cidr"), QStringLiteral("10.0.0.0/8")}})
                     .status,
                 404);
        QCOMPARE(admin("POST", "/admin/bans",
                       QJsonObject{{QStringLiteral("cidr"), QStringLiteral("not-a-range")}})
                     .status,
                 400);
    }

    void bansSurviveARestartWithTheirExpiry()
    {
        Reply reply = admin("POST", "/admin/bans",
                            QJsonObject{{QStringLiteral("cidr"), QStringLiteral("127.0.0.1")}});
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json.value(QStringLiteral("expires_at")).isNull());
        reply = admin("POST", "/admin/bans",
                      QJsonObject{{QStringLiteral("cidr"), QStringLiteral("198.51.100.0/24")},
                                  {QStringLiteral("ttl_seconds"), 3600}});
        QCOMPARE(reply.status, 200);
        const QDateTime expires =
            Timestamp::parse(reply.json.value(QStringLiteral("expires_at")).toString());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(expires > now.addSecs(3590) && expires <= now.addSecs(3601));
        QCOMPARE(admin("POST", "/admin/bans",
                       QJsonObject{{QStringLiteral("cidr"), QStringLiteral("192.0.2.0/24")},
                                   {QStringLiteral("ttl_seconds"), -5}})
                     .status,
                 400);

        // A new server process on the same data directory: the bans are back.
        const ServerConfig config = m_server->config();
        m_server.reset();
        m_server = std::make_unique<ChatServer>(config);
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
        const QJsonObject bans = admin("GET", "/admin/bans").json;
        QCOMPARE(bans.value(QStringLiteral("bans")).toArray(),
                 (QJsonArray{QStringLiteral("127.0.0.1/32"), QStringLiteral("198.51.100.0/24")}));
        const QJsonArray details = bans.value(QStringLiteral("details")).toArray();
        QCOMPARE(details.size(), 2);
        QVERIFY(details.at(0).toObject().value(QStringLiteral("expires_at")).isNull());
        QCOMPARE(Timestamp::parse(
                     details.at(1).toObject().value(QStringLiteral("expires_at")).toString()),
                 expires);
        QCOMPARE(TestClient::httpGet(m_server->port(), "/health").status, 403);

        // Lifting is kept too.
        QCOMPARE(admin("DELETE", "/admin/bans",
                       QJsonObject{{QStringLiteral("cidr"), QStringLiteral("127.0.0.1")}})
                     .status,
                 200);
        m_server.reset();
        m_server = std::make_unique<ChatServer>(config);
        QVERIFY2(m_server->listen(&error), qPrintable(error));
        QCOMPARE(TestClient::httpGet(m_server->port(), "/health").status, 200);
    }

    void expiredBansAreNotLoaded()
    {
        BanList bans;
        QString canonical;
        QVERIFY(bans.add(QStringLiteral("192.0.2.1"), &canonical,
                         QDateTime::currentDateTimeUtc().addSecs(-1)));
        QVERIFY(bans.add(QStringLiteral("192.0.2.2"), &canonical));
        QVERIFY(!bans.isBanned(QHostAddress(QStringLiteral("192.0.2.1"))));
        QVERIFY(bans.isBanned(QHostAddress(QStringLiteral("192.0.2.2"))));
        BanList loaded;
        QCOMPARE(loaded.addFromJson(bans.toJson()), 1);
        QCOMPARE(loaded.ranges(), QStringList{QStringLiteral("192.0.2.2/32")});
        QJsonArray stale{
            QJsonObject{{QStringLiteral("cidr"), QStringLiteral("192.0.2.3")},
                        {QStringLiteral("expires_at"), QStringLiteral("2001-01-01T00:00:00.000Z")}},
            QJsonObject{{QStringLiteral("cidr"), QStringLiteral("nonsense")}}};
        QCOMPARE(loaded.addFromJson(stale), 0);
    }

    void rejectsMalformedRequests()
    {
        const quint16 port = m_server->adminPort();
        const QByteArray auth = "Authorization: Bearer " + Token + "\r\n";
        QCOMPARE(TestClient::httpRaw(port, "POST /admin/bans HTTP/1.1\r\n" + auth +
                                               "Content-Length: 8\r\n\r\nnot json")
                     .status,
                 400);
        QCOMPARE(TestClient::httpRaw(port, "POST /admin/bans HTTP/1.1\r\n" + auth +
                                               "Content-Length: 999999\r\n\r\n{}")
                     .status,
                 413);
        QCOMPARE(TestClient::httpRaw(port, "garbage\r\n\r\n").status, 400);
    }

    void banListMatching()
    {
        BanList bans;
        QString canonical;
        QVERIFY(bans.add(QStringLiteral("10.1.2.3/16"), &canonical));
        QCOMPARE(canonical, QStringLiteral("10.1.0.0/16"));
        QVERIFY(bans.add(QStringLiteral("2001:db8::/32"), &canonical));
        QVERIFY(bans.add(QStringLiteral("192.0.2.7"), &canonical));
        QCOMPARE(canonical, QStringLiteral("192.0.2.7/32"));
        QVERIFY(!bans.add(QStringLiteral("10.0.0.0/33"), &canonical));
        QVERIFY(!bans.add(QStringLiteral("hello"), &canonical));
        QVERIFY(!bans.add(QString(), &canonical));

        QVERIFY(bans.isBanned(QHostAddress(QStringLiteral("10.1.255.1"))));
        QVERIFY(!bans.isBanned(QHostAddress(QStringLiteral("10.2.0.1"))));
        QVERIFY(bans.isBanned(QHostAddress(QStringLiteral("::ffff:10.1.0.9")))); // dual stack
        QVERIFY(bans.isBanned(QHostAddress(QStringLiteral("2001:db8:1::5"))));
        QVERIFY(!bans.isBanned(QHostAddress(QStringLiteral("2001:db9::5"))));
        QVERIFY(bans.isBanned(QHostAddress(QStringLiteral("192.0.2.7"))));
        QVERIFY(!bans.isBanned(QHostAddress(QStringLiteral("192.0.2.8"))));
        QCOMPARE(bans.ranges().size(), 3);
        QVERIFY(bans.remove(QStringLiteral("10.1.9.9/16")));
        QVERIFY(!bans.isBanned(QHostAddress(QStringLiteral("10.1.255.1"))));
        QVERIFY(!bans.remove(QStringLiteral("10.1.0.0/16")));
    }
};

QTEST_GUILESS_MAIN(tst_AdminEndpoint)
#include "tst_adminendpoint.moc"
