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

    m_dedup.insert(message, nowMs);
    done(message, false);
}

bool MemoryMessageStore::findByClientId(const QString& userId, const QString& clientId,
                                        const QDateTime& now, ChatMessage* out) const
{
    return m_dedup.find(userId, clientId, now.toMSecsSinceEpoch(), out);
}

qint64 MemoryMessageStore::lastSeq(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? 0 : it->lastSeq;
}

void MemoryMessageStore::messagesAfter(const QString& room, qint64 since, HistoryCallback done)
{
    done(sliceAfter(room, since));
}

void MemoryMessageStore::messagesBefore(const QString& room, qint64 before, int limit,
                                        HistoryCallback done)
{
    done(sliceBefore(room, before, limit));
}

HistorySlice MemoryMessageStore::sliceAfter(const QString& room, qint64 since) const
{
    HistorySlice slice;
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd())
        return slice;
    slice.lastSeq = it->lastSeq;
    if (since >= it->lastSeq)
        return slice;
    const qint64 firstStored = it->messages.empty() ? it->lastSeq + 1 : it->messages.front().seq;
    slice.truncated = since + 1 < firstStored;
    const qint64 from = std::max<qint64>(0, since + 1 - firstStored);
    for (auto m = it->messages.begin() + from; m != it->messages.end(); ++m)
        slice.messages.append(*m);
    return slice;
}

HistorySlice MemoryMessageStore::sliceBefore(const QString& room, qint64 before, int limit) const
{
    HistorySlice slice;
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd())
        return slice;
    slice.lastSeq = it->lastSeq;
    if (it->messages.empty() || limit <= 0)
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
    m_dedup.removeRoom(room);
}

void MemoryMessageStore::flush(std::function<void()> done)
{
    done();
}
