#include "memoryserverfixture.h"

#include "testiothreads.h"

bool MemoryServerFixture::start(ServerConfig config)
{
    config.port = 0;
    config.dataDir = m_dataDir.path();
    config.storage = ServerConfig::Storage::Memory;
    applyTestIoThreads(&config);
    m_server = std::make_unique<ChatServer>(config);
    QString error;
    if (!m_server->listen(&error)) {
        qWarning("listen failed: %s", qPrintable(error));
        return false;
    }
    return true;
}

quint16 MemoryServerFixture::port() const
{
    return m_server->port();
}

void MemoryServerFixture::cleanup()
{
    m_server.reset();
}
