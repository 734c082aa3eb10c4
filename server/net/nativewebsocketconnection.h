#pragma once

#include "clientconnection.h"
#include "workermailbox.h"

#include <QPointer>

#include <atomic>
#include <memory>

/**
 * ClientConnection over our own RFC 6455 implementation: the handle on a WebSocketStream
 * that lives on one of the IoWorkerPool's I/O threads, reached through its WorkerMailbox.
 * Lives on the pool's thread (the main thread); every call is posted to the stream's worker
 * as an IoWorker command, in order
 * (applied at once with --threads 1), and the stream's messages and end come back as this
 * object's signals on its own thread.
 *
 * Created by IoWorkerPool::adopt() for plain (non-TLS) WebSocket upgrades; its worker is its
 * multicast(), so a room broadcast reaches all of the worker's members with one hand-over.
 */
class NativeWebSocketConnection : public ClientConnection
{
    Q_OBJECT

public:
    /// Use IoWorkerPool::adopt(). @p pool: the stream's workers; @p worker: the index of
    /// the stream's worker in it.
    NativeWebSocketConnection(WorkerMailbox* pool, int worker, quint64 id, const QHostAddress& peer,
                              QObject* parent = nullptr);
    /// Aborts the stream if it is still open (no disconnected() then).
    ~NativeWebSocketConnection() override;

    /// Frames @p utf8 (a Text frame) here and posts it to the stream.
    void sendText(const QByteArray& utf8, Urgency urgency = Urgency::Normal) override;
    void close(quint16 code, const QString& reason) override;
    void abort() override;
    void sendPing() override;
    /// Unsent bytes as of the worker's last write (read across threads, may lag a turn).
    qint64 bytesToWrite() const override;
    QHostAddress peerAddress() const override { return m_peer; }
    QString dropReason() const override { return m_dropReason; }
    Multicast* multicast() const override;
    /// The stream's id, unique within the pool.
    quint64 multicastKey() const override { return m_id; }

    /// The index of the stream's worker in the pool.
    int worker() const { return m_worker; }
    std::shared_ptr<std::atomic<qint64>> unsentCounter() const { return m_unsent; }

    // Called by IoWorkerPool on this object's thread.
    void deliverText(const QByteArray& utf8);
    void deliverBinary(const QByteArray& data);
    void deliverPong();
    void deliverFinished(const QString& dropReason);

private:
    QPointer<WorkerMailbox> m_pool; ///< may go first (connections deleted later)
    const int m_worker;
    const quint64 m_id;
    const QHostAddress m_peer;
    std::shared_ptr<std::atomic<qint64>> m_unsent;
    QString m_dropReason;
    bool m_closing = false;
    bool m_finished = false;
};
