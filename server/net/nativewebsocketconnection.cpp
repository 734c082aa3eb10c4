#include "nativewebsocketconnection.h"

#include "websocketframewriter.h"

using Kind = IoWorker::Command::Kind;

NativeWebSocketConnection::NativeWebSocketConnection(WorkerMailbox* pool, int worker, quint64 id,
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
    if (!m_finished)
        m_pool->post(m_worker, {.kind = Kind::Abort, .id = m_id});
}

void NativeWebSocketConnection::sendText(const QByteArray& utf8, Urgency urgency)
{
    if (m_closing || m_finished || !m_pool)
        return;
    m_pool->post(m_worker, {.kind = urgency == Urgency::Reply ? Kind::SendReply : Kind::Send,
                            .id = m_id,
                            .bytes = WebSocketFrameWriter::frame(WebSocketOpcode::Text, utf8)});
}

void NativeWebSocketConnection::sendPing()
{
    if (m_closing || m_finished || !m_pool)
        return;
    m_pool->post(m_worker, {.kind = Kind::Send,
                            .id = m_id,
                            .bytes = WebSocketFrameWriter::frame(WebSocketOpcode::Ping, {})});
}

void NativeWebSocketConnection::close(quint16 code, const QString& reason)
{
    if (m_closing || m_finished || !m_pool)
        return;
    m_closing = true;
    m_pool->post(m_worker, {.kind = Kind::Close, .code = code, .id = m_id, .reason = reason});
}

void NativeWebSocketConnection::abort()
{
    if (m_finished || !m_pool)
        return;
    m_closing = true;
    // finished() comes back from the worker (synchronously with --threads 1).
    m_pool->post(m_worker, {.kind = Kind::Abort, .id = m_id});
}

qint64 NativeWebSocketConnection::bytesToWrite() const
{
    return m_unsent->load(std::memory_order_relaxed);
}

Multicast* NativeWebSocketConnection::multicast() const
{
    return m_pool ? m_pool->multicast(m_worker) : nullptr;
}

void NativeWebSocketConnection::deliverText(const QByteArray& utf8)
{
    if (!m_closing && !m_finished)
        Q_EMIT textReceived(utf8);
}

void NativeWebSocketConnection::deliverBinary(const QByteArray& data)
{
    if (!m_closing && !m_finished)
        Q_EMIT binaryReceived(data);
}

void NativeWebSocketConnection::deliverPong()
{
    if (!m_closing && !m_finished)
        Q_EMIT pongReceived();
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
