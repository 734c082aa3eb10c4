#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

class QTimer;
class StreamEvents;
class WebSocketStream;

/**
 * One I/O thread's share of the WebSocket connections: owns their WebSocketStreams, writes
 * what they queued once per event-loop turn (one writev() per connection), keeps the
 * per-thread half of the room fan-out (which of its streams are in which room), and drops
 * slow consumers and peers that do not finish a closing handshake.
 *
 * Lives on its thread (the main thread with --threads 1); every method except the
 * constructor must be called there. IoWorkerPool posts to it from other threads. Streams
 * are named by the id the pool gave them; an unknown id (a stream that already finished)
 * is ignored everywhere.
 */
class IoWorker : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qint64 maxMessageBytes = 1 << 20; ///< largest incoming message, bytes
        qint64 sendBufferBytes = 0;       ///< slow-consumer limit on unsent bytes; 0 = none
        int slowConsumerGraceMs = 10000;  ///< time a stream may stay over it, ms
        int closeDeadlineMs = 3000;       ///< time a peer has to answer our close frame, ms
    };
    /// Size of the thread's shared read buffer, bytes (one per worker, not per connection).
    static constexpr int ReadBufferBytes = 64 * 1024;

    /// @param events receives the streams' messages and ends (not owned; outlives us).
    IoWorker(StreamEvents* events, const Limits& limits, QObject* parent = nullptr);
    ~IoWorker() override;

    /**
     * Takes over @p fd, an upgraded connection, as stream @p id and queues
     * @p handshakeResponse. Nothing is read before startReading().
     */
    void adopt(quint64 id, int fd, const QByteArray& handshakeResponse,
               std::shared_ptr<std::atomic<qint64>> unsentBytes);
    /// Parses @p input (bytes already read past the upgrade request), then reads stream @p id.
    void startReading(quint64 id, const QByteArray& input);
    /**
     * Queues @p frame (a complete WebSocket frame) on stream @p id, a reply to that client:
     * the next flush writes the streams with replies before the others.
     */
    void send(quint64 id, const QByteArray& frame);
    /// Closing handshake with @p code and @p reason (see WebSocketStream::close()).
    void close(quint64 id, quint16 code, const QString& reason);
    /// Drops stream @p id at once; its finished() event follows.
    void abort(quint64 id);

    void subscribe(const QString& room, quint64 id);
    void unsubscribe(const QString& room, quint64 id);
    /**
     * Queues @p frame on every stream of this worker subscribed to @p room, except stream
     * @p exceptId (0 = none). The same QByteArray is shared by all of them.
     * @return the number of streams it was queued on.
     */
    int publish(const QString& room, const QByteArray& frame, quint64 exceptId);

    /// Finishes every stream without reporting it and stops the timers (before the thread ends).
    void shutdown();
    int streamCount() const { return int(m_streams.size()); }

    // Used by WebSocketStream.
    StreamEvents* events() const { return m_events; }
    char* readBuffer() { return m_readBuffer.get(); }
    /// Adds @p stream to this turn's flush list (one posted flush per turn for all).
    void scheduleFlush(WebSocketStream* stream);
    /// Starts the close deadline of @p stream.
    void watchClosing(WebSocketStream* stream);
    /**
     * Ends @p stream: closes it, leaves its rooms, reports finished() with @p dropReason
     * and deletes it on the next flush (never while one of its handlers runs).
     */
    void finish(WebSocketStream* stream, const QString& dropReason);

private:
    WebSocketStream* find(quint64 id) const;
    /// Takes @p stream off @p room's list (the room goes with its last stream).
    void removeFromRoom(const QString& room, WebSocketStream* stream);
    void flushAll();
    void postFlush();
    void watch(WebSocketStream* stream);
    void sweep();

    StreamEvents* const m_events;
    const Limits m_limits;
    QElapsedTimer m_clock;
    std::unique_ptr<char[]> m_readBuffer;
    std::unordered_map<quint64, WebSocketStream*> m_streams;
    QHash<QString, QList<WebSocketStream*>> m_rooms;
    std::vector<WebSocketStream*> m_flushList;
    std::vector<WebSocketStream*> m_replyFlushList; ///< flushed first (see send())
    std::vector<WebSocketStream*> m_dead;
    QList<WebSocketStream*> m_watched; ///< closing, or over the send-buffer limit
    QTimer* m_sweepTimer = nullptr;
    bool m_flushPosted = false;
};
