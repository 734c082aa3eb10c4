#include "nativewebsocketconnection.h"

#include "ioworker.h"
#include "ioworkerpool.h"
#include "websocketframewriter.h"

NativeWebSocketConnection::NativeWebSocketConnection(IoWorkerPool* pool, int worker, quint64 id,
                                                     const QHostAddress& peer, QObject* parent)
    : ClientConnection(parent)
    , m_pool(pool)
    , m_worker(worker)
    , m_id(id)
    , m_peer(peer)
    , m_unsent(std::make_shared<std::atomic<qint64>>(0))
{}

NativeWebSocketConnection::~NativeWebSocketConnection()
{
    if (!m_pool)
        return;
    m_pool->forget(this);
    if (!m_finished) {
        const quint64 id = m_id;
        m_pool->run(m_worker, [id](IoWorker* worker) { worker->abort(id); });
    }
}

void NativeWebSocketConnection::sendTextFrame(const QString& frame)
{
    if (m_closing || m_finished || !m_pool)
        return;
    const quint64 id = m_id;
    m_pool->run(m_worker, [id, bytes = WebSocketFrameWriter::textFrame(frame)](IoWorker* worker) {
        worker->send(id, bytes);
    });
}

void NativeWebSocketConnection::close(QWebSocketProtocol::CloseCode code, const QString& reason)
{
    if (m_closing || m_finished || !m_pool)
        return;
    m_closing = true;
    const quint64 id = m_id;
    m_pool->run(m_worker,
                [id, code, reason](IoWorker* worker) { worker->close(id, quint16(code), reason); });
}

void NativeWebSocketConnection::abort()
{
    if (m_finished || !m_pool)
        return;
    m_closing = true;
    // finished() comes back from the worker (synchronously with --threads 1).
    const quint64 id = m_id;
    m_pool->run(m_worker, [id](IoWorker* worker) { worker->abort(id); });
}

qint64 NativeWebSocketConnection::bytesToWrite() const
{
    return m_unsent->load(std::memory_order_relaxed);
}

void NativeWebSocketConnection::deliverText(const QString& text)
{
    if (!m_closing && !m_finished)
        Q_EMIT textFrameReceived(text);
}

void NativeWebSocketConnection::deliverBinary(const QByteArray& data)
{
    if (!m_closing && !m_finished)
        Q_EMIT binaryFrameReceived(data);
}

void NativeWebSocketConnection::deliverFinished(const QString& dropReason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    m_dropReason = dropReason;
    Q_EMIT disconnected();
}
