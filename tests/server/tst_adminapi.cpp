// AdminApi::handle() without a socket: the token check, routes and methods, the rooms and
// connections lists, purge, disconnecting a user, bans (ttl, CIDR, drops, removal) and
// that the BanStore keeps them. (tst_adminendpoint runs the API on a server's admin port.)

#include "adminapi.h"
#include "adminfixture.h"
#include "banstore.h"
#include "memoryconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject bodyOf(const HttpResponse& response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QString errorCode(const HttpResponse& response)
{
    return bodyOf(response).value(u"error"_s)[u"code"_s].toString();
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// The user_id in the session frame of a `/ws` connection.
QString userOf(const MemoryConnection* connection)
{
    return QJsonDocument::fromJson(connection->sent.value(0))
        .object()
        .value(u"user_id"_s)
        .toString();
}

} // namespace

class tst_AdminApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenIsRequired_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<bool>("authorized");
        QTest::newRow("none") << QByteArray() << false;
        QTest::newRow("wrong token") << QByteArray("Bearer not-the-token") << false;
        QTest::newRow("prefix of the token") << QByteArray("Bearer an-admin") << false;
        QTest::newRow("other scheme") << QByteArray("Basic ") + AdminFixture::Token << false;
        QTest::newRow("scheme only") << QByteArray("Bearer ") << false;
        QTest::newRow("right") << QByteArray("Bearer ") + AdminFixture::Token << true;
        QTest::newRow("scheme in any case") << QByteArray("bEARER ") + AdminFixture::Token << true;
    }

    void tokenIsRequired()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(bool, authorized);
        AdminFixture f;
        const HttpRequest request = AdminFixture::request("GET", u"/admin/rooms"_s, authorization);
        QCOMPARE(f.api.isAuthorized(request), authorized);
        const HttpResponse response = f.api.handle(request, {});
        QCOMPARE(response.status, authorized ? 200 : 401);
        if (!authorized) {
            QCOMPARE(errorCode(response), u"unauthorized"_s);
            QCOMPARE(response.extraHeaders.first().first, "WWW-Authenticate");
        }
    }

    void routes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown path") << QByteArray("GET") << u"/admin/nope"_s << 404;
        QTest::newRow("wrong method") << QByteArray("DELETE") << u"/admin/rooms"_s << 405;
        QTest::newRow("GET on a POST route") << QByteArray("GET") << u"/admin/rooms/purge"_s << 405;
        QTest::newRow("connections") << QByteArray("GET") << u"/admin/connections"_s << 200;
        QTest::newRow("bans") << QByteArray("GET") << u"/admin/bans"_s << 200;
    }

    void routes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        AdminFixture f;
        const HttpResponse response = f.api.handle(AdminFixture::request(method, path), "{}");
        QCOMPARE(response.status, status);
        QCOMPARE(bodyOf(response).value(u"ok"_s).toBool(), status == 200);
    }

    void bodyMustBeAnObject()
    {
        AdminFixture f;
        const HttpResponse response =
            f.api.handle(AdminFixture::request("POST", u"/admin/rooms/purge"_s), "[1]");
        QCOMPARE(response.status, 400);
        QCOMPARE(errorCode(response), u"invalid_payload"_s);
    }

    void roomsAndConnections()
    {
        AdminFixture f;
        MemoryConnection* member = f.chat.connectJson(u"room=den"_s);
        member->receiveText("hello");
        const HttpResponse rooms =
            f.api.handle(AdminFixture::request("GET", u"/admin/rooms"_s), {});
        const QJsonArray list = bodyOf(rooms).value(u"rooms"_s).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0)[u"room"_s].toString(), u"den"_s);
        QCOMPARE(list.at(0)[u"members"_s].toInt(), 1);
        QCOMPARE(list.at(0)[u"last_seq"_s].toInteger(), 1);
        const HttpResponse connections =
            f.api.handle(AdminFixture::request("GET", u"/admin/connections"_s), {});
        QCOMPARE(bodyOf(connections).value(u"connections"_s).toArray().size(), 1);
    }

    void purge()
    {
        AdminFixture f;
        MemoryConnection* member = f.chat.connectJson(u"room=den"_s);
        member->receiveText("one");
        member->receiveText("two");
        const HttpResponse purged = f.api.handle(
            AdminFixture::request("POST", u"/admin/rooms/purge"_s), json({{u"room"_s, u"Den"_s}}));
        QCOMPARE(purged.status, 200);
        QCOMPARE(bodyOf(purged).value(u"room"_s).toString(), u"den"_s); // canonical
        QCOMPARE(bodyOf(purged).value(u"last_seq"_s).toInteger(), 2);   // the seq goes on
        QVERIFY(f.store.sliceBefore(u"den"_s, 100, 100).messages.isEmpty());
        QCOMPARE(errorCode(f.api.handle(AdminFixture::request("POST", u"/admin/rooms/purge"_s),
                                        json({{u"room"_s, u"bad room!"_s}}))),
                 u"invalid_room"_s);
        QCOMPARE(errorCode(f.api.handle(AdminFixture::request("POST", u"/admin/rooms/purge"_s),
                                        json({{u"room"_s, 5}}))),
                 u"invalid_payload"_s);
    }

    void disconnectUser()
    {
        AdminFixture f;
        MemoryConnection* target = f.chat.connectJson(QString());
        MemoryConnection* other = f.chat.connectJson(QString());
        const QString userId = userOf(target);
        QVERIFY(userId.startsWith(u"u_"_s));
        const HttpResponse response =
            f.api.handle(AdminFixture::request("POST", u"/admin/users/disconnect"_s),
                         json({{u"user_id"_s, userId}}));
        QCOMPARE(bodyOf(response).value(u"disconnected"_s).toInt(), 1);
        QCOMPARE(target->closeCode(), quint16(1008));
        QVERIFY(!other->isClosed());
        QCOMPARE(errorCode(f.api.handle(AdminFixture::request("POST", u"/admin/users/disconnect"_s),
                                        json({{u"user_id"_s, u"  "_s}}))),
                 u"invalid_payload"_s);
    }

    void banDropsTheRangeAndExpires()
    {
        AdminFixture f;
        MemoryConnection* local = f.chat.connectJson(QString());
        const HttpResponse added =
            f.api.handle(AdminFixture::request("POST", u"/admin/bans"_s),
                         json({{u"cidr"_s, u"127.0.0.0/8"_s}, {u"ttl_seconds"_s, 3600}}));
        QCOMPARE(added.status, 200);
        QCOMPARE(bodyOf(added).value(u"cidr"_s).toString(), u"127.0.0.0/8"_s);
        QCOMPARE(bodyOf(added).value(u"dropped"_s).toInt(), 1);
        QVERIFY(bodyOf(added).value(u"expires_at"_s).isString());
        QVERIFY(local->isClosed());
        QVERIFY(f.bans.isBanned(QHostAddress(u"127.1.2.3"_s)));
        const HttpResponse listed =
            f.api.handle(AdminFixture::request("GET", u"/admin/bans"_s), {});
        QCOMPARE(bodyOf(listed).value(u"bans"_s).toArray(), QJsonArray{u"127.0.0.0/8"_s});
        // Without ttl_seconds: no expiry.
        const HttpResponse permanent = f.api.handle(AdminFixture::request("POST", u"/admin/bans"_s),
                                                    json({{u"cidr"_s, u"203.0.113.0/24"_s}}));
        QVERIFY(bodyOf(permanent).value(u"expires_at"_s).isNull());
        QCOMPARE(bodyOf(permanent).value(u"dropped"_s).toInt(), 0);
        // Lifted once; then unknown.
        const auto remove = [&f] {
            return f.api.handle(AdminFixture::request("DELETE", u"/admin/bans"_s),
                                json({{u"cidr"_s, u"127.0.0.0/8"_s}}));
        };
        QCOMPARE(remove().status, 200);
        QVERIFY(!f.bans.isBanned(QHostAddress(u"127.1.2.3"_s)));
        QCOMPARE(remove().status, 404);
    }

    void badBans_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("code");
        QTest::newRow("not a range")
            << QJsonObject{{u"cidr"_s, u"everyone"_s}} << u"invalid_cidr"_s;
        QTest::newRow("no cidr") << QJsonObject{} << u"invalid_payload"_s;
        QTest::newRow("ttl zero") << QJsonObject{{u"cidr"_s, u"10.0.0.0/8"_s},
                                                 {u"ttl_seconds"_s, 0}}
                                  << u"invalid_ttl"_s;
        QTest::newRow("ttl fraction")
            << QJsonObject{{u"cidr"_s, u"10.0.0.0/8"_s}, {u"ttl_seconds"_s, 1.5}}
            << u"invalid_ttl"_s;
        QTest::newRow("ttl text") << QJsonObject{{u"cidr"_s, u"10.0.0.0/8"_s},
                                                 {u"ttl_seconds"_s, u"60"_s}}
                                  << u"invalid_ttl"_s;
        QTest::newRow("ttl over a year")
            << QJsonObject{{u"cidr"_s, u"10.0.0.0/8"_s}, {u"ttl_seconds"_s, 366.0 * 24 * 3600}}
            << u"invalid_ttl"_s;
    }

    void badBans()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, code);
        AdminFixture f;
        const HttpResponse response =
            f.api.handle(AdminFixture::request("POST", u"/admin/bans"_s), json(body));
        QCOMPARE(response.status, 400);
        QCOMPARE(errorCode(response), code);
        QVERIFY(f.bans.isEmpty());
    }

    void bansAreKept()
    {
        QTemporaryDir dir;
        BanStore banStore(dir.path());
        AdminFixture f(&banStore);
        f.api.handle(AdminFixture::request("POST", u"/admin/bans"_s),
                     json({{u"cidr"_s, u"198.51.100.0/24"_s}}));
        banStore.flush();
        BanList reloaded;
        QString error;
        QVERIFY2(BanStore(dir.path()).load(&reloaded, &error), qPrintable(error));
        QVERIFY(reloaded.isBanned(QHostAddress(u"198.51.100.7"_s)));
        f.api.handle(AdminFixture::request("DELETE", u"/admin/bans"_s),
                     json({{u"cidr"_s, u"198.51.100.0/24"_s}}));
        banStore.flush();
        BanList again;
        QVERIFY(BanStore(dir.path()).load(&again, &error));
        QVERIFY(again.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_AdminApi)
#include "tst_adminapi.moc"
