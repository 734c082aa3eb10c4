#pragma once

#include "clientconnection.h"

#include <QPointer>

#include <atomic>
#include <memory>

class IoWorkerPool;

/**
 * ClientConnection over our own RFC 6455 implementation: the session's handle on a
 * WebSocketStream that lives on one of the IoWorkerPool's I/O threads. Lives on the
 * thread of the chat service (the main thread); every call is forwarded to the stream's
 * worker in order (directly with --threads 1, as a posted call otherwise), and the stream's
 * messages and end come back as this object's signals on its own thread.
 *
 * Created by IoWorkerPool::adopt() for plain (non-TLS) WebSocket upgrades; TLS
 * connections keep WebSocketConnection (QWebSocket over QSslSocket).
 */
class NativeWebSocketConnection : public ClientConnection
{
    Q_OBJECT

public:
    /// Use IoWorkerPool::adopt(). @p worker: the index of the stream's worker.
    NativeWebSocketConnection(IoWorkerPool* pool, int worker, quint64 id, const QHostAddress& peer,
                              QObject* parent = nullptr);
    /// Aborts the stream if it is still open (no disconnected() then).
    ~NativeWebSocketConnection() override;

    /**
     * Frames @p frame (UTF-8 text frame) here and queues it on the stream. Broadcasts do not
     * come this way: RoomFanout implementations that know the pool frame once per room.
     */
    void sendTextFrame(const QString& frame) override;
    void close(QWebSocketProtocol::CloseCode code, const QString& reason) override;
    void abort() override;
    /// Unsent bytes as of the worker's last write (read across threads, may lag a turn).
    qint64 bytesToWrite() const override;
    QHostAddress peerAddress() const override { return m_peer; }
    QString dropReason() const override { return m_dropReason; }

    int worker() const { return m_worker; }
    quint64 streamId() const { return m_id; }
    std::shared_ptr<std::atomic<qint64>> unsentCounter() const { return m_unsent; }

    // Called by IoWorkerPool on this object's thread.
    void deliverText(const QString& text);
    void deliverBinary(const QByteArray& data);
    void deliverFinished(const QString& dropReason);

private:
    QPointer<IoWorkerPool> m_pool; ///< may go first (connections deleted later)
    const int m_worker;
    const quint64 m_id;
    const QHostAddress m_peer;
    std::shared_ptr<std::atomic<qint64>> m_unsent;
    QString m_dropReason;
    bool m_closing = false;
    bool m_finished = false;
};
