#pragma once

#include "connectionlimits.h"
#include "streamhost.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

class QTimer;
class StreamEvents;
class WebSocketStream;

/**
 * One I/O thread's share of the WebSocket connections: owns their WebSocketStreams, writes
 * what they queued once per event-loop turn (one sendmsg() per connection), keeps which of
 * its streams are in which multicast group (Multicast), and drops slow consumers
 * (SlowConsumerPolicy) and peers that do not finish a closing handshake.
 *
 * Lives on its thread (the main thread with --threads 1). Other threads hand it work as
 * Commands through post(), applied in the order posted; everything else must be called on
 * its thread. Streams are named by the id the pool gave them; an unknown id (a stream that
 * already finished) is ignored everywhere.
 */
class IoWorker : public QObject, private StreamHost
{
    Q_OBJECT

public:
    /// One piece of work for the worker, applied by execute().
    struct Command
    {
        enum class Kind : quint8 {
            Adopt,        ///< take over fd as stream id; bytes: the HTTP 101 head to send
            StartReading, ///< parse bytes (read past the upgrade request), then read
            Send,         ///< queue bytes, a complete frame, on stream id
            SendReply,    ///< Send, flushed before this turn's other streams
            Close,        ///< closing handshake with code and reason
            Abort,        ///< drop stream id at once
            Join,         ///< add stream id to group
            Leave,        ///< remove stream id from group
            Publish,      ///< queue bytes, a complete frame, on every stream of group but id
        };
        Kind kind = Kind::Send;
        quint16 code = 0;
        int fd = -1;
        quint64 id = 0;
        quint64 group = 0;
        QByteArray bytes;
        QString reason;
        std::shared_ptr<std::atomic<qint64>> unsent; ///< Adopt: the stream's unsent bytes
    };

    /// @param events receives the streams' messages and ends (not owned; outlives us).
    IoWorker(StreamEvents* events, const ConnectionLimits& limits, QObject* parent = nullptr);
    ~IoWorker() override;

    /**
     * Hands @p command to the worker from any thread: applied on the worker's thread, after
     * every command posted before it. Commands posted while the worker is busy are applied
     * together in one event (one wake-up per batch, not per command).
     */
    void post(Command&& command);
    /// Applies @p command now; on the worker's thread only.
    void execute(Command& command);

    /// Finishes every stream without reporting it and stops the timers (before the thread ends).
    void shutdown();
    /// Streams owned, on the worker's thread.
    int streamCount() const { return int(m_streams.size()); }
    /// Streams in @p group, on the worker's thread.
    int groupSize(quint64 group) const;

protected:
    /// Runs the TaskEvents posted to the worker (post()'s wake-up, the pool's shutdown).
    bool event(QEvent* event) override;

private:
    // StreamHost
    char* readBuffer() override { return m_readBuffer.get(); }
    void messageReceived(WebSocketStream* stream, WebSocketOpcode opcode,
                         const QByteArray& payload) override;
    void scheduleFlush(WebSocketStream* stream) override;
    void watchClosing(WebSocketStream* stream) override;
    void finish(WebSocketStream* stream, const QString& dropReason) override;

    WebSocketStream* find(quint64 id) const;
    void adopt(Command& command);
    void send(quint64 id, const QByteArray& frame, bool reply);
    void join(quint64 group, quint64 id);
    void leave(quint64 group, WebSocketStream* stream);
    /// Takes @p stream off @p group's list (the group goes with its last stream).
    void removeFromGroup(quint64 group, WebSocketStream* stream);
    void publish(quint64 group, const QByteArray& frame, quint64 exceptId);
    void drainInbox();
    void flushAll();
    void postFlush();
    void watch(WebSocketStream* stream);
    void sweep();

    StreamEvents* const m_events;
    const ConnectionLimits m_limits;
    QElapsedTimer m_clock;
    std::unique_ptr<char[]> m_readBuffer;
    std::unordered_map<quint64, WebSocketStream*> m_streams;
    std::unordered_map<quint64, std::vector<WebSocketStream*>> m_groups;
    std::vector<WebSocketStream*> m_flushList;
    std::vector<WebSocketStream*> m_replyFlushList; ///< flushed first (see Kind::SendReply)
    std::vector<WebSocketStream*> m_dead;
    QList<WebSocketStream*> m_watched; ///< closing, or over the send-buffer limit
    QTimer* m_sweepTimer = nullptr;
    bool m_flushPosted = false;

    std::mutex m_inboxMutex; ///< guards m_inbox and m_inboxPosted (posted from other threads)
    std::vector<Command> m_inbox;
    bool m_inboxPosted = false;
};
