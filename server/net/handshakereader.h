#pragma once

#include "httprequest.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QSocketDescriptor>

#include <functional>
#include <memory>
#include <unordered_map>

class QSocketNotifier;

/**
 * Reads HTTP request heads straight from accepted plain TCP descriptors, without a
 * QTcpSocket or a timer per connection: the front door's first step for connections that
 * will most likely become WebSocket upgrades (issue 7: a QTcpSocket costs a QObject,
 * a socket engine, two notifiers and about ten system calls before the first byte).
 *
 * add() makes the descriptor non-blocking, turns Nagle's algorithm off and looks the peer
 * address up once, then reads what has arrived. While the head is incomplete the
 * connection has one read notifier; one sweep timer, running only while connections are
 * pending, closes those that have not sent a complete head within the deadline. A
 * connection that is closed or fails before its head is complete is closed and forgotten.
 *
 * When a head is complete, or can never be (malformed, too large), the connection leaves
 * the reader: its notifier is deleted (so the descriptor is in no event loop) and the
 * head handler takes the descriptor with everything read so far.
 */
class HandshakeReader : public QObject
{
    Q_OBJECT

public:
    /// A connection whose request head has been read (or found invalid).
    struct Head
    {
        int fd = -1;       ///< the connection's descriptor (non-blocking); the handler owns it
        QHostAddress peer; ///< the client's address
        /// Complete, Invalid (answer 400) or TooLarge (answer 431); never Incomplete.
        HttpRequest::Parse result = HttpRequest::Parse::Invalid;
        HttpRequest request;     ///< the parsed head, when Complete
        qsizetype headBytes = 0; ///< length of the head in bytes, when Complete
        QByteArray bytes;        ///< everything read: the head and any bytes after it
        qint64 ageMs = 0;        ///< time since add(), ms
    };
    /// Takes a head and, with it, the descriptor. Called from add() or the event loop.
    using HeadHandler = std::function<void(Head&& head)>;

    /**
     * @param timeoutMs    time a connection has to send its complete head, in ms; then it
     *                     is closed (up to a quarter of that later: the sweep's period).
     * @param maxHeadBytes largest request head, in bytes (HttpRequest::parseHead()).
     * @param onHead       receives each connection whose head is complete or invalid.
     */
    HandshakeReader(int timeoutMs, int maxHeadBytes, HeadHandler onHead, QObject* parent = nullptr);
    /// Closes the descriptors of the connections still pending.
    ~HandshakeReader() override;

    /**
     * Takes over an accepted TCP descriptor @p fd (setting O_NONBLOCK and TCP_NODELAY) and
     * reads its request head. The head handler may run before this returns, when the head
     * has arrived already. A descriptor whose peer cannot be looked up (the client is gone)
     * or that cannot be made non-blocking is closed at once.
     */
    void add(int fd);

    /// Connections whose request head is not complete yet.
    int pendingCount() const { return int(m_pending.size()); }

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    /// One connection still waiting for its head.
    struct Pending
    {
        QHostAddress peer;
        QByteArray bytes;                          ///< read so far
        qint64 startMs;                            ///< m_clock.elapsed() at add()
        std::unique_ptr<QSocketNotifier> notifier; ///< only once a read would block
    };
    enum class Progress {
        Waiting,  ///< the head is incomplete and the socket has no more bytes for now
        Finished, ///< head complete, invalid or too large
        Gone,     ///< end of stream or error before a complete head
    };

    void onReadable(QSocketDescriptor socket);
    Progress readHead(int fd, Pending& pending, Head* head);
    void finish(int fd, Pending& pending, Head&& head);
    void sweep();

    const int m_timeoutMs;
    const int m_maxHeadBytes;
    HeadHandler m_onHead;
    std::unordered_map<int, Pending> m_pending; ///< by descriptor
    QElapsedTimer m_clock;
    QBasicTimer m_sweep;
};
