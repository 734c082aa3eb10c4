// SqliteStoreWorker on its own (on the test's thread): the schema and the snapshot of a
// reopened file, seqs per room, logical retention, purges, dedup rows kept past retention,
// and the refusal of another schema version. (A second server on the same file waits out
// the 2 s busy timeout: tst_sqlitemessagestore::secondStoreOnTheSameFileFails has it.)

#include "sqlitestoreworker.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 DedupWindowMs = 600000;

ChatMessage draft(const QString& room, const QString& text, const QString& clientId = {},
                  const QDateTime& ts = QDateTime::currentDateTimeUtc())
{
    ChatMessage message;
    message.room = room;
    message.id = u"m_"_s + text;
    message.userId = u"u_1"_s;
    message.handle = u"Calm Otter"_s;
    message.text = text;
    message.clientId = clientId;
    message.ts = ts;
    return message;
}

QList<qint64> seqs(const QList<ChatMessage>& messages)
{
    QList<qint64> result;
    for (const ChatMessage& message : messages)
        result.append(message.seq);
    return result;
}

/// A worker on a file in a temporary directory, opened; reopen() closes and opens anew.
struct Fixture
{
    explicit Fixture(int historyLimit = 100)
        : limit(historyLimit)
    {
        QVERIFY(dir.isValid());
        reopen();
    }
    void reopen(qint64 nowMs = QDateTime::currentMSecsSinceEpoch())
    {
        worker.reset(); // closes the file first (exclusive locking)
        worker = std::make_unique<SqliteStoreWorker>(path(), limit, DedupWindowMs);
        snapshot = SqliteStoreWorker::Snapshot();
        QString error;
        opened = worker->open(nowMs, &snapshot, &error);
        QVERIFY2(opened, qPrintable(error));
    }
    QString path() const { return dir.filePath(u"messages.db"_s); }
    QList<ChatMessage> commit(const QList<ChatMessage>& drafts)
    {
        QList<ChatMessage> stored;
        if (!worker->commit(drafts, &stored))
            qWarning("commit failed");
        return stored;
    }
    const SqliteStoreWorker::RoomState* room(const QString& name) const
    {
        for (const auto& state : snapshot.rooms) {
            if (state.room == name)
                return &state;
        }
        return nullptr;
    }

    const int limit;
    QTemporaryDir dir;
    std::unique_ptr<SqliteStoreWorker> worker;
    SqliteStoreWorker::Snapshot snapshot;
    bool opened = false;
};

} // namespace

