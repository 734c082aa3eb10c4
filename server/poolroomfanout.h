#pragma once

#include "localroomfanout.h"
#include "roomfanout.h"

#include <QHash>
#include <QList>

#include <vector>

class IoWorkerPool;
class NativeWebSocketConnection;

/**
 * RoomFanout across the IoWorkerPool's threads. For each room it keeps how many of its
 * NativeWebSocketConnections each worker holds; publish() frames the text once
 * (WebSocketFrameWriter) and posts that one QByteArray to each worker with members, which
 * queues it on its own streams (IoWorker::publish). Other connections (TLS, tests' fakes)
 * go through a LocalRoomFanout and get the QString.
 *
 * Lives on the chat service's thread. A cluster bus (Redis) would sit in front of this:
 * publish to the other nodes, deliver here.
 */
class PoolRoomFanout : public RoomFanout
{
public:
    explicit PoolRoomFanout(IoWorkerPool* pool);

    void subscribe(const QString& room, ClientConnection* connection) override;
    void unsubscribe(const QString& room, ClientConnection* connection) override;
    int publish(const QString& room, const QString& frame,
                const ClientConnection* except = nullptr) override;

private:
    struct Room
    {
        QList<NativeWebSocketConnection*> natives; ///< their streams are on workers
        std::vector<int> perWorker;                ///< natives per worker index
    };

    IoWorkerPool* const m_pool;
    QHash<QString, Room> m_rooms; ///< native members only
    LocalRoomFanout m_others;     ///< every other kind of connection
};
