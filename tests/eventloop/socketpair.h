#pragma once

#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

// Both ends of a UNIX stream socket pair, closed on destruction.
struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair()
    {
        QVERIFY2(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0, "socketpair");
    }
    ~SocketPair()
    {
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    void send(int end = 1, char byte = 'x') const { QCOMPARE(::write(fds[end], &byte, 1), 1); }
    int drain(int end = 0) const
    {
        char buffer[4096];
        int total = 0;
        for (ssize_t n; (n = ::read(fds[end], buffer, sizeof buffer)) > 0;)
            total += int(n);
        return total;
    }
};
