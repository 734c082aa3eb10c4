#include "memorymessagestore.h"

#include "randomid.h"

#include <algorithm>

MemoryMessageStore::MemoryMessageStore(int historyLimit)
    : m_historyLimit(std::max(1, historyLimit))
{}

void MemoryMessageStore::append(const MessageDraft& draft, AppendCallback done)
{
    ChatMessage original;
    if (findByClientId(draft.userId, draft.clientId, draft.ts, &original)) {
        done(original, true);
        return;
    }

    std::deque<ChatMessage>& log = m_rooms[draft.room];
    ChatMessage message;
    message.room = draft.room;
    message.seq = m_index.lastSeq(draft.room) + 1;
    message.id = RandomId::generate(QStringLiteral("m_"), 16);
    message.userId = draft.userId;
    message.handle = draft.handle;
    message.text = draft.text;
    message.ts = draft.ts;
    message.clientId = draft.clientId;
    log.push_back(message);
    while (log.size() > size_t(m_historyLimit))
        log.pop_front();

    m_index.noteStored(message);
    done(message, false);
}

bool MemoryMessageStore::findByClientId(const QString& userId, const QString& clientId,
                                        const QDateTime& now, ChatMessage* out) const
{
    return m_index.findByClientId(userId, clientId, now, out);
}

qint64 MemoryMessageStore::lastSeq(const QString& room) const
{
    return m_index.lastSeq(room);
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
    slice.lastSeq = m_index.lastSeq(room);
    if (since >= slice.lastSeq)
        return slice;
    const qint64 firstStored = it->empty() ? slice.lastSeq + 1 : it->front().seq;
    slice.truncated = since + 1 < firstStored;
    const qint64 from = std::max<qint64>(0, since + 1 - firstStored);
    for (auto m = it->begin() + from; m != it->end(); ++m)
        slice.messages.append(*m);
    return slice;
}

HistorySlice MemoryMessageStore::sliceBefore(const QString& room, qint64 before, int limit) const
{
    HistorySlice slice;
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd())
        return slice;
    slice.lastSeq = m_index.lastSeq(room);
    if (it->empty() || limit <= 0)
        return slice;
    const qint64 firstStored = it->front().seq;
    // Index one past the newest message with seq < before.
    const qint64 end = std::clamp<qint64>(before - firstStored, 0, qint64(it->size()));
    const qint64 begin = std::max<qint64>(0, end - limit);
    for (qint64 i = begin; i < end; ++i)
        slice.messages.append((*it)[size_t(i)]);
    slice.hasMore = begin > 0;
    return slice;
}

QList<StoredRoom> MemoryMessageStore::rooms() const
{
    return m_index.rooms();
}

void MemoryMessageStore::purgeRoom(const QString& room)
{
    const auto it = m_rooms.find(room);
    if (it != m_rooms.end())
        it->clear();
    m_index.forgetClientIds(room);
}

void MemoryMessageStore::flush(std::function<void()> done)
{
    done();
}