class tst_SqliteStoreWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newFileIsEmpty()
    {
        Fixture f;
        QVERIFY(f.snapshot.rooms.isEmpty());
        QVERIFY(f.snapshot.recentWithClientId.isEmpty());
        QVERIFY(QFile::exists(f.path()));
    }

    void seqsPerRoomInOrder()
    {
        Fixture f;
        const QList<ChatMessage> stored =
            f.commit({draft(u"a"_s, u"1"_s), draft(u"b"_s, u"2"_s), draft(u"a"_s, u"3"_s)});
        QCOMPARE(seqs(stored), (QList<qint64>{1, 1, 2}));
        QCOMPARE(stored.at(2).text, u"3"_s);
        QCOMPARE(seqs(f.commit({draft(u"a"_s, u"4"_s)})), QList<qint64>{3});
        const QList<ChatMessage> read = f.worker->readRange(u"a"_s, 1, 10);
        QCOMPARE(seqs(read), (QList<qint64>{1, 2, 3}));
        QCOMPARE(read.at(1).id, u"m_3"_s);
        QCOMPARE(read.at(1).userId, u"u_1"_s);
        QCOMPARE(read.at(1).handle, u"Calm Otter"_s);
        QCOMPARE(read.at(1).ts.toMSecsSinceEpoch(), stored.at(2).ts.toMSecsSinceEpoch());
        QVERIFY(read.at(1).clientId.isEmpty());
        QVERIFY(f.worker->readRange(u"a"_s, 3, 2).isEmpty()); // from > to
        QVERIFY(f.worker->readRange(u"nowhere"_s, 1, 10).isEmpty());
    }

    void reopenedSnapshot()
    {
        Fixture f;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        f.commit({draft(u"a"_s, u"1"_s, u"c1"_s, now), draft(u"a"_s, u"2"_s, QString(), now),
                  draft(u"b"_s, u"3"_s, u"c3"_s, now)});
        f.reopen(now.toMSecsSinceEpoch());
        QCOMPARE(f.snapshot.rooms.size(), 2);
        QCOMPARE(f.room(u"a"_s)->lastSeq, 2);
        QCOMPARE(f.room(u"a"_s)->firstSeq, 1);
        QCOMPARE(f.room(u"a"_s)->lastMessageMs, now.toMSecsSinceEpoch());
        // Only messages with a client_id, for the dedup index.
        QCOMPARE(f.snapshot.recentWithClientId.size(), 2);
        QCOMPARE(f.snapshot.recentWithClientId.at(0).clientId, u"c1"_s);
        // Seqs go on after a restart.
        QCOMPARE(seqs(f.commit({draft(u"a"_s, u"4"_s)})), QList<qint64>{3});
        // Past the dedup window the client ids are no longer recent.
        f.reopen(now.toMSecsSinceEpoch() + DedupWindowMs + 1);
        QVERIFY(f.snapshot.recentWithClientId.isEmpty());
    }

    void retentionMovesFirstSeq()
    {
        Fixture f(3);
        QList<ChatMessage> drafts;
        for (int i = 1; i <= 5; ++i)
            drafts.append(draft(u"a"_s, QString::number(i), u"c"_s + QString::number(i)));
        f.commit(drafts);
        f.reopen();
        QCOMPARE(f.room(u"a"_s)->lastSeq, 5);
        QCOMPARE(f.room(u"a"_s)->firstSeq, 3);
        // Rows below first_seq stay within the dedup window: their client ids still count.
        QCOMPARE(f.snapshot.recentWithClientId.size(), 5);
    }

    void purgeKeepsTheSeq()
    {
        Fixture f;
        f.commit({draft(u"a"_s, u"1"_s), draft(u"a"_s, u"2"_s), draft(u"a"_s, u"3"_s)});
        f.worker->purge(u"a"_s, 2);
        QCOMPARE(seqs(f.worker->readRange(u"a"_s, 1, 10)), QList<qint64>{3});
        f.worker->purge(u"unknown"_s, 5); // nothing to do
        f.reopen();
        QCOMPARE(f.room(u"a"_s)->lastSeq, 3);
        QCOMPARE(f.room(u"a"_s)->firstSeq, 3);
        QCOMPARE(seqs(f.commit({draft(u"a"_s, u"4"_s)})), QList<qint64>{4});
    }

    void otherSchemaVersionIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"future.db"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"future"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"PRAGMA user_version = 7"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"future"_s);
        SqliteStoreWorker worker(path, 100, DedupWindowMs);
        SqliteStoreWorker::Snapshot snapshot;
        QString error;
        QVERIFY(!worker.open(0, &snapshot, &error));
        QVERIFY2(error.contains(u"7"_s), qPrintable(error));
    }

    void unwritablePathFails()
    {
        SqliteStoreWorker worker(u"/nonexistent-dir/for/sure/messages.db"_s, 100, DedupWindowMs);
        SqliteStoreWorker::Snapshot snapshot;
        QString error;
        QVERIFY(!worker.open(0, &snapshot, &error));
        QVERIFY(!error.isEmpty());
        QList<ChatMessage> stored;
        QVERIFY(!worker.commit({draft(u"a"_s, u"1"_s)}, &stored)); // not open: nothing stored
        QVERIFY(stored.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SqliteStoreWorker)
#include "tst_sqlitestoreworker.moc"
