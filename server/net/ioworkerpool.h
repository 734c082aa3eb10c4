#pragma once

#include "connectionlimits.h"
#include "ioworker.h"
#include "streamevents.h"
#include "workermailbox.h"

#include <QHash>
#include <QHostAddress>

#include <functional>
#include <memory>
#include <vector>

class Multicast;
class NativeWebSocketConnection;
class QAbstractEventDispatcher;
class QThread;

/**
 * The server's I/O threads (`--threads`): each runs an event loop with an IoWorker that
 * owns a share of the WebSocket connections, assigned round-robin. With one thread the
 * single IoWorker lives on the pool's own (main) thread and every command is applied at once.
 *
 * The layers above stay on the pool's thread: a connection's messages are handed to its
 * NativeWebSocketConnection there, and what they send is posted to the connection's worker
 * as IoWorker commands, in order. Each worker also serves as a Multicast (multicast()), so
 * that a room broadcast is framed once and handed to each worker with members once.
 */
class IoWorkerPool : public WorkerMailbox, private StreamEvents
{
    Q_OBJECT

public:
    using DispatcherFactory = std::function<QAbstractEventDispatcher*()>;

    /**
     * @param threads           I/O threads, >= 1 (1: on this thread).
     * @param limits            applied to every connection (ConnectionLimits).
     * @param dispatcherFactory makes each extra thread's event dispatcher (e.g. epoll);
     *                          null: Qt's default.
     */
    IoWorkerPool(int threads, const ConnectionLimits& limits,
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

    /// Hands @p command to worker @p index (applied at once with one thread).
    void post(int index, IoWorker::Command&& command) override;
    /// Worker @p index as a Multicast over its connections (owned by the pool).
    Multicast* multicast(int index) const override;

    /// Called by a NativeWebSocketConnection being destroyed.
    void forget(NativeWebSocketConnection* connection) override;

protected:
    /// Runs the TaskEvents the I/O threads post (toOwner()).
    bool event(QEvent* event) override;

private:
    class WorkerMulticast;

    void textReceived(quint64 id, const QByteArray& utf8) override;
    void binaryReceived(quint64 id, const QByteArray& data) override;
    void pongReceived(quint64 id) override;
    void finished(quint64 id, const QString& dropReason) override;
    /// Runs @p task on this (the layers above's) thread.
    template <typename Task>
    void toOwner(Task&& task);
    /// @p utf8 as a Text frame; the last one is kept, as a broadcast is framed once for
    /// every worker it goes to.
    QByteArray textFrame(const QByteArray& utf8);

    std::vector<IoWorker*> m_workers;
    std::vector<QThread*> m_threads; ///< empty with one thread
    std::vector<std::unique_ptr<WorkerMulticast>> m_multicasts;
    QHash<quint64, NativeWebSocketConnection*> m_connections;
    quint64 m_nextId = 0;
    size_t m_nextWorker = 0;
    QByteArray m_lastText;  ///< the text of m_lastFrame (kept: its address identifies it)
    QByteArray m_lastFrame; ///< textFrame(m_lastText)
};
