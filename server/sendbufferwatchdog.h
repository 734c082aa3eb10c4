#pragma once

#include <QObject>

#include <functional>

class QTimer;

/**
 * Detects a slow consumer (docs/security.md, "Slow consumers"): a connection whose unsent
 * bytes stay over a limit. Writes are never blocking, so a peer that reads slower than the
 * room talks would otherwise make the server buffer without bound.
 *
 * The owner calls onBytesQueued() after each write. Over the limit, the watchdog first
 * flushes (Qt writes a socket's buffer to the kernel only once per event-loop turn, so a
 * fast reader's buffer briefly holds everything broadcast in one turn); still over it, the
 * kernel's buffer is full too and the peer really lags. It then looks again graceMs
 * later: under the limit by then, all is well; still over it but smaller than at the
 * previous look (the peer is draining, e.g. a large join reply on a slow link), it looks
 * again after another graceMs; still over it and not smaller, it emits overflowed().
 * It never closes the socket itself.
 */
class SendBufferWatchdog : public QObject
{
    Q_OBJECT

public:
    /**
     * @param unsentBytes returns the connection's unsent bytes (e.g. bytesToWrite()).
     * @param flush       writes what the kernel takes without blocking (e.g. flush()).
     * @param limitBytes  the limit, bytes (> 0).
     * @param graceMs     how long the buffer may stay over the limit, ms.
     */
    SendBufferWatchdog(std::function<qint64()> unsentBytes, std::function<void()> flush,
                       qint64 limitBytes, int graceMs, QObject* parent = nullptr);

    /// Checks the unsent bytes after a write; over the limit, starts the grace period.
    void onBytesQueued();

    qint64 limitBytes() const { return m_limitBytes; }

Q_SIGNALS:
    /// The buffer stayed over the limit without draining for graceMs; @p unsentBytes at
    /// that moment. Emitted once.
    void overflowed(qint64 unsentBytes);

private:
    void onGraceOver();

    std::function<qint64()> m_unsentBytes;
    std::function<void()> m_flush;
    const qint64 m_limitBytes;
    QTimer* m_grace = nullptr;
    qint64 m_lastLook = 0; ///< unsent bytes when the running grace period started
    bool m_fired = false;
};
