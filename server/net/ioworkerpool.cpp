#include "ioworkerpool.h"

#include "multicast.h"
#include "nativewebsocketconnection.h"
#include "netlogging.h"
#include "taskevent.h"
#include "websocketframewriter.h"

#include <QAbstractEventDispatcher>
#include <QThread>

#include <atomic>

/// Multicast over one worker: framed once, posted as one Publish command.
class IoWorkerPool::WorkerMulticast final : public Multicast
{
public:
    WorkerMulticast(IoWorkerPool* pool, int index)
        : m_pool(pool)
        , m_index(index)
    {}

    void join(quint64 group, quint64 key) override
    {
        m_pool->post(m_index, {.kind = Kind::Join, .id = key, .group = group});
    }
    void leave(quint64 group, quint64 key) override
    {
        m_pool->post(m_index, {.kind = Kind::Leave, .id = key, .group = group});
    }
    void send(quint64 group, const QByteArray& utf8, quint64 exceptKey) override
    {
        m_pool->post(m_index, {.kind = Kind::Publish,
                               .id = exceptKey,
                               .group = group,
                               .bytes = m_pool->textFrame(utf8)});
    }

private:
    using Kind = IoWorker::Command::Kind;

    IoWorkerPool* const m_pool;
    const int m_index;
};

IoWorkerPool::IoWorkerPool(int threads, const ConnectionLimits& limits,
                           const DispatcherFactory& dispatcherFactory, QObject* parent)
    : WorkerMailbox(parent)
{
    threads = std::max(1, threads);
    for (int i = 0; i < threads; ++i)
        m_multicasts.push_back(std::make_unique<WorkerMulticast>(this, i));
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
    qCInfo(lcNet) << "WebSocket I/O on" << threads << "threads";
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
        // Streams and timers die on their own thread; the worker object then comes home and
        // the thread ends. The flag publishes the worker's last writes to this thread (Qt's
        // QThread::wait() synchronizes inside uninstrumented QtCore: issue 18, tsan preset).
        std::atomic<bool> done{false};
        TaskEvent::post(worker, [worker, home, &done] {
            worker->shutdown();
            worker->moveToThread(home);
            done.store(true, std::memory_order_release);
            QThread::currentThread()->quit();
        });
        m_threads[i]->wait();
        if (!done.load(std::memory_order_acquire))
            qCWarning(lcNet) << "an I/O thread ended before its streams were closed";
        delete worker;
        delete m_threads[i];
    }
}

bool IoWorkerPool::event(QEvent* event)
{
    return TaskEvent::runIf(event) || QObject::event(event);
}

void IoWorkerPool::post(int index, IoWorker::Command&& command)
{
    IoWorker* worker = m_workers[size_t(index)];
    if (m_threads.empty())
        worker->execute(command);
    else
        worker->post(std::move(command));
}

Multicast* IoWorkerPool::multicast(int index) const
{
    return m_multicasts[size_t(index)].get();
}

QByteArray IoWorkerPool::textFrame(const QByteArray& utf8)
{
    if (utf8.constData() != m_lastText.constData() || utf8.size() != m_lastText.size()) {
        m_lastText = utf8;
        m_lastFrame = WebSocketFrameWriter::frame(WebSocketOpcode::Text, utf8);
    }
    return m_lastFrame;
}

NativeWebSocketConnection* IoWorkerPool::adopt(int fd, const QHostAddress& peer,
                                               const QByteArray& handshakeResponse)
{
    const quint64 id = ++m_nextId;
    const int index = int(m_nextWorker++ % m_workers.size());
    auto* connection = new NativeWebSocketConnection(this, index, id, peer);
    m_connections.insert(id, connection);
    post(index, {.kind = IoWorker::Command::Kind::Adopt,
                 .fd = fd,
                 .id = id,
                 .bytes = handshakeResponse,
                 .unsent = connection->unsentCounter()});
    return connection;
}

void IoWorkerPool::startReading(NativeWebSocketConnection* connection, const QByteArray& input)
{
    post(connection->worker(), {.kind = IoWorker::Command::Kind::StartReading,
                                .id = connection->multicastKey(),
                                .bytes = input});
}

void IoWorkerPool::forget(NativeWebSocketConnection* connection)
{
    m_connections.remove(connection->multicastKey());
}

template <typename Task>
void IoWorkerPool::toOwner(Task&& task)
{
    if (m_threads.empty())
        task();
    else
        TaskEvent::post(this, std::forward<Task>(task));
}

void IoWorkerPool::textReceived(quint64 id, const QByteArray& utf8)
{
    toOwner([this, id, utf8] {
        if (NativeWebSocketConnection* connection = m_connections.value(id))
            connection->deliverText(utf8);
    });
}

void IoWorkerPool::binaryReceived(quint64 id, const QByteArray& data)
{
    toOwner([this, id, data] {
        if (NativeWebSocketConnection* connection = m_connections.value(id))
            connection->deliverBinary(data);
    });
}

void IoWorkerPool::pongReceived(quint64 id)
{
    toOwner([this, id] {
        if (NativeWebSocketConnection* connection = m_connections.value(id))
            connection->deliverPong();
    });
}

void IoWorkerPool::finished(quint64 id, const QString& dropReason)
{
    toOwner([this, id, dropReason] {
        if (NativeWebSocketConnection* connection = m_connections.value(id))
            connection->deliverFinished(dropReason);
    });
}
