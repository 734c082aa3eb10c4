// AdminServer: one request per connection, read whole (head, then Content-Length bytes of
// body, however they arrive), answered through AdminApi and closed; and its refusals
// (431, 400, 411, 413) before the API sees anything.

#include "adminfixture.h"
#include "adminserver.h"
#include "pollinglink.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Authorization = QByteArray("Authorization: Bearer ") + AdminFixture::Token;

/// An AdminServer on loopback over an AdminFixture.
struct Fixture
{
    Fixture() { QVERIFY(server.listen(QHostAddress::LocalHost)); }

    AdminFixture admin;
    AdminServer server{&admin.api};
};

} // namespace

class tst_AdminServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersOneRequestAndCloses()
    {
        Fixture f;
        PollingLink client(f.server.serverPort());
        QVERIFY(client.waitConnected());
        client.send("GET", "/admin/rooms", {}, {Authorization});
        const auto answer = client.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(QJsonDocument::fromJson(answer->body).object().value(u"ok"_s).toBool(), true);
        QTRY_VERIFY(client.isClosed());
    }

    void withoutTheTokenIs401()
    {
        Fixture f;
        PollingLink client(f.server.serverPort());
        QVERIFY(client.waitConnected());
        client.send("GET", "/admin/rooms");
        QCOMPARE(client.next()->status, 401);
    }

    void bodyArrivingInPiecesIsReadWhole()
    {
        Fixture f;
        PollingLink client(f.server.serverPort());
        QVERIFY(client.waitConnected());
        const QByteArray body = R"({"cidr":"198.51.100.0/24"})";
        client.sendRaw("POST /admin/bans HTTP/1.1\r\n" + Authorization + "\r\nContent-Length: " +
                       QByteArray::number(body.size()) + "\r\n\r\n" + body.left(5));
        // An answer now would be to half a body: the ban must come from the whole one.
        QCoreApplication::processEvents();
        QVERIFY(!client.hasResponse());
        client.sendRaw(body.mid(5));
        const auto answer = client.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QVERIFY(f.admin.bans.isBanned(QHostAddress(u"198.51.100.1"_s)));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("head too large")
            << "GET /admin/rooms HTTP/1.1\r\nX-Big: " + QByteArray(AdminServer::MaxHeadBytes, 'a') +
                   "\r\n\r\n"
            << 431;
        QTest::newRow("malformed") << QByteArray("NOT HTTP\r\n\r\n") << 400;
        QTest::newRow("bad length")
            << QByteArray("POST /admin/bans HTTP/1.1\r\nContent-Length: lots\r\n\r\n") << 400;
        QTest::newRow("chunked")
            << QByteArray("POST /admin/bans HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
        QTest::newRow("body too large")
            << "POST /admin/bans HTTP/1.1\r\nContent-Length: " +
                   QByteArray::number(AdminServer::MaxBodyBytes + 1) + "\r\n\r\n"
            << 413;
    }

    void refusals()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        Fixture f;
        PollingLink client(f.server.serverPort());
        QVERIFY(client.waitConnected());
        client.sendRaw(request);
        const auto answer = client.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, status);
        QCOMPARE(QJsonDocument::fromJson(answer->body).object().value(u"ok"_s).toBool(true), false);
        QTRY_VERIFY(client.isClosed());
    }
};

QTEST_GUILESS_MAIN(tst_AdminServer)
#include "tst_adminserver.moc"
