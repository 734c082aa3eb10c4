#pragma once

#include "fakesocketioserver.h"
#include "socketioclient.h"

/**
 * A SocketIoClient connected to its own FakeSocketIoServer, for the tests of the pieces
 * that send requests (Outbox, RoomRejoiner, RoomDirectory, TypingRelay, ClientSession).
 * Set server.handler before connect().
 */
struct FakeLink
{
    /// Listens on a free port and connects. @return false when not Connected within 5 s.
    bool connect();

    FakeSocketIoServer server;
    SocketIoClient connection;
};
