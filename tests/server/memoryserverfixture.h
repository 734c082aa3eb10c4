#pragma once

#include "chatserver.h"
#include "serverconfig.h"

#include <QObject>
#include <QTemporaryDir>

#include <memory>

/**
 * What the end-to-end suites that start one server per test function with their own limits
 * share (tst_engineioprotocol.cpp, tst_serverlimits.cpp, tst_nativewebsocket.cpp): a ChatServer on
 * loopback, any free port, memory storage, over a temporary data directory kept for the whole
 * suite. The rest of the config, the rate limits included, keeps ServerConfig's defaults unless a
 * test sets it. A suite derives from it; its cleanup() slot runs after each test function.
 */
class MemoryServerFixture : public QObject
{
    Q_OBJECT

protected:
    /**
     * Starts a server with @p config after setting its port (0), data directory and storage
     * (memory). @return false, with a warning naming the error, when it cannot listen.
     */
    bool start(ServerConfig config = {});
    /// The started server's port.
    quint16 port() const;

private Q_SLOTS:
    /// After each test: deletes the server, so that the next test starts its own.
    void cleanup();

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<ChatServer> m_server;
};
