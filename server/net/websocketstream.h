#pragma once

#include "slowconsumerpolicy.h"
#include "websocketframeparser.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <memory>

class QSocketNotifier;
class StreamHost;

/**
 * One WebSocket connection's I/O, on its host's thread (an IoWorker): the socket descriptor,
 * RFC 6455 framing (WebSocketFrameParser in; frames built by the caller out) and a queue of
 * outgoing frames that the host writes with one sendmsg() per connection and event-loop
 * turn. A frame broadcast to a room is one implicitly shared QByteArray queued on every
 * recipient: no per-recipient copy, encoding or framing.
 *
 * Not a QObject, to keep an idle connection small (docs/benchmarks.md, "idle"): when
 * nothing is buffered it holds no heap memory besides its read notifier. Owned and
 * destroyed by its host; its end goes through StreamHost::finish().
 */
class WebSocketStream
{
public:
    enum class State {
        Open,     ///< data frames flow both ways
        Closing,  ///< a close frame is queued or sent; waiting for the peer's
        Finished, ///< descriptor closed; the worker deletes the object soon
    };

    /**
     * @param fd              a connected, upgraded TCP socket; ownership is taken (set to
     *                        non-blocking here, closed by the destructor).
     * @param maxMessageBytes largest incoming frame and message, bytes (over it: 1009).
     * @param unsentBytes     updated with unsentBytes() for readers on other threads.
     */
    WebSocketStream(StreamHost* host, quint64 id, int fd, qint64 maxMessageBytes,
                    std::shared_ptr<std::atomic<qint64>> unsentBytes);
    ~WebSocketStream();
    WebSocketStream(const WebSocketStream&) = delete;
    WebSocketStream& operator=(const WebSocketStream&) = delete;

    quint64 id() const { return m_id; }
    State state() const { return m_state; }

    /**
     * Parses @p input (bytes the front door read past the upgrade request), then watches
     * the socket. Until then the stream only writes (e.g. the HTTP 101 response, queued
     * with send()).
     */
    void startReading(const QByteArray& input);
    /// Queues one complete frame (WebSocketFrameWriter output). Ignored unless Open.
    void send(const QByteArray& frame);
    /**
     * Starts the closing handshake (RFC 6455 §7.1.2): queues a close frame with @p code and
     * @p reason (truncated to 123 bytes of UTF-8); the stream finishes when the peer
     * answers, closes, or the worker's close deadline passes. Ignored unless Open.
     */
    void close(quint16 code, QStringView reason);
    /**
     * Writes queued bytes with sendmsg() (MSG_NOSIGNAL) until done or the kernel's buffer is full
     * (then the write notifier takes over). Finishes the stream on a write error, or when a close
     * that ends the stream has been written.
     */
    void flush();

    /// Bytes queued and not yet taken by the kernel.
    qint64 unsentBytes() const { return m_unsent; }
    /// Multicast groups the stream is in on its host (kept for leaving them on finish).
    QList<quint64>& groups() { return m_groups; }

    /// Called by the host's finish(): stop notifiers, close the descriptor, drop buffers.
    void shutDown();
    void onReadable();
    void onWritable();

    // Book-keeping of the host's flush and sweep.
    qint64 closeDeadlineMs = 0;      ///< when a closing stream is dropped, ms
    SlowConsumerPolicy slowConsumer; ///< the unsent-bytes rule
    bool flushQueued = false;        ///< in the host's per-turn flush list
    bool replyQueued = false;        ///< in the host's list of replies, flushed first
    bool watched = false;            ///< in the host's sweep list

private:
    void process(QByteArrayView bytes);
    void handle(WebSocketFrameParser::Message& message);
    void enqueue(const QByteArray& bytes);
    void closeAfterFlush(const QByteArray& closeFrame);
    void setWriteNotifier(bool enabled);
    void publishUnsent() { m_unsentShared->store(m_unsent, std::memory_order_relaxed); }

    StreamHost* const m_host;
    const quint64 m_id;
    int m_fd;
    State m_state = State::Open;
    bool m_finishWhenFlushed = false;
    WebSocketFrameParser m_parser;
    QList<QByteArray> m_out;    ///< frames to write, oldest first; shared with other streams
    qsizetype m_headOffset = 0; ///< bytes of m_out.first() already written
    qint64 m_unsent = 0;
    std::shared_ptr<std::atomic<qint64>> m_unsentShared;
    QList<quint64> m_groups;
    QSocketNotifier* m_readNotifier = nullptr;
    QSocketNotifier* m_writeNotifier = nullptr; ///< created on the first short write
};
