#pragma once

#include "chatclient.h"
#include "chatserver.h"
#include "clientsettings.h"
#include "mainwindow.h"
#include "serverconfig.h"
#include "socketioclient.h"

#include <QSettings>

#include <functional>
#include <memory>

/// Starts an in-process ChatServer on 127.0.0.1:@p port (0: any) with memory storage and no
/// rate limit unless @p tweak changes the config; nullptr (with a warning) when it fails.
std::unique_ptr<ChatServer> startTestServer(const QString& dataDir, quint16 port,
                                            const std::function<void(ServerConfig&)>& tweak = {});

/// A headless participant: a connection and a session, for the other side of UI tests.
class TestPeer
{
public:
    explicit TestPeer(quint16 port);

    /// Connects, joins @p room and waits for the server's confirmation. @return success.
    bool join(const QString& room);
    /// Sends @p text to @p room and waits until it is stored. @return success.
    bool say(const QString& room, const QString& text);

    SocketIoClient connection;
    ChatClient client;
};

/// The real MainWindow with its own settings file, connection and session.
class WindowUnderTest
{
public:
    /**
     * @param iniPath    the settings file (reuse it to "restart" the app); @p port the server.
     * @param outboxPath the outbox file (Outbox::setStorageFile); empty keeps it in memory.
     */
    WindowUnderTest(const QString& iniPath, quint16 port, const QString& outboxPath = {});
    ~WindowUnderTest();

    /// Shows the window, restores saved rooms and connects. @return false when not exposed.
    bool start();

    /// The child named @p name of the window (or of its open dialogs); nullptr when absent.
    template <typename T>
    T* widget(const char* name) const
    {
        T* found = window->findChild<T*>(QLatin1String(name));
        if (!found)
            qWarning("no widget %s", name);
        return found;
    }

    /// True once @p room is joined on the server.
    bool isJoined(const QString& room) const;

    std::unique_ptr<QSettings> store;
    std::unique_ptr<ClientSettings> settings;
    std::unique_ptr<SocketIoClient> connection;
    std::unique_ptr<ChatClient> client;
    std::unique_ptr<MainWindow> window;
};
