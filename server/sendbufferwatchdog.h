#pragma once

#include <QObject>

#include <functional>

class QTimer;

/**
 * Detects a slow consumer (docs/security.md, "Slow consumers"): a connection whose unsent
 * bytes stay over a limit. Writes are never blocking, so a peer that reads slower than the
 * room talks would otherwise make the server buffer without bound.
 *
 * The owner calls onBytesQueued() after each write. Over the limit, the watchdog gives
 * the socket graceMs to flush (a fast reader can be briefly over the limit after a large
 * burst in one event-loop turn) and emits overflowed() if it is still over then; over
 * HardLimitFactor times the limit it emits at once. It never touches the socket itself.
 */
class SendBufferWatchdog : public QObject
{
    Q_OBJECT

public:
    /// Over this many times the limit the connection is dropped without a grace period.
    static constexpr int HardLimitFactor = 4;

    /**
     * @param unsentBytes returns the connection's unsent bytes (e.g. bytesToWrite()).
     * @param limitBytes  the limit, bytes (> 0).
     * @param graceMs     how long the buffer may stay over the limit, ms.
     */
    SendBufferWatchdog(std::function<qint64()> unsentBytes, qint64 limitBytes, int graceMs,
                       QObject* parent = nullptr);

    /// Checks the unsent bytes after a write; may emit overflowed() synchronously.
    void onBytesQueued();

    qint64 limitBytes() const { return m_limitBytes; }

Q_SIGNALS:
    /// The limit was exceeded for too long (or by far); @p unsentBytes at that moment.
    /// Emitted once.
    void overflowed(qint64 unsentBytes);

private:
    void onGraceOver();
    void fire(qint64 unsentBytes);

    std::function<qint64()> m_unsentBytes;
    const qint64 m_limitBytes;
    QTimer* m_grace = nullptr;
    bool m_fired = false;
};
