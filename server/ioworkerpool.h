#pragma once

#include "ioworker.h"
#include "streamevents.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <vector>

class NativeWebSocketConnection;
class QAbstractEventDispatcher;
class QThread;

/**
 * The server's I/O threads (`--threads`): each runs an event loop with an IoWorker that
 * owns a share of the WebSocket connections, assigned round-robin. With one thread the
 * single IoWorker lives on the pool's own (main) thread and every call is direct.
 *
 * The chat service stays on the main thread: a connection's messages are handed to its
 * NativeWebSocketConnection there, and what the service sends (replies, and broadcasts via
 * PoolRoomFanout) is queued on the connection's worker, in order (posted events to one
 * receiver keep their order).
 */
class IoWorkerPool : public QObject, private StreamEvents
{
    Q_OBJECT

public:
    using DispatcherFactory = std::function<QAbstractEventDispatcher*()>;

    /**
     * @param threads           I/O threads, >= 1 (1: on this thread).
     * @param dispatcherFactory makes each extra thread's event dispatcher (e.g. epoll);
     *                          null: Qt's default.
     */
    IoWorkerPool(int threads, const IoWorker::Limits& limits,
                 const DispatcherFactory& dispatcherFactory, QObject* parent = nullptr);
    /// Closes every stream and joins the threads.
    ~IoWorkerPool() override;

    int threadCount() const { return int(m_workers.size()); }

    /**
     * Takes over @p fd, a TCP connection whose WebSocket upgrade request was accepted, and
     * queues @p handshakeResponse on it. Reading starts with startReading(), so that the
     * caller can connect to the returned connection first (owned by the caller).
     */
    NativeWebSocketConnection* adopt(int fd, const QHostAddress& peer,
                                     const QByteArray& handshakeResponse);
    /// Parses @p input (bytes read past the upgrade request), then reads the socket.
    void startReading(NativeWebSocketConnection* connection, const QByteArray& input);

    /**
     * Runs @p task(worker) on worker @p index's thread: at once when that is this thread,
     * else as a posted call. Calls for one worker run in the order made.
     */
    template <typename Task>
    void run(int index, Task&& task)
    {
        IoWorker* worker = m_workers[size_t(index)];
        if (m_threads.empty()) {
            task(worker);
            return;
        }
        QMetaObject::invokeMethod(
            worker, [worker, task = std::forward<Task>(task)]() mutable { task(worker); },
            Qt::QueuedConnection);
    }

    /// Called by a NativeWebSocketConnection being destroyed.
    void forget(NativeWebSocketConnection* connection);

private:
    void textReceived(quint64 id, const QString& text) override;
    void binaryReceived(quint64 id, const QByteArray& data) override;
    void finished(quint64 id, const QString& dropReason) override;
    /// Runs @p task on this (the service's) thread.
    template <typename Task>
    void toService(Task&& task);

    std::vector<IoWorker*> m_workers;
    std::vector<QThread*> m_threads; ///< empty with one thread
    QHash<quint64, NativeWebSocketConnection*> m_connections;
    quint64 m_nextId = 0;
    size_t m_nextWorker = 0;
};
