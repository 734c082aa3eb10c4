#pragma once

#include <QString>

class ClientConnection;

/**
 * Delivers pre-encoded frames to the connections subscribed to a room. The local
 * implementation writes to this process's sockets; a cluster bus (Redis, issue 7) would
 * publish to every node and deliver to each node's local subscribers.
 */
class RoomFanout
{
public:
    virtual ~RoomFanout() = default;

    /// Adds @p connection to @p room's recipients (idempotent).
    virtual void subscribe(const QString& room, ClientConnection* connection) = 0;
    /// Removes @p connection from @p room's recipients (idempotent).
    virtual void unsubscribe(const QString& room, ClientConnection* connection) = 0;
    /**
     * Sends @p frame, a complete text frame encoded once by the caller, to every recipient
     * of @p room except @p except (may be null). The same implicitly shared QString goes to
     * every recipient: no per-recipient encoding.
     * @return the number of local recipients it was queued for.
     */
    virtual int publish(const QString& room, const QString& frame,
                        const ClientConnection* except = nullptr) = 0;
};
