#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonValue>

#include <functional>

/**
 * The Socket.IO ack bookkeeping of one client: hands out ack ids (counted from 0), keeps the
 * callback of every event still waiting for its ack, and times each ack from emit to
 * arrival. Knows nothing of sockets; SocketIoClient feeds it.
 * Source of the rules: shared protocol, "Transport" (acks, `42<id>[...]` and `43<id>[...]`).
 */
class AckTracker
{
public:
    /**
     * Called once per tracked event.
     * @param acked true with the server's first ack argument in @p reply; false (and an
     *              undefined reply) when the connection closed before the ack arrived.
     */
    using Callback = std::function<void(bool acked, const QJsonValue& reply)>;

    AckTracker();

    /**
     * Starts waiting for an ack.
     * @param callback handed back by take() or run by failAll(); must not be empty.
     * @return the ack id to send with the event (0, 1, 2, … per tracker).
     */
    qint64 track(Callback callback);

    /**
     * Stops waiting for ack @p id; the caller runs the callback (acked=true) when it likes.
     * @param roundTripMs set to the milliseconds since track() when the id was waiting.
     * @return the callback, or an empty one (@p roundTripMs untouched) for an id not waiting.
     */
    Callback take(qint64 id, int* roundTripMs = nullptr);

    /// Runs every waiting callback with acked=false in ack-id (emit) order, then forgets them.
    void failAll();

    /// Forgets every waiting callback without running it (their owners may be gone).
    void dropAll();

    /// Number of events still waiting for their ack.
    int pendingCount() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        Callback callback;
        qint64 sentAtMs = 0; // m_clock time of track()
    };

    qint64 m_nextId = 0;
    QHash<qint64, Pending> m_pending;
    QElapsedTimer m_clock;
};
