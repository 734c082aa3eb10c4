#pragma once

#include "chatserver.h"
#include "serverconfig.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class TestClient;

/**
 * What the ChatService end-to-end suites (tst_chatservice_*.cpp) share: a ChatServer on
 * loopback over a fresh data directory, and helpers to build requests and read answers.
 * A suite derives from it; its cleanup() slot runs after each test function.
 *
 * Compiled into each suite, because the storage follows the suite's build: the
 * `*_sqlite` variants define CHAT_TEST_SQLITE and run on the default SQLite storage, the
 * others on memory.
 */
class ChatServiceFixture : public QObject
{
    Q_OBJECT

protected:
    /// Port 0, the fixture's data directory and storage, no rate limit.
    ServerConfig baseConfig() const;
    /// Starts a server with @p config (I/O threads: applyTestIoThreads()); false (with a
    /// warning) when it cannot listen.
    bool start(ServerConfig config);
    /// The started server's port.
    quint16 port() const;

    /// Sends @p count messages "<prefix><i>" to @p roomName and checks each ack.
    static bool sendMany(TestClient& client, const QString& roomName, const QString& prefix,
                         int count);

    /// `{"room":name}`, the payload of join_room, leave_room and history.
    static QJsonObject room(const QString& name);
    /// A send_message payload; `client_id` only when @p clientId is not empty.
    static QJsonObject message(const QString& roomName, const QString& text,
                               const QString& clientId = {});
    /// JSON written with single quotes, for readable tables: q("{'a':1}") is {"a":1}.
    static QByteArray q(const char* json);
    /// The `error.code` of an ack, "" when it has none.
    static QString errorCode(const QJsonObject& ack);
    /// The `seq` of each message in @p messages.
    static QList<qint64> seqsOf(const QJsonArray& messages);
    /// first, first + 1, ..., last.
    static QList<qint64> range(qint64 first, qint64 last);

    QTemporaryDir m_dataDir;
    std::unique_ptr<ChatServer> m_server;

private Q_SLOTS:
    /// After each test: deletes the server and the stored history, so that each starts empty.
    void cleanup();
};
