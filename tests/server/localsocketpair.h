#pragma once

#include <QByteArray>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

/**
 * A connected pair of stream sockets for tests of classes that take a descriptor
 * (HandshakeReader, WebSocketStream): the class under test gets `server`, the test plays
 * the client on `client`, which is non-blocking so that reading never waits.
 */
struct LocalSocketPair
{
    int server = -1; ///< handed to the class under test, which owns it from then on
    int client = -1; ///< closed by the destructor unless closeClient() came first

    LocalSocketPair()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0) {
            server = fds[0];
            client = fds[1];
            ::fcntl(client, F_SETFL, ::fcntl(client, F_GETFL) | O_NONBLOCK);
        }
    }
    ~LocalSocketPair()
    {
        if (client >= 0)
            ::close(client);
    }
    LocalSocketPair(const LocalSocketPair&) = delete;
    LocalSocketPair& operator=(const LocalSocketPair&) = delete;

    /// Writes @p bytes as the client; false unless all were taken.
    bool send(const QByteArray& bytes) const
    {
        return ::write(client, bytes.constData(), size_t(bytes.size())) == bytes.size();
    }
    /// Everything the server side has written so far (without waiting).
    QByteArray receive() const
    {
        QByteArray bytes;
        char buffer[65536];
        for (;;) {
            const ssize_t count = ::read(client, buffer, sizeof buffer);
            if (count <= 0)
                return bytes;
            bytes.append(buffer, count);
        }
    }
    /// Whether the server side has been closed (the client reads end of stream).
    bool serverClosed() const
    {
        char byte;
        return ::read(client, &byte, 1) == 0;
    }
    void closeClient()
    {
        ::close(client);
        client = -1;
    }
};
