#include "dedupindex.h"

DedupIndex::DedupIndex(qint64 windowMs)
    : m_windowMs(windowMs)
{}

void DedupIndex::insert(const ChatMessage& message, qint64 storedAtMs)
{
    if (message.clientId.isEmpty())
        return;
    prune(storedAtMs);
    const QString k = key(message.userId, message.clientId);
    m_entries.insert(k, Entry{storedAtMs, message});
    m_order.emplace_back(storedAtMs, k);
}

bool DedupIndex::find(const QString& userId, const QString& clientId, qint64 nowMs,
                      ChatMessage* out) const
{
    if (clientId.isEmpty())
        return false;
    const auto it = m_entries.constFind(key(userId, clientId));
    if (it == m_entries.constEnd() || nowMs - it->storedAtMs > m_windowMs)
        return false;
    *out = it->message;
    return true;
}

void DedupIndex::removeRoom(const QString& room)
{
    m_entries.removeIf([&room](const auto& it) { return it.value().message.room == room; });
}

QString DedupIndex::key(const QString& userId, const QString& clientId)
{
    return userId + QLatin1Char('\n') + clientId;
}

void DedupIndex::prune(qint64 nowMs)
{
    while (!m_order.empty() && nowMs - m_order.front().first > m_windowMs) {
        const auto it = m_entries.constFind(m_order.front().second);
        // A key stored again later has a newer timestamp: keep that entry.
        if (it != m_entries.constEnd() && it->storedAtMs == m_order.front().first)
            m_entries.erase(it);
        m_order.pop_front();
    }
}
