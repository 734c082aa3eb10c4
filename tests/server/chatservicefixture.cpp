#include "chatservicefixture.h"

#include "testcertificate.h"
#include "testclient.h"
#include "testiothreads.h"

#include <QDir>

namespace {

#ifdef CHAT_TEST_SQLITE
constexpr auto TestStorage = ServerConfig::Storage::Sqlite;
#else
constexpr auto TestStorage = ServerConfig::Storage::Memory;
#endif

#ifdef CHAT_TEST_TLS
// One certificate for the whole run of a suite; the data directory is emptied per test.
const TestCertificate& certificate()
{
    static const TestCertificate made;
    return made;
}
#endif

} // namespace

ServerConfig ChatServiceFixture::baseConfig() const
{
    ServerConfig config;
    config.port = 0;
    config.dataDir = m_dataDir.path();
    config.storage = TestStorage;
    config.messageRate = 0; // unlimited unless a test says otherwise
#ifdef CHAT_TEST_TLS
    // The same suite over wss:// (QWebSocketServer) instead of our own ws:// codec.
    TestClient::setTls(true);
    config.tlsCertFile = certificate().certPath();
    config.tlsKeyFile = certificate().keyPath();
#endif
    return config;
}

bool ChatServiceFixture::start(ServerConfig config)
{
    applyTestIoThreads(&config);
    m_server = std::make_unique<ChatServer>(config);
    QString error;
    if (!m_server->listen(&error)) {
        qWarning("listen failed: %s", qPrintable(error));
        return false;
    }
    return m_server->port() != 0;
}

quint16 ChatServiceFixture::port() const
{
    return m_server->port();
}

void ChatServiceFixture::cleanup()
{
    m_server.reset();
    QDir(m_dataDir.path()).removeRecursively(); // each test starts without stored history
}

bool ChatServiceFixture::sendMany(TestClient& client, const QString& roomName,
                                  const QString& prefix, int count)
{
    for (int i = 1; i <= count; ++i) {
        const QJsonObject ack = client.request(QStringLiteral("send_message"),
                                               message(roomName, prefix + QString::number(i)));
        if (!ack.value(QStringLiteral("ok")).toBool())
            return false;
    }
    return true;
}

QJsonObject ChatServiceFixture::room(const QString& name)
{
    return QJsonObject{{QStringLiteral("room"), name}};
}

QJsonObject ChatServiceFixture::message(const QString& roomName, const QString& text,
                                        const QString& clientId)
{
    QJsonObject object{{QStringLiteral("room"), roomName}, {QStringLiteral("text"), text}};
    if (!clientId.isEmpty())
        object.insert(QStringLiteral("client_id"), clientId);
    return object;
}

QByteArray ChatServiceFixture::q(const char* json)
{
    QByteArray bytes(json);
    bytes.replace('\'', '"');
    return bytes;
}

QString ChatServiceFixture::errorCode(const QJsonObject& ack)
{
    return ack.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QList<qint64> ChatServiceFixture::seqsOf(const QJsonArray& messages)
{
    QList<qint64> seqs;
    for (const QJsonValue& m : messages)
        seqs.append(m.toObject().value(QStringLiteral("seq")).toInteger());
    return seqs;
}

QList<qint64> ChatServiceFixture::range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 i = first; i <= last; ++i)
        result.append(i);
    return result;
}
