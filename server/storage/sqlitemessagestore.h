#pragma once

#include "messagestore.h"
#include "storeindex.h"

#include <QHash>
#include <QObject>
#include <QThread>

#include <deque>

class SqliteStoreWorker;

/**
 * MessageStore on SQLite through Qt Sql (`--storage sqlite`, the default): one file in the
 * data directory, WAL journal, synchronous=NORMAL, so that a message survives a crash of
 * the process (SIGKILL) as soon as its transaction committed.
 *
 * All SQLite work runs on a dedicated thread (SqliteStoreWorker, its own connection); the
 * event loop never blocks on disk once open() returned. Appends made during one event-loop
 * turn are committed in one transaction; while a transaction is under way, new appends
 * gather for the next one (group commit). Each append's callback runs after its commit, in
 * append order, on the thread that owns this object.
 *
 * Kept in memory on the event loop side: every room's lastSeq and first retained seq, the
 * dedup keys of the last DedupWindowMs (loaded from disk at open(), so they survive a
 * restart), and a cache of each room's newest messages (RoomCacheSize per room, at most
 * @p cacheBudget messages in all, least recently used rooms evicted first) that answers
 * most joins and history pages at once; other reads go to the storage thread.
 */
class SqliteMessageStore : public QObject, public MessageStore
{
    Q_OBJECT

public:
    /// Newest messages cached per room.
    static constexpr int RoomCacheSize = 256;
    /// Default total of cached messages across rooms.
    static constexpr int DefaultCacheBudget = 100000;

    /// The database file in data directory @p dataDir.
    static QString fileIn(const QString& dataDir);

    /**
     * @param path         the database file (created with its directory's permissions).
     * @param historyLimit messages kept per room (>= 1).
     * @param cacheBudget  messages kept in memory across all rooms.
     */
    SqliteMessageStore(const QString& path, int historyLimit, int cacheBudget = DefaultCacheBudget,
                       QObject* parent = nullptr);
    /// Waits for the transaction under way; appends not yet handed to it are dropped
    /// (they were never acknowledged). Call flush() first for a clean stop.
    ~SqliteMessageStore() override;

    /**
     * Opens the database (blocking: call before serving) and loads rooms and recent dedup
     * keys. @param error one line on failure (file unusable, used by another server,
     * written by an incompatible version).
     */
    bool open(QString* error);

    void append(const MessageDraft& draft, AppendCallback done) override;
    bool findByClientId(const QString& userId, const QString& clientId, const QDateTime& now,
                        ChatMessage* out) const override;
    qint64 lastSeq(const QString& room) const override;
    void messagesAfter(const QString& room, qint64 since, HistoryCallback done) override;
    void messagesBefore(const QString& room, qint64 before, int limit,
                        HistoryCallback done) override;
    QList<StoredRoom> rooms() const override;
    void purgeRoom(const QString& room) override;
    void flush(std::function<void()> done) override;

    /// History queries answered from disk so far (the others came from the cache).
    int diskReads() const { return m_diskReads; }
    /// Transactions committed so far.
    int commits() const { return m_commits; }

protected:
    /// Runs the TaskEvents the store's thread posts back (commit and read results).
    bool event(QEvent* event) override;

private:
    /// A room's retention mark and cache; its counters are in m_index.
    struct Room
    {
        qint64 firstSeq = 1;           ///< lowest retained seq
        std::deque<ChatMessage> cache; ///< the newest messages, consecutive seqs
        quint64 lastUsed = 0;
    };
    struct Entry
    {
        ChatMessage draft; ///< every field but seq
        AppendCallback done;
        bool retry = false; ///< another entry (or a stored message) has its dedup key
    };

    static QString pendingKey(const QString& userId, const QString& clientId);
    void scheduleBatch();
    void sendBatch();
    void onCommitted(bool ok, const QList<ChatMessage>& stored);
    void answerRange(const QString& room, Room& state, qint64 from, qint64 to, HistorySlice slice,
                     HistoryCallback done);
    void onRangeRead(const QString& room, qint64 from, const QList<ChatMessage>& rows,
                     HistorySlice slice, const HistoryCallback& done);
    void cacheAppend(Room& room, const ChatMessage& message);
    void cachePrepend(Room& room, qint64 lastSeq, const QList<ChatMessage>& rows);
    void evictIfNeeded();
    void touch(Room& room) { room.lastUsed = ++m_useClock; }

    const QString m_path;
    const int m_historyLimit;
    const int m_cacheBudget;
    QThread m_thread;
    SqliteStoreWorker* m_worker = nullptr;
    bool m_open = false;

    QHash<QString, Room> m_rooms;
    StoreIndex m_index;
    QList<Entry> m_queued;   ///< appended, not yet handed to the worker
    QList<Entry> m_inFlight; ///< the transaction under way
    bool m_batchScheduled = false;
    QList<std::function<void()>> m_flushWaiters;
    qint64 m_cachedTotal = 0;
    quint64 m_useClock = 0;
    int m_diskReads = 0;
    int m_commits = 0;
    qint64 m_stored = 0;
};
