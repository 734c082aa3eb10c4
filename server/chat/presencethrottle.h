#pragma once

#include "presenceevent.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

/**
 * Coalesces one user's presence in one room so that join/leave churn cannot flood the
 * room (docs/security.md, "Flood control"): at most one `user_joined` per user per room per
 * interval reaches the members, and so at most one `user_joined`/`user_left` pair.
 *
 * The chat core reports every real change (joined() when the user became a member,
 * left() when they stopped being one). A join within the interval of the previous announced
 * join is held back; if the user is still a member when the interval ends, it is announced
 * then (with that time); if they left meanwhile, neither the join nor the leave is. A leave
 * is announced at once when its join was. Only recent joins are tracked, so the memory
 * this costs is bounded by the joins of the last interval.
 */
class PresenceThrottle : public QObject
{
    Q_OBJECT

public:
    /// Broadcasts @p event to the room, except to participant @p exceptId (0: none).
    using Publish = std::function<void(const PresenceEvent& event, quint64 exceptId)>;

    /// @param intervalMs the shortest time between two announced joins, ms (0: no throttle).
    PresenceThrottle(int intervalMs, Publish publish, QObject* parent = nullptr);

    /// @p event (Kind::Joined) happened; participant @p joinerId needs no announcement.
    void joined(const PresenceEvent& event, quint64 joinerId);
    /// @p event (Kind::Left) happened.
    void left(const PresenceEvent& event);

    /// Users whose joins are tracked now (for tests: bounded by the recent joins).
    int trackedCount() const { return int(m_recent.size()); }

protected:
    /// The one timer of all intervals: ends those that are due.
    void timerEvent(QTimerEvent* event) override;

private:
    struct Recent
    {
        qint64 announcedAtMs = 0; ///< m_clock time of the last announced join
        bool pending = false;     ///< a join waits for the interval to end
        PresenceEvent event;      ///< the pending join
        quint64 joinerId = 0;
    };
    struct Due
    {
        qint64 atMs = 0; ///< m_clock time the interval of key ends
        QString key;
    };
    void expire(const QString& key);
    /// Ends @p key's interval m_intervalMs from now.
    void arm(const QString& key);

    const int m_intervalMs;
    const Publish m_publish;
    QElapsedTimer m_clock;
    QHash<QString, Recent> m_recent; ///< by room + '\n' + user id
    // Every interval has the same length, so the ends come in the order they were armed:
    // a FIFO and one timer instead of a single-shot timer object per join, ~0.4 KiB each
    // while it runs (docs/benchmarks.md, "Memory per idle connection").
    QList<Due> m_due; ///< oldest first
    QBasicTimer m_timer;
};
