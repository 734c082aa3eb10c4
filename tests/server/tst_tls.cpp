// TLS end to end: the server with --tls-cert/--tls-key serves wss:// and https:// on its
// one port; the desktop client's SocketIoClient verifies the certificate and accepts a
// self-signed one only when it is pinned. The certificate is made at test time with the
// openssl command-line tool.

#include "chatserver.h"
#include "rawwebsocket.h"
#include "socketioclient.h"
#include "testcertificate.h"
#include "tlscredentials.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

class tst_Tls : public QObject
{
    Q_OBJECT

private:
    QString certPath() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    QString keyPath() const { return m_dir.filePath(QStringLiteral("key.pem")); }

    /// A configuration that trusts exactly the test certificate.
    QSslConfiguration trusting() const
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromPath(certPath()));
        return configuration;
    }

    QTemporaryDir m_dir;
    QTemporaryDir m_dataDir;
    std::unique_ptr<ChatServer> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QSslSocket::supportsSsl());
        const QString certificateError = TestCertificate::create(certPath(), keyPath());
        QVERIFY2(certificateError.isEmpty(), qPrintable(certificateError));

        ServerConfig config;
        config.port = 0;
        config.dataDir = m_dataDir.path();
        config.storage = ServerConfig::Storage::Memory;
        config.tlsCertFile = certPath();
        config.tlsKeyFile = keyPath();
        m_server = std::make_unique<ChatServer>(config);
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.reset(); }

    void badFilesAreOneLineErrors()
    {
        QSslConfiguration configuration;
        QString error;
        QVERIFY(!TlsCredentials::load(m_dir.filePath(QStringLiteral("missing.pem")), keyPath(),
                                      &configuration, &error));
        QVERIFY(error.startsWith(QLatin1String("--tls-cert")));
        QVERIFY(!TlsCredentials::load(certPath(), certPath(), &configuration, &error));
        QVERIFY(error.startsWith(QLatin1String("--tls-key")));
        QVERIFY(TlsCredentials::load(certPath(), keyPath(), &configuration, &error));
    }

    void wssCarriesSocketIo()
    {
        QWebSocket socket;
        socket.setSslConfiguration(trusting());
        QSignalSpy texts(&socket, &QWebSocket::textMessageReceived);
        socket.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket")
                             .arg(m_server->port())));
        QVERIFY(texts.wait(10000));
        const QString open = texts.constFirst().constFirst().toString();
        QVERIFY(open.startsWith(QLatin1String("0{")) && open.contains(QLatin1String("\"sid\"")));
        socket.sendTextMessage(QStringLiteral("40"));
        QTRY_VERIFY_WITH_TIMEOUT(texts.size() >= 3, 5000);
        QVERIFY(texts.at(1).constFirst().toString().startsWith(QLatin1String("40{\"sid\"")));
        QVERIFY(texts.at(2).constFirst().toString().startsWith(QLatin1String("42[\"session\"")));
    }

    void httpsServesHealth()
    {
        QSslSocket socket;
        socket.setSslConfiguration(trusting());
        QByteArray answer;
        connect(&socket, &QSslSocket::readyRead, this, [&] { answer += socket.readAll(); });
        QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
        QVERIFY(encrypted.wait(10000)); // (the server runs in this thread: no blocking waits)
        socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(answer.contains("\"status\":\"ok\""), 5000);
        QVERIFY(answer.startsWith("HTTP/1.1 200 "));
    }

    void plainWebSocketToTlsPortFails()
    {
        RawWebSocket plain;
        QVERIFY(!plain.upgrade(m_server->port(), {}, 10000));
        QCOMPARE(plain.httpStatus(), 0);
    }

    void clientVerifiesCertificate()
    {
        // Not in the system store and not pinned: the client never gets connected.
        SocketIoClient client;
        client.setConnectTimeoutMs(5000);
        client.setServerUrl(QStringLiteral("wss://127.0.0.1:%1").arg(m_server->port()));
        QSignalSpy states(&client, &SocketIoClient::stateChanged);
        client.open();
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == SocketIoClient::State::Reconnecting, 10000);
        for (const QList<QVariant>& change : std::as_const(states))
            QVERIFY(change.constFirst().value<SocketIoClient::State>() !=
                    SocketIoClient::State::Connected);
        client.close();
    }

    void clientAcceptsPinnedCertificate()
    {
        SocketIoClient client;
        client.setServerUrl(QStringLiteral("wss://127.0.0.1:%1").arg(m_server->port()));
        client.setPinnedCertificateSha256(
            QSslCertificate::fromPath(certPath()).constFirst().digest(QCryptographicHash::Sha256));
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SocketIoClient::State::Connected, 10000);
        client.close();
    }

    void clientRefusesOtherPinnedCertificate()
    {
        SocketIoClient client;
        client.setConnectTimeoutMs(5000);
        client.setServerUrl(QStringLiteral("wss://127.0.0.1:%1").arg(m_server->port()));
        client.setPinnedCertificateSha256(QByteArray(32, '\x42'));
        QSignalSpy states(&client, &SocketIoClient::stateChanged);
        client.open();
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == SocketIoClient::State::Reconnecting, 10000);
        for (const QList<QVariant>& change : std::as_const(states))
            QVERIFY(change.constFirst().value<SocketIoClient::State>() !=
                    SocketIoClient::State::Connected);
        client.close();
    }
};

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
