#include "uiharness.h"

#include "clientsession.h"
#include "joinedroomsmodel.h"
#include "messagelistmodel.h"
#include "outbox.h"
#include "reconnectbackoff.h"

#include <QTest>

std::unique_ptr<ChatServer> startTestServer(const QString& dataDir, quint16 port,
                                            const std::function<void(ServerConfig&)>& tweak)
{
    ServerConfig config;
    config.host = QStringLiteral("127.0.0.1");
    config.port = port;
    config.dataDir = dataDir; // same secret across restarts: identities resume
    config.storage = ServerConfig::Storage::Memory;
    config.messageRate = 0;
    if (tweak)
        tweak(config);
    auto server = std::make_unique<ChatServer>(config);
    QString error;
    if (!server->listen(&error)) {
        qWarning("listen failed: %s", qPrintable(error));
        return nullptr;
    }
    return server;
}

TestPeer::TestPeer(quint16 port)
    : client(&connection)
{
    connection.setServerUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port));
}

bool TestPeer::join(const QString& room)
{
    connection.open();
    client.joinRoom(room);
    const int row = client.joinedRooms()->rowOf(room);
    return QTest::qWaitFor([&] {
        return client.joinedRooms()->index(row).data(JoinedRoomsModel::JoinedRole).toBool();
    });
}

bool TestPeer::say(const QString& room, const QString& text)
{
    MessageListModel* model = client.messages(room);
    if (!model || !client.sendMessage(room, text))
        return false;
    return QTest::qWaitFor([model] { return model->pendingMessages().isEmpty(); });
}

WindowUnderTest::WindowUnderTest(const QString& iniPath, quint16 port, const QString& outboxPath)
    : store(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
    , settings(std::make_unique<ClientSettings>(store.get()))
    , connection(std::make_unique<SocketIoClient>())
    , client(std::make_unique<ChatClient>(connection.get()))
{
    settings->setServerUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port));
    connection->setServerUrl(settings->serverUrl());
    // Fast reconnection keeps the recovery tests short; the backoff has its own tests.
    connection->setBackoff(ReconnectBackoff(50, 200, 0.0));
    client->clientSession()->setResumeToken(settings->identityToken());
    if (!outboxPath.isEmpty())
        client->outbox()->setStorageFile(outboxPath);
    window = std::make_unique<MainWindow>(client.get(), settings.get());
}

WindowUnderTest::~WindowUnderTest()
{
    window.reset();
    client.reset();
    connection.reset();
}

bool WindowUnderTest::start()
{
    window->restoreRooms();
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return false;
    connection->open();
    return true;
}

bool WindowUnderTest::isJoined(const QString& room) const
{
    const JoinedRoomsModel* rooms = client->joinedRooms();
    return rooms->index(rooms->rowOf(room)).data(JoinedRoomsModel::JoinedRole).toBool();
}
