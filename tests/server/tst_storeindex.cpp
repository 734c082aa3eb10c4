// StoreIndex: per-room lastSeq and latest time, and the dedup window, shared by both stores.

#include "storeindex.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime Start = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);

ChatMessage stored(const QString& room, qint64 seq, const QString& clientId, const QDateTime& ts)
{
    ChatMessage m;
    m.room = room;
    m.seq = seq;
    m.id = u"m_%1_%2"_s.arg(room).arg(seq);
    m.userId = u"u_author"_s;
    m.handle = u"Calm Otter"_s;
    m.text = u"hello"_s;
    m.ts = ts;
    m.clientId = clientId;
    return m;
}

StoredRoom roomNamed(const QList<StoredRoom>& rooms, const QString& name)
{
    for (const StoredRoom& room : rooms) {
        if (room.room == name)
            return room;
    }
    return {};
}

} // namespace

class tst_StoreIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyIndex()
    {
        StoreIndex index;
        QCOMPARE(index.lastSeq(u"lobby"_s), 0);
        QVERIFY(index.rooms().isEmpty());
        QCOMPARE(index.roomCount(), 0);
        QCOMPARE(index.clientIdCount(), 0);
        ChatMessage out;
        QVERIFY(!index.findByClientId(u"u_author"_s, u"c1"_s, Start, &out));
    }

    void noteStoredAdvancesTheRoom()
    {
        StoreIndex index;
        index.noteStored(stored(u"lobby"_s, 1, u"c1"_s, Start));
        index.noteStored(stored(u"lobby"_s, 2, QString(), Start.addMSecs(10)));
        index.noteStored(stored(u"other"_s, 1, u"c3"_s, Start.addMSecs(20)));
        QCOMPARE(index.lastSeq(u"lobby"_s), 2);
        QCOMPARE(index.lastSeq(u"other"_s), 1);
        QCOMPARE(index.lastSeq(u"nowhere"_s), 0);
        QCOMPARE(index.roomCount(), 2);
        // Only messages with a client id are remembered for dedup.
        QCOMPARE(index.clientIdCount(), 2);

        const QList<StoredRoom> rooms = index.rooms();
        QCOMPARE(rooms.size(), 2);
        const StoredRoom lobby = roomNamed(rooms, u"lobby"_s);
        QCOMPARE(lobby.lastSeq, 2);
        QCOMPARE(lobby.lastMessageAt, Start.addMSecs(10));
        QCOMPARE(roomNamed(rooms, u"other"_s).lastMessageAt, Start.addMSecs(20));
    }

    void findByClientIdHonoursTheWindow()
    {
        StoreIndex index;
        const ChatMessage original = stored(u"lobby"_s, 1, u"c1"_s, Start);
        index.noteStored(original);
        ChatMessage out;
        QVERIFY(index.findByClientId(u"u_author"_s, u"c1"_s, Start, &out));
        QCOMPARE(out, original);
        QVERIFY(index.findByClientId(u"u_author"_s, u"c1"_s,
                                     Start.addMSecs(MessageStore::DedupWindowMs), &out));
        QVERIFY(!index.findByClientId(u"u_author"_s, u"c1"_s,
                                      Start.addMSecs(MessageStore::DedupWindowMs + 1), &out));
        QVERIFY(!index.findByClientId(u"u_other"_s, u"c1"_s, Start, &out));
    }

    void restoreRoomSetsCountersWithoutDedup()
    {
        StoreIndex index;
        index.restoreRoom(u"lobby"_s, 41, Start);
        QCOMPARE(index.lastSeq(u"lobby"_s), 41);
        QCOMPARE(index.clientIdCount(), 0);
        const QList<StoredRoom> rooms = index.rooms();
        QCOMPARE(rooms.size(), 1);
        QCOMPARE(rooms.first().room, u"lobby"_s);
        QCOMPARE(rooms.first().lastSeq, 41);
        QCOMPARE(rooms.first().lastMessageAt, Start);
        // The next stored message continues after the restored seq.
        index.noteStored(stored(u"lobby"_s, 42, QString(), Start.addMSecs(5)));
        QCOMPARE(index.lastSeq(u"lobby"_s), 42);
        QCOMPARE(index.rooms().first().lastMessageAt, Start.addMSecs(5));
    }

    void roomsListsOnlyRoomsWithMessages()
    {
        StoreIndex index;
        index.restoreRoom(u"empty"_s, 0, QDateTime());
        index.restoreRoom(u"lobby"_s, 3, Start);
        QCOMPARE(index.roomCount(), 2);
        const QList<StoredRoom> rooms = index.rooms();
        QCOMPARE(rooms.size(), 1);
        QCOMPARE(rooms.first().room, u"lobby"_s);
    }

    void restoreClientIdMakesRetriesFindTheOriginal()
    {
        StoreIndex index;
        const ChatMessage original = stored(u"lobby"_s, 9, u"c9"_s, Start);
        index.restoreRoom(u"lobby"_s, 9, Start);
        index.restoreClientId(original);
        QCOMPARE(index.clientIdCount(), 1);
        ChatMessage out;
        QVERIFY(index.findByClientId(u"u_author"_s, u"c9"_s, Start.addSecs(60), &out));
        QCOMPARE(out, original);
        // Restoring a key touches no counter.
        QCOMPARE(index.lastSeq(u"lobby"_s), 9);
    }

    void forgetClientIdsKeepsTheSeq()
    {
        StoreIndex index;
        index.noteStored(stored(u"lobby"_s, 1, u"c1"_s, Start));
        index.noteStored(stored(u"other"_s, 1, u"c2"_s, Start));
        index.forgetClientIds(u"lobby"_s);
        ChatMessage out;
        QVERIFY(!index.findByClientId(u"u_author"_s, u"c1"_s, Start, &out));
        QVERIFY(index.findByClientId(u"u_author"_s, u"c2"_s, Start, &out));
        QCOMPARE(index.clientIdCount(), 1);
        QCOMPARE(index.lastSeq(u"lobby"_s), 1);
        QCOMPARE(index.rooms().size(), 2);
    }
};

QTEST_APPLESS_MAIN(tst_StoreIndex)
#include "tst_storeindex.moc"
