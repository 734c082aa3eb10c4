#include "ioworkerpool.h"

#include "nativewebsocketconnection.h"
#include "serverlogging.h"

#include <QAbstractEventDispatcher>
#include <QThread>

IoWorkerPool::IoWorkerPool(int threads, const IoWorker::Limits& limits,
                           const DispatcherFactory& dispatcherFactory, QObject* parent)
    : QObject(parent)
{
    threads = std::max(1, threads);
    if (threads == 1) {
        m_workers.push_back(new IoWorker(this, limits, this));
        return;
    }
    for (int i = 0; i < threads; ++i) {
        auto* thread = new QThread;
        thread->setObjectName(QStringLiteral("chat-io-%1").arg(i));
        if (QAbstractEventDispatcher* dispatcher =
                dispatcherFactory ? dispatcherFactory() : nullptr)
            thread->setEventDispatcher(dispatcher);
        auto* worker = new IoWorker(this, limits);
        worker->moveToThread(thread);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
    qCInfo(lcServerNet) << "WebSocket I/O on" << threads << "threads";
}

IoWorkerPool::~IoWorkerPool()
{
    if (m_threads.empty()) {
        delete m_workers.front();
        return;
    }
    QThread* home = thread();
    for (size_t i = 0; i < m_workers.size(); ++i) {
        IoWorker* worker = m_workers[i];
        // Streams and timers die on their own thread; the worker object then comes home.
        QMetaObject::invokeMethod(
            worker,
            [worker, home] {
                worker->shutdown();
                worker->moveToThread(home);
            },
            Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete worker;
        delete m_threads[i];
    }
}

NativeWebSocketConnection* IoWorkerPool::adopt(int fd, const QHostAddress& peer,
                                               const QByteArray& handshakeResponse)
{
    const quint64 id = ++m_nextId;
    const int index = int(m_nextWorker++ % m_workers.size());
    auto* connection = new NativeWebSocketConnection(this, index, id, peer);
    m_connections.insert(id, connection);
    run(index, [id, fd, handshakeResponse, unsent = connection->unsentCounter()](IoWorker* worker) {
        worker->adopt(id, fd, handshakeResponse, unsent);
    });
    return connection;
}

void IoWorkerPool::startReading(NativeWebSocketConnection* connection, const QByteArray& input)
{
    const quint64 id = connection->streamId();
    run(connection->worker(), [id, input](IoWorker* worker) { worker->startReading(id, input); });
}

void IoWorkerPool::forget(NativeWebSocketConnection* connection)
{
    m_connections.remove(connection->streamId());
}

template <typename Task>
void IoWorkerPool::toService(Task&& task)
{
    if (m_threads.empty())
        task();
    else
        QMetaObject::invokeMethod(this, std::forward<Task>(task), Qt::QueuedConnection);
}

void IoWorkerPool::textReceived(quint64 id, const QString& text)
{
    toService([this, id, text] {
        if (NativeWebSocketConnection* connection = m_connections.value(id))
            connection->deliverText(text);
    });
}

void IoWorkerPool::binaryReceived(quint64 id, const QByteArray& data)
{
    toService([this, id, data] {
        if (NativeWebSocketConnection* connection = m_connections.value(id))
            connection->deliverBinary(data);
    });
}

void IoWorkerPool::finished(quint64 id, const QString& dropReason)
{
    toService([this, id, dropReason] {
        if (NativeWebSocketConnection* connection = m_connections.value(id))
            connection->deliverFinished(dropReason);
    });
}
