#include "sqlitestoreworker.h"

#include "storagelogging.h"
#include "taskevent.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace {

constexpr int SchemaVersion = 1;
constexpr qint64 PruneIntervalMs = 30000;

QString describe(const QSqlError& error)
{
    return error.text().simplified();
}

} // namespace

SqliteStoreWorker::SqliteStoreWorker(const QString& path, int historyLimit, qint64 dedupWindowMs)
    : m_path(path)
    , m_connectionName(QStringLiteral("chat-store-%1").arg(quintptr(this), 0, 16))
    , m_historyLimit(std::max(1, historyLimit))
    , m_dedupWindowMs(dedupWindowMs)
{}

SqliteStoreWorker::~SqliteStoreWorker()
{
    close();
}

bool SqliteStoreWorker::open(qint64 nowMs, Snapshot* out, QString* error)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    // A second server on the same file waits this long for the lock, then fails.
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_path, describe(m_db.lastError()));
        return false;
    }
    QString reason;
    // Exclusive locking before WAL: no shared-memory index, and one server per file.
    if (!exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"), &reason) ||
        !exec(QStringLiteral("PRAGMA journal_mode=WAL"), &reason) ||
        !exec(QStringLiteral("PRAGMA synchronous=NORMAL"), &reason) ||
        !exec(QStringLiteral("BEGIN EXCLUSIVE"), &reason) ||
        !exec(QStringLiteral("COMMIT"), &reason) || !createSchema(&reason) ||
        !readSnapshot(nowMs, out, &reason)) {
        *error = QStringLiteral("cannot use %1: %2").arg(m_path, reason);
        close();
        return false;
    }
    m_insert = std::make_unique<QSqlQuery>(m_db);
    m_upsertRoom = std::make_unique<QSqlQuery>(m_db);
    m_select = std::make_unique<QSqlQuery>(m_db);
    m_select->setForwardOnly(true);
    if (!m_insert->prepare(QStringLiteral(
            "INSERT INTO messages (room, seq, id, user_id, handle, text, ts_ms, client_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) ||
        !m_upsertRoom->prepare(
            QStringLiteral("INSERT OR REPLACE INTO rooms (room, last_seq, first_seq, "
                           "last_message_ms) VALUES (?, ?, ?, ?)")) ||
        !m_select->prepare(QStringLiteral("SELECT seq, id, user_id, handle, text, ts_ms, "
                                          "client_id FROM messages WHERE room = ? AND seq "
                                          "BETWEEN ? AND ? ORDER BY seq"))) {
        *error = QStringLiteral("cannot prepare statements on %1").arg(m_path);
        close();
        return false;
    }
    m_sincePrune.start();
    qCDebug(lcStore) << "opened" << m_path;
    return true;
}

bool SqliteStoreWorker::commit(const QList<ChatMessage>& drafts, QList<ChatMessage>* stored)
{
    if (!m_db.isOpen())
        return false;
    // Counters to restore when the transaction fails (absent = the room was new).
    QHash<QString, RoomState> before;
    QHash<QString, bool> isNew;
    const auto rollback = [&](const QString& reason) {
        qCWarning(lcStore) << "commit of" << drafts.size() << "messages failed:" << reason;
        m_db.rollback();
        for (auto it = isNew.cbegin(); it != isNew.cend(); ++it) {
            if (it.value())
                m_rooms.remove(it.key());
            else
                m_rooms.insert(it.key(), before.value(it.key()));
        }
        stored->clear();
        return false;
    };
    if (!m_db.transaction())
        return rollback(describe(m_db.lastError()));
    stored->clear();
    stored->reserve(drafts.size());
    for (const ChatMessage& draft : drafts) {
        if (!isNew.contains(draft.room)) {
            const auto it = m_rooms.constFind(draft.room);
            isNew.insert(draft.room, it == m_rooms.cend());
            if (it != m_rooms.cend())
                before.insert(draft.room, *it);
        }
        RoomState& room = m_rooms[draft.room];
        room.room = draft.room;
        ChatMessage message = draft;
        message.seq = ++room.lastSeq;
        room.lastMessageMs = message.ts.toMSecsSinceEpoch();
        m_insert->bindValue(0, message.room);
        m_insert->bindValue(1, message.seq);
        m_insert->bindValue(2, message.id);
        m_insert->bindValue(3, message.userId);
        m_insert->bindValue(4, message.handle);
        m_insert->bindValue(5, message.text);
        m_insert->bindValue(6, room.lastMessageMs);
        m_insert->bindValue(7,
                            message.clientId.isEmpty() ? QVariant() : QVariant(message.clientId));
        if (!m_insert->exec())
            return rollback(describe(m_insert->lastError()));
        stored->append(message);
    }
    for (auto it = isNew.cbegin(); it != isNew.cend(); ++it) {
        RoomState& room = m_rooms[it.key()];
        room.firstSeq = std::max(room.firstSeq, room.lastSeq - m_historyLimit + 1);
        if (!writeRoom(room))
            return rollback(describe(m_upsertRoom->lastError()));
    }
    if (!m_db.commit())
        return rollback(describe(m_db.lastError()));
    if (m_sincePrune.elapsed() >= PruneIntervalMs) {
        pruneRows(QDateTime::currentMSecsSinceEpoch());
        m_sincePrune.restart();
    }
    return true;
}

QList<ChatMessage> SqliteStoreWorker::readRange(const QString& room, qint64 from, qint64 to)
{
    QList<ChatMessage> result;
    if (!m_select || from > to)
        return result;
    m_select->bindValue(0, room);
    m_select->bindValue(1, from);
    m_select->bindValue(2, to);
    if (!m_select->exec()) {
        qCWarning(lcStore) << "history read failed:" << describe(m_select->lastError());
        return result;
    }
    result.reserve(int(std::min<qint64>(to - from + 1, 100000)));
    while (m_select->next())
        result.append(messageFromRow(room, *m_select, 0));
    m_select->finish();
    return result;
}

void SqliteStoreWorker::purge(const QString& room, qint64 upTo)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !m_db.isOpen())
        return;
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM messages WHERE room = ? AND seq <= ?"));
    remove.addBindValue(room);
    remove.addBindValue(upTo);
    const RoomState previous = *it;
    it->firstSeq = std::max(it->firstSeq, upTo + 1);
    if (!m_db.transaction() || !remove.exec() || !writeRoom(*it) || !m_db.commit()) {
        qCWarning(lcStore) << "purge failed:" << describe(m_db.lastError());
        m_db.rollback();
        *it = previous;
        return;
    }
    m_physicalFirst.insert(room, std::max(m_physicalFirst.value(room, 1), upTo + 1));
}

