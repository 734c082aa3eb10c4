#pragma once

#include "chatmessage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>

class QSqlQuery;

/**
 * The SQLite side of SqliteMessageStore. It lives on the store's own thread and does all
 * the I/O there, with its own connection (Qt Sql allows a connection only in the thread
 * that opened it): opening and schema, seq assignment, grouped inserts, retention, reads.
 * SqliteMessageStore calls it through queued invocations and posts the answers back; it
 * never touches the event loop thread.
 *
 * Schema (user_version 1):
 * - rooms(room PRIMARY KEY, last_seq, first_seq, last_message_ms): last_seq is the highest
 *   seq ever stored (kept by purges), first_seq the lowest retained one.
 * - messages(room, seq, id, user_id, handle, text, ts_ms, client_id), PRIMARY KEY(room, seq).
 * Retention is logical (first_seq moves up at once); rows below first_seq are deleted once
 * they are older than the dedup window, so that (user_id, client_id) keys survive a
 * restart for the whole window.
 */
class SqliteStoreWorker : public QObject
{
    Q_OBJECT

public:
    /// A room's counters as stored.
    struct RoomState
    {
        QString room;
        qint64 lastSeq = 0;
        qint64 firstSeq = 1;
        qint64 lastMessageMs = 0; ///< Unix ms of the newest message, 0 when none
    };

    /// What the event loop side needs at start: every room, and the recent client ids.
    struct Snapshot
    {
        QList<RoomState> rooms;
        QList<ChatMessage> recentWithClientId; ///< within the dedup window, oldest first
    };

    /**
     * @param path         the database file (created when missing).
     * @param historyLimit messages kept per room (>= 1).
     * @param dedupWindowMs how long rows with a client_id are kept past retention, ms.
     */
    SqliteStoreWorker(const QString& path, int historyLimit, qint64 dedupWindowMs);
    ~SqliteStoreWorker() override;

    /**
     * Opens (or creates) the database: WAL, synchronous=NORMAL, exclusive locking (a second
     * server on the same data directory fails here), schema, then reads the snapshot.
     * @param nowMs  current Unix time, ms (for the dedup window).
     * @param error  one line (path and SQLite's reason) on failure.
     */
    bool open(qint64 nowMs, Snapshot* out, QString* error);

    /**
     * Stores @p drafts (every field set but seq) in one transaction, assigning each the next
     * seq of its room, and applies retention.
     * @param stored receives the drafts with their seqs, in order, on success.
     * @return false when the transaction failed; nothing is stored and the seqs are reused.
     */
    bool commit(const QList<ChatMessage>& drafts, QList<ChatMessage>* stored);

    /// Stored messages of @p room with @p from <= seq <= @p to, ascending (empty on error).
    QList<ChatMessage> readRange(const QString& room, qint64 from, qint64 to);

    /**
     * Deletes every message of @p room with seq <= @p upTo; its seq continues and first_seq
     * becomes at least upTo + 1 (messages committed after upTo are kept).
     */
    void purge(const QString& room, qint64 upTo);

    /// Closes the connection (also done by the destructor, which must run on this thread).
    void close();

protected:
    /// Runs the TaskEvents SqliteMessageStore posts (every call above, in order).
    bool event(QEvent* event) override;

private:
    bool exec(const QString& sql, QString* error = nullptr);
    bool createSchema(QString* error);
    bool readSnapshot(qint64 nowMs, Snapshot* out, QString* error);
    bool writeRoom(const RoomState& room);
    void pruneRows(qint64 nowMs);
    static ChatMessage messageFromRow(const QString& room, const QSqlQuery& query, int column);

    const QString m_path;
    const QString m_connectionName;
    const int m_historyLimit;
    const qint64 m_dedupWindowMs;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<QSqlQuery> m_upsertRoom;
    std::unique_ptr<QSqlQuery> m_select;
    QHash<QString, RoomState> m_rooms;
    QHash<QString, qint64> m_physicalFirst; ///< lowest seq possibly still on disk, per room
    QElapsedTimer m_sincePrune;
};
