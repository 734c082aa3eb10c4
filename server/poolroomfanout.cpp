#include "poolroomfanout.h"

#include "ioworkerpool.h"
#include "nativewebsocketconnection.h"
#include "websocketframewriter.h"

PoolRoomFanout::PoolRoomFanout(IoWorkerPool* pool)
    : m_pool(pool)
{}

void PoolRoomFanout::subscribe(const QString& room, ClientConnection* connection)
{
    Room& entry = m_rooms[room];
    auto* native = qobject_cast<NativeWebSocketConnection*>(connection);
    if (!native) {
        if (!entry.others.contains(connection))
            entry.others.append(connection);
        return;
    }
    if (entry.natives.contains(native))
        return;
    entry.natives.append(native);
    if (entry.perWorker.empty())
        entry.perWorker.resize(size_t(m_pool->threadCount()));
    ++entry.perWorker[size_t(native->worker())];
    const quint64 id = native->streamId();
    m_pool->run(native->worker(), [room, id](IoWorker* worker) { worker->subscribe(room, id); });
}

void PoolRoomFanout::unsubscribe(const QString& room, ClientConnection* connection)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    auto* native = qobject_cast<NativeWebSocketConnection*>(connection);
    if (!native) {
        it->others.removeOne(connection);
    } else if (it->natives.removeOne(native)) {
        --it->perWorker[size_t(native->worker())];
        const quint64 id = native->streamId();
        m_pool->run(native->worker(),
                    [room, id](IoWorker* worker) { worker->unsubscribe(room, id); });
    }
    if (it->others.isEmpty() && it->natives.isEmpty())
        m_rooms.erase(it);
}

int PoolRoomFanout::publish(const QString& room, const QString& frame,
                            const ClientConnection* except)
{
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd())
        return 0;
    // Copies (implicitly shared or tiny): a send may close a socket, whose handler may then
    // unsubscribe and change m_rooms while we iterate.
    const QList<ClientConnection*> others = it->others;
    const std::vector<int> perWorker = it->perWorker;
    int count = 0;
    if (!it->natives.isEmpty()) {
        auto* exceptNative = qobject_cast<const NativeWebSocketConnection*>(except);
        const quint64 exceptId =
            exceptNative && it->natives.contains(exceptNative) ? exceptNative->streamId() : 0;
        count = int(it->natives.size()) - (exceptId ? 1 : 0);
        // Framed once; the same bytes go to every worker and every stream.
        const QByteArray bytes = WebSocketFrameWriter::textFrame(frame);
        for (size_t index = 0; index < perWorker.size(); ++index) {
            if (perWorker[index] == 0)
                continue;
            m_pool->run(int(index), [room, bytes, exceptId](IoWorker* worker) {
                worker->publish(room, bytes, exceptId);
            });
        }
    }
    for (ClientConnection* connection : others) {
        if (connection == except)
            continue;
        connection->sendTextFrame(frame);
        ++count;
    }
    return count;
}

int PoolRoomFanout::subscriberCount(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? 0 : int(it->others.size() + it->natives.size());
}