void SqliteStoreWorker::close()
{
    if (!m_db.isValid())
        return;
    m_insert.reset();
    m_upsertRoom.reset();
    m_select.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqliteStoreWorker::exec(const QString& sql, QString* error)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = describe(query.lastError());
    return false;
}

bool SqliteStoreWorker::createSchema(QString* error)
{
    QSqlQuery version(m_db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
        *error = describe(version.lastError());
        return false;
    }
    const int found = version.value(0).toInt();
    version.finish();
    if (found == SchemaVersion)
        return true;
    if (found != 0) {
        *error = QStringLiteral("schema version %1 is not %2 (written by another version)")
                     .arg(found)
                     .arg(SchemaVersion);
        return false;
    }
    return exec(QStringLiteral("BEGIN"), error) &&
           exec(QStringLiteral("CREATE TABLE IF NOT EXISTS rooms (room TEXT PRIMARY KEY NOT NULL, "
                               "last_seq INTEGER NOT NULL, first_seq INTEGER NOT NULL, "
                               "last_message_ms INTEGER NOT NULL) WITHOUT ROWID"),
                error) &&
           exec(QStringLiteral("CREATE TABLE IF NOT EXISTS messages (room TEXT NOT NULL, "
                               "seq INTEGER NOT NULL, id TEXT NOT NULL, user_id TEXT NOT NULL, "
                               "handle TEXT NOT NULL, text TEXT NOT NULL, ts_ms INTEGER NOT NULL, "
                               "client_id TEXT, PRIMARY KEY (room, seq))"),
                error) &&
           exec(QStringLiteral("CREATE INDEX IF NOT EXISTS messages_recent_client_ids ON "
                               "messages (ts_ms) WHERE client_id IS NOT NULL"),
                error) &&
           exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion), error) &&
           exec(QStringLiteral("COMMIT"), error);
}

