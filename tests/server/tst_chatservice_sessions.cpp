// End-to-end tests of the chat application over real WebSockets on loopback: identities
// (tokens, resume) and the server's lifetime (shutdown, port release).
// Built twice (tests/server/CMakeLists.txt): on memory storage, and as
// tst_chatservice_sessions_sqlite on SQLite.

#include "chatservicefixture.h"
#include "testclient.h"
#include "tokensigner.h"

#include <QSignalSpy>
#include <QTest>

class tst_ChatServiceSessions : public ChatServiceFixture
{
    Q_OBJECT

private Q_SLOTS:
    void tokens()
    {
        QVERIFY(start(baseConfig()));
        TestClient first;
        QVERIFY(first.connectTo(port()));
        QCOMPARE(first.session().resumed, false);
        QVERIFY(first.session().userId.startsWith(QLatin1String("u_")));
        QVERIFY(!first.session().handle.isEmpty());

        TestClient resumed;
        QVERIFY(resumed.connectTo(port(),
                                  QJsonObject{{QStringLiteral("token"), first.session().token}}));
        QCOMPARE(resumed.session().resumed, true);
        QCOMPARE(resumed.session().userId, first.session().userId);
        QCOMPARE(resumed.session().handle, first.session().handle);

        // A token of the same user with a tampered signature, and an expired one.
        QString token = first.session().token;
        token[token.size() - 2] =
            token[token.size() - 2] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QByteArray secret;
        QString error;
        QVERIFY(TokenSigner::loadOrCreateSecret(m_dataDir.path(), &secret, &error));
        const QString expired = TokenSigner(secret).sign(first.session().userId,
                                                         QDateTime::currentSecsSinceEpoch() - 1);
        const QString valid = TokenSigner(secret).sign(first.session().userId,
                                                       QDateTime::currentSecsSinceEpoch() + 60);
        for (const QString& bad : {token, expired, QStringLiteral("garbage"), QString()}) {
            TestClient other;
            QVERIFY(other.connectTo(port(), QJsonObject{{QStringLiteral("token"), bad}}));
            QCOMPARE(other.session().resumed, false);
            QVERIFY(other.session().userId != first.session().userId);
        }
        // The secret in the data directory is what signs: a token made with it resumes.
        TestClient signedHere;
        QVERIFY(signedHere.connectTo(port(), QJsonObject{{QStringLiteral("token"), valid}}));
        QCOMPARE(signedHere.session().userId, first.session().userId);
    }

    void shutdownSendsNoticeAndCloses()
    {
        QVERIFY(start(baseConfig()));
        TestClient a;
        QVERIFY(a.connectTo(port()));
        QSignalSpy finished(m_server.get(), &ChatServer::finished);
        m_server->shutdown();
        QVERIFY(a.waitForClosed());
        QVERIFY(finished.wait(5000) || finished.size() == 1);
        QCOMPARE(a.events(QStringLiteral("notice")).size(), 1);
        const QJsonObject notice = a.events(QStringLiteral("notice")).constFirst();
        QCOMPARE(notice.value(QStringLiteral("code")).toString(), QStringLiteral("shutting_down"));
        QVERIFY(notice.value(QStringLiteral("retry_after_ms")).toInteger() > 0);
        QVERIFY(!a.frames().contains(QStringLiteral("41")));
        QCOMPARE(a.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    }

    void deletingTheServerFreesThePort()
    {
        QVERIFY(start(baseConfig()));
        const quint16 used = port();
        TestClient a;
        QVERIFY(a.connectTo(used));
        m_server.reset();
        QVERIFY(a.waitForClosed());
        ServerConfig config = baseConfig();
        config.port = used;
        QVERIFY(start(config));
        TestClient b;
        QVERIFY(b.connectTo(used));
    }
};

QTEST_GUILESS_MAIN(tst_ChatServiceSessions)
#include "tst_chatservice_sessions.moc"
