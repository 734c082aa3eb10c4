#include "sqlitemessagestore.h"

#include "randomid.h"
#include "sqlitestoreworker.h"
#include "storagelogging.h"
#include "taskevent.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

QString SqliteMessageStore::fileIn(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("history.sqlite"));
}

SqliteMessageStore::SqliteMessageStore(const QString& path, int historyLimit, int cacheBudget,
                                       QObject* parent)
    : QObject(parent)
    , m_path(path)
    , m_historyLimit(std::max(1, historyLimit))
    , m_cacheBudget(std::max(RoomCacheSize, cacheBudget))
{
    m_thread.setObjectName(QStringLiteral("chat-store"));
}

SqliteMessageStore::~SqliteMessageStore()
{
    if (!m_worker)
        return;
    qCInfo(lcStore) << "closing:" << m_stored << "messages stored in" << m_commits
                    << "transactions," << m_diskReads << "history reads from disk";
    if (!m_queued.isEmpty())
        qCWarning(lcStore) << m_queued.size() << "unacknowledged messages not stored";
    // Runs after the transaction under way (the worker handles calls in order).
    SqliteStoreWorker* worker = m_worker;
    TaskEvent::postAndWait(worker, [worker] { worker->close(); });
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

bool SqliteMessageStore::open(QString* error)
{
    if (m_worker) {
        *error = QStringLiteral("the store is already open");
        return false;
    }
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        *error = QStringLiteral("cannot create the directory of %1").arg(m_path);
        return false;
    }
    m_worker = new SqliteStoreWorker(m_path, m_historyLimit, DedupWindowMs);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    SqliteStoreWorker::Snapshot snapshot;
    bool ok = false;
    SqliteStoreWorker* worker = m_worker;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    TaskEvent::postAndWait(worker, [&] { ok = worker->open(nowMs, &snapshot, error); });
    if (!ok)
        return false;
    for (const SqliteStoreWorker::RoomState& state : std::as_const(snapshot.rooms)) {
        m_rooms[state.room].firstSeq = state.firstSeq;
        m_index.restoreRoom(state.room, state.lastSeq,
                            state.lastMessageMs > 0
                                ? QDateTime::fromMSecsSinceEpoch(state.lastMessageMs, Qt::UTC)
                                : QDateTime());
    }
    for (const ChatMessage& message : std::as_const(snapshot.recentWithClientId))
        m_index.restoreClientId(message);
    qCInfo(lcStore) << "opened" << m_path << "with" << m_rooms.size() << "rooms,"
                    << m_index.clientIdCount() << "recent client ids";
    m_open = true;
    return true;
}

void SqliteMessageStore::append(const MessageDraft& draft, AppendCallback done)
{
    if (!m_open) {
        done(ChatMessage{}, false);
        return;
    }
    ChatMessage message;
    message.room = draft.room;
    message.id = RandomId::generate(QStringLiteral("m_"), 16);
    message.userId = draft.userId;
    message.handle = draft.handle;
    message.text = draft.text;
    message.ts = draft.ts;
    message.clientId = draft.clientId;
    m_queued.append(Entry{message, std::move(done), false});
    scheduleBatch();
}

bool SqliteMessageStore::findByClientId(const QString& userId, const QString& clientId,
                                        const QDateTime& now, ChatMessage* out) const
{
    return m_index.findByClientId(userId, clientId, now, out);
}

qint64 SqliteMessageStore::lastSeq(const QString& room) const
{
    return m_index.lastSeq(room);
}

void SqliteMessageStore::messagesAfter(const QString& room, qint64 since, HistoryCallback done)
{
    HistorySlice slice;
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return done(slice);
    touch(*it);
    slice.lastSeq = m_index.lastSeq(room);
    if (since >= slice.lastSeq)
        return done(slice);
    slice.truncated = since + 1 < it->firstSeq;
    answerRange(room, *it, std::max(since + 1, it->firstSeq), slice.lastSeq, slice,
                std::move(done));
}