bool SqliteStoreWorker::readSnapshot(qint64 nowMs, Snapshot* out, QString* error)
{
    QSqlQuery rooms(m_db);
    rooms.setForwardOnly(true);
    if (!rooms.exec(QStringLiteral(
            "SELECT room, last_seq, first_seq, last_message_ms FROM rooms ORDER BY room"))) {
        *error = describe(rooms.lastError());
        return false;
    }
    while (rooms.next()) {
        RoomState room{rooms.value(0).toString(), rooms.value(1).toLongLong(),
                       rooms.value(2).toLongLong(), rooms.value(3).toLongLong()};
        m_rooms.insert(room.room, room);
        out->rooms.append(room);
    }
    QSqlQuery recent(m_db);
    recent.setForwardOnly(true);
    recent.prepare(QStringLiteral("SELECT room, seq, id, user_id, handle, text, ts_ms, client_id "
                                  "FROM messages WHERE client_id IS NOT NULL AND ts_ms >= ? "
                                  "ORDER BY ts_ms, room, seq"));
    recent.addBindValue(nowMs - m_dedupWindowMs);
    if (!recent.exec()) {
        *error = describe(recent.lastError());
        return false;
    }
    while (recent.next())
        out->recentWithClientId.append(messageFromRow(recent.value(0).toString(), recent, 1));
    return true;
}

bool SqliteStoreWorker::writeRoom(const RoomState& room)
{
    m_upsertRoom->bindValue(0, room.room);
    m_upsertRoom->bindValue(1, room.lastSeq);
    m_upsertRoom->bindValue(2, room.firstSeq);
    m_upsertRoom->bindValue(3, room.lastMessageMs);
    return m_upsertRoom->exec();
}

void SqliteStoreWorker::pruneRows(qint64 nowMs)
{
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM messages WHERE room = ? AND seq < ? AND ts_ms < ?"));
    QSqlQuery lowest(m_db);
    lowest.prepare(QStringLiteral("SELECT MIN(seq) FROM messages WHERE room = ?"));
    if (!m_db.transaction())
        return;
    int pruned = 0;
    for (const RoomState& room : std::as_const(m_rooms)) {
        if (room.firstSeq <= m_physicalFirst.value(room.room, 1))
            continue;
        remove.bindValue(0, room.room);
        remove.bindValue(1, room.firstSeq);
        remove.bindValue(2, nowMs - m_dedupWindowMs);
        lowest.bindValue(0, room.room);
        if (!remove.exec() || !lowest.exec() || !lowest.next()) {
            m_db.rollback();
            return;
        }
        pruned += remove.numRowsAffected();
        const QVariant min = lowest.value(0);
        m_physicalFirst.insert(room.room, min.isNull() ? room.firstSeq : min.toLongLong());
        lowest.finish();
    }
    if (!m_db.commit()) {
        m_db.rollback();
        return;
    }
    qCDebug(lcStore) << "pruned" << pruned << "rows past retention";
}

ChatMessage SqliteStoreWorker::messageFromRow(const QString& room, const QSqlQuery& query,
                                              int column)
{
    ChatMessage message;
    message.room = room;
    message.seq = query.value(column).toLongLong();
    message.id = query.value(column + 1).toString();
    message.userId = query.value(column + 2).toString();
    message.handle = query.value(column + 3).toString();
    message.text = query.value(column + 4).toString();
    message.ts = QDateTime::fromMSecsSinceEpoch(query.value(column + 5).toLongLong(), Qt::UTC);
    message.clientId = query.value(column + 6).toString();
    return message;
}

bool SqliteStoreWorker::event(QEvent* event)
{
    return TaskEvent::runIf(event) || QObject::event(event);
}
