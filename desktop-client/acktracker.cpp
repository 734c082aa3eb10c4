#include "acktracker.h"

#include <QList>

#include <algorithm>
#include <utility>

AckTracker::AckTracker()
{
    m_clock.start();
}

qint64 AckTracker::track(Callback callback)
{
    const qint64 id = m_nextId++;
    m_pending.insert(id, Pending{std::move(callback), m_clock.elapsed()});
    return id;
}

AckTracker::Callback AckTracker::take(qint64 id, int* roundTripMs)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.constEnd())
        return {};
    Pending pending = *it;
    m_pending.erase(it);
    if (roundTripMs)
        *roundTripMs = int(m_clock.elapsed() - pending.sentAtMs);
    return std::move(pending.callback);
}

void AckTracker::failAll()
{
    const QHash<qint64, Pending> pending = std::exchange(m_pending, {});
    // Fail in ack-id order, i.e. in the order the events were emitted.
    QList<qint64> ids = pending.keys();
    std::sort(ids.begin(), ids.end());
    for (qint64 id : std::as_const(ids))
        pending.value(id).callback(false, QJsonValue(QJsonValue::Undefined));
}

void AckTracker::dropAll()
{
    m_pending.clear();
}
