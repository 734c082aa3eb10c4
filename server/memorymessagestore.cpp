#include "memorymessagestore.h"

#include "randomid.h"

#include <algorithm>

MemoryMessageStore::MemoryMessageStore(int historyLimit)
    : m_historyLimit(std::max(1, historyLimit))
{}

void MemoryMessageStore::append(const MessageDraft& draft, AppendCallback done)
{
    const qint64 nowMs = draft.ts.toMSecsSinceEpoch();
    ChatMessage original;
    if (findByClientId(draft.userId, draft.clientId, draft.ts, &original)) {
        done(original, true);
        return;
    }

    RoomLog& log = m_rooms[draft.room];
    ChatMessage message;
    message.room = draft.room;
    message.seq = ++log.lastSeq;
    message.id = RandomId::generate(QStringLiteral("m_"), 16);
    message.userId = draft.userId;
    message.handle = draft.handle;
    message.text = draft.text;
    message.ts = draft.ts;
    message.clientId = draft.clientId;
    log.messages.push_back(message);
    while (log.messages.size() > size_t(m_historyLimit))
        log.messages.pop_front();

    if (!draft.clientId.isEmpty()) {
        pruneDedup(nowMs);
        const QString key = dedupKey(draft.userId, draft.clientId);
        m_dedup.insert(key, DedupEntry{nowMs, message});
        m_dedupOrder.emplace_back(nowMs, key);
    }
    done(message, false);
}

bool MemoryMessageStore::findByClientId(const QString& userId, const QString& clientId,
                                        const QDateTime& now, ChatMessage* out) const
{
    if (clientId.isEmpty())
        return false;
    const auto it = m_dedup.constFind(dedupKey(userId, clientId));
    if (it == m_dedup.constEnd() || now.toMSecsSinceEpoch() - it->storedAtMs > DedupWindowMs)
        return false;
    *out = it->message;
    return true;
}

qint64 MemoryMessageStore::lastSeq(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? 0 : it->lastSeq;
}

HistorySlice MemoryMessageStore::messagesAfter(const QString& room, qint64 since) const
{
    HistorySlice slice;
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd() || since >= it->lastSeq)
        return slice;
    const qint64 firstStored = it->messages.empty() ? it->lastSeq + 1 : it->messages.front().seq;
    slice.truncated = since + 1 < firstStored;
    const qint64 from = std::max<qint64>(0, since + 1 - firstStored);
    for (auto m = it->messages.begin() + from; m != it->messages.end(); ++m)
        slice.messages.append(*m);
    return slice;
}

HistorySlice MemoryMessageStore::messagesBefore(const QString& room, qint64 before, int limit) const
{
    HistorySlice slice;
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd() || it->messages.empty() || limit <= 0)
        return slice;
    const qint64 firstStored = it->messages.front().seq;
    // Index one past the newest message with seq < before.
    const qint64 end = std::clamp<qint64>(before - firstStored, 0, qint64(it->messages.size()));
    const qint64 begin = std::max<qint64>(0, end - limit);
    for (qint64 i = begin; i < end; ++i)
        slice.messages.append(it->messages[size_t(i)]);
    slice.hasMore = begin > 0;
    return slice;
}

QList<StoredRoom> MemoryMessageStore::rooms() const
{
    QList<StoredRoom> result;
    result.reserve(m_rooms.size());
    for (auto it = m_rooms.constBegin(); it != m_rooms.constEnd(); ++it) {
        if (it->lastSeq == 0)
            continue;
        const QDateTime last = it->messages.empty() ? QDateTime() : it->messages.back().ts;
        result.append(StoredRoom{it.key(), it->lastSeq, last});
    }
    return result;
}

void MemoryMessageStore::purgeRoom(const QString& room)
{
    const auto it = m_rooms.find(room);
    if (it != m_rooms.end())
        it->messages.clear();
}

void MemoryMessageStore::flush(std::function<void()> done)
{
    done();
}

QString MemoryMessageStore::dedupKey(const QString& userId, const QString& clientId)
{
    return userId + QLatin1Char('\n') + clientId;
}

void MemoryMessageStore::pruneDedup(qint64 nowMs)
{
    while (!m_dedupOrder.empty() && nowMs - m_dedupOrder.front().first > DedupWindowMs) {
        const auto it = m_dedup.constFind(m_dedupOrder.front().second);
        // A key re-stored later has a newer timestamp: keep that entry.
        if (it != m_dedup.constEnd() && it->storedAtMs == m_dedupOrder.front().first)
            m_dedup.erase(it);
        m_dedupOrder.pop_front();
    }
}