void SqliteMessageStore::messagesBefore(const QString& room, qint64 before, int limit,
                                        HistoryCallback done)
{
    HistorySlice slice;
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return done(slice);
    touch(*it);
    slice.lastSeq = m_index.lastSeq(room);
    const qint64 to = std::min(before - 1, slice.lastSeq);
    if (limit <= 0 || to < it->firstSeq)
        return done(slice);
    const qint64 from = std::max(it->firstSeq, to - limit + 1);
    slice.hasMore = from > it->firstSeq;
    answerRange(room, *it, from, to, slice, std::move(done));
}

QList<StoredRoom> SqliteMessageStore::rooms() const
{
    return m_index.rooms();
}

void SqliteMessageStore::purgeRoom(const QString& room)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !m_open)
        return;
    // Up to the last completed seq: messages committed meanwhile stay, as the event loop
    // side (and their recipients) will see them.
    const qint64 upTo = m_index.lastSeq(room);
    it->firstSeq = upTo + 1;
    m_cachedTotal -= qint64(it->cache.size());
    it->cache.clear();
    m_index.forgetClientIds(room);
    SqliteStoreWorker* worker = m_worker;
    TaskEvent::post(worker, [worker, room, upTo] { worker->purge(room, upTo); });
}

void SqliteMessageStore::flush(std::function<void()> done)
{
    if (m_queued.isEmpty() && m_inFlight.isEmpty()) {
        done();
        return;
    }
    m_flushWaiters.append(std::move(done));
    if (m_inFlight.isEmpty())
        sendBatch();
}

QString SqliteMessageStore::pendingKey(const QString& userId, const QString& clientId)
{
    return userId + QLatin1Char('\n') + clientId;
}

void SqliteMessageStore::scheduleBatch()
{
    if (m_batchScheduled || !m_inFlight.isEmpty())
        return; // the transaction under way sends the next batch when it completes
    m_batchScheduled = true;
    // Queued: runs after the rest of this event-loop turn has appended its messages.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_batchScheduled = false;
            if (m_inFlight.isEmpty())
                sendBatch();
        },
        Qt::QueuedConnection);
}

void SqliteMessageStore::sendBatch()
{
    if (m_queued.isEmpty())
        return;
    m_inFlight = std::move(m_queued);
    m_queued.clear();
    QSet<QString> batchKeys; // dedup keys of the new messages in this batch
    QList<ChatMessage> drafts;
    drafts.reserve(m_inFlight.size());
    for (Entry& entry : m_inFlight) {
        const ChatMessage& draft = entry.draft;
        if (!draft.clientId.isEmpty()) {
            const QString key = pendingKey(draft.userId, draft.clientId);
            ChatMessage stored;
            entry.retry = batchKeys.contains(key) ||
                          m_index.findByClientId(draft.userId, draft.clientId, draft.ts, &stored);
            if (entry.retry)
                continue;
            batchKeys.insert(key);
        }
        drafts.append(draft);
    }
    SqliteStoreWorker* worker = m_worker;
    TaskEvent::post(worker, [this, worker, drafts] {
        QList<ChatMessage> stored;
        const bool ok = drafts.isEmpty() || worker->commit(drafts, &stored);
        // Back to the event loop thread; delivered in the order posted.
        TaskEvent::post(this, [this, ok, stored] { onCommitted(ok, stored); });
    });
}

void SqliteMessageStore::onCommitted(bool ok, const QList<ChatMessage>& stored)
{
    const QList<Entry> batch = std::move(m_inFlight);
    m_inFlight.clear();
    ++m_commits;
    qsizetype next = 0;
    for (const Entry& entry : batch) {
        if (entry.retry) {
            ChatMessage original;
            if (m_index.findByClientId(entry.draft.userId, entry.draft.clientId, entry.draft.ts,
                                       &original))
                entry.done(original, true);
            else
                entry.done(ChatMessage{}, false); // the original was not stored either
            continue;
        }
        if (!ok) {
            entry.done(ChatMessage{}, false);
            continue;
        }
        const ChatMessage& message = stored.at(next++);
        ++m_stored;
        Room& room = m_rooms[message.room];
        room.firstSeq = std::max(room.firstSeq, message.seq - m_historyLimit + 1);
        touch(room);
        cacheAppend(room, message);
        m_index.noteStored(message);
        entry.done(message, false);
    }
    evictIfNeeded();
    if (!m_queued.isEmpty()) {
        sendBatch();
        return;
    }
    const auto waiters = std::move(m_flushWaiters);
    m_flushWaiters.clear();
    for (const auto& waiter : waiters)
        waiter();
}

