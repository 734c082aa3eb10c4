#include "poolroomfanout.h"

#include "ioworkerpool.h"
#include "nativewebsocketconnection.h"
#include "websocketframewriter.h"

PoolRoomFanout::PoolRoomFanout(IoWorkerPool* pool)
    : m_pool(pool)
{}

void PoolRoomFanout::subscribe(const QString& room, ClientConnection* connection)
{
    auto* native = qobject_cast<NativeWebSocketConnection*>(connection);
    if (!native) {
        m_others.subscribe(room, connection);
        return;
    }
    Room& entry = m_rooms[room];
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
    auto* native = qobject_cast<NativeWebSocketConnection*>(connection);
    if (!native) {
        m_others.unsubscribe(room, connection);
        return;
    }
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !it->natives.removeOne(native))
        return;
    --it->perWorker[size_t(native->worker())];
    const quint64 id = native->streamId();
    m_pool->run(native->worker(), [room, id](IoWorker* worker) { worker->unsubscribe(room, id); });
    if (it->natives.isEmpty())
        m_rooms.erase(it);
}

int PoolRoomFanout::publish(const QString& room, const QString& frame,
                            const ClientConnection* except)
{
    int count = 0;
    const auto it = m_rooms.constFind(room);
    if (it != m_rooms.constEnd()) {
        auto* exceptNative = qobject_cast<const NativeWebSocketConnection*>(except);
        const quint64 exceptId =
            exceptNative && it->natives.contains(exceptNative) ? exceptNative->streamId() : 0;
        count = int(it->natives.size()) - (exceptId ? 1 : 0);
        // Framed once; the same bytes go to every worker and every stream.
        const QByteArray bytes = WebSocketFrameWriter::textFrame(frame);
        for (size_t index = 0; index < it->perWorker.size(); ++index) {
            if (it->perWorker[index] == 0)
                continue;
            m_pool->run(int(index), [room, bytes, exceptId](IoWorker* worker) {
                worker->publish(room, bytes, exceptId);
            });
        }
    }
    // Last: a send to another kind of connection may close it, and its handler unsubscribe.
    return count + m_others.publish(room, frame, except);
}