void SqliteMessageStore::answerRange(const QString& room, Room& state, qint64 from, qint64 to,
                                     HistorySlice slice, HistoryCallback done)
{
    const qint64 cacheFirst = state.cache.empty() ? slice.lastSeq + 1 : state.cache.front().seq;
    if (from >= cacheFirst) {
        slice.messages.reserve(to - from + 1);
        for (qint64 seq = from; seq <= to; ++seq)
            slice.messages.append(state.cache[size_t(seq - cacheFirst)]);
        done(slice);
        return;
    }
    ++m_diskReads;
    SqliteStoreWorker* worker = m_worker;
    TaskEvent::post(worker, [this, worker, room, from, to, slice, done] {
        const QList<ChatMessage> rows = worker->readRange(room, from, to);
        TaskEvent::post(this, [this, room, from, rows, slice, done] {
            onRangeRead(room, from, rows, slice, done);
        });
    });
}

void SqliteMessageStore::onRangeRead(const QString& room, qint64 from,
                                     const QList<ChatMessage>& rows, HistorySlice slice,
                                     const HistoryCallback& done)
{
    if (rows.isEmpty() || rows.constFirst().seq > from)
        slice.truncated = true; // rows past retention were deleted meanwhile
    slice.messages = rows;
    const auto it = m_rooms.find(room);
    if (it != m_rooms.end()) {
        cachePrepend(*it, m_index.lastSeq(room), rows);
        evictIfNeeded();
    }
    done(slice);
}

void SqliteMessageStore::cacheAppend(Room& room, const ChatMessage& message)
{
    if (!room.cache.empty() && room.cache.back().seq + 1 != message.seq) {
        m_cachedTotal -= qint64(room.cache.size()); // cannot happen; keep the cache consecutive
        room.cache.clear();
    }
    room.cache.push_back(message);
    ++m_cachedTotal;
    while (!room.cache.empty() &&
           (room.cache.size() > size_t(RoomCacheSize) || room.cache.front().seq < room.firstSeq)) {
        room.cache.pop_front();
        --m_cachedTotal;
    }
}

void SqliteMessageStore::cachePrepend(Room& room, qint64 lastSeq, const QList<ChatMessage>& rows)
{
    // Only rows that extend the cached run downwards without a hole.
    qint64 expected = room.cache.empty() ? lastSeq : room.cache.front().seq - 1;
    for (auto row = rows.crbegin(); row != rows.crend(); ++row) {
        if (row->seq > expected)
            continue;
        if (row->seq < expected || row->seq < room.firstSeq ||
            room.cache.size() >= size_t(RoomCacheSize))
            break;
        room.cache.push_front(*row);
        ++m_cachedTotal;
        --expected;
    }
}

void SqliteMessageStore::evictIfNeeded()
{
    if (m_cachedTotal <= m_cacheBudget)
        return;
    QList<std::pair<quint64, QString>> byUse;
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        if (!it->cache.empty())
            byUse.append({it->lastUsed, it.key()});
    }
    std::sort(byUse.begin(), byUse.end());
    const qint64 target = m_cacheBudget * 3 / 4;
    for (const auto& [used, name] : std::as_const(byUse)) {
        if (m_cachedTotal <= target)
            break;
        Room& room = m_rooms[name];
        m_cachedTotal -= qint64(room.cache.size());
        room.cache.clear();
    }
}

bool SqliteMessageStore::event(QEvent* event)
{
    return TaskEvent::runIf(event) || QObject::event(event);
}
