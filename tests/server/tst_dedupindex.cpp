// DedupIndex: the (user_id, client_id) keys of exactly-once sends, remembered for a window.

#include "dedupindex.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Window = 1000; // ms

ChatMessage message(const QString& room, qint64 seq, const QString& userId, const QString& clientId)
{
    ChatMessage m;
    m.room = room;
    m.seq = seq;
    m.id = u"m_%1_%2"_s.arg(room).arg(seq);
    m.userId = userId;
    m.handle = u"handle"_s;
    m.text = u"text %1"_s.arg(seq);
    m.clientId = clientId;
    return m;
}

} // namespace

class tst_DedupIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheOriginalWithinTheWindow()
    {
        DedupIndex index(Window);
        const ChatMessage stored = message(u"lobby"_s, 1, u"u_a"_s, u"c1"_s);
        index.insert(stored, 5000);
        QCOMPARE(index.size(), 1);
        for (const qint64 now : {qint64(5000), qint64(5000 + Window / 2), 5000 + Window}) {
            ChatMessage out;
            QVERIFY2(index.find(u"u_a"_s, u"c1"_s, now, &out), qPrintable(QString::number(now)));
            QCOMPARE(out, stored);
        }
    }

    void forgetsAfterTheWindow()
    {
        DedupIndex index(Window);
        index.insert(message(u"lobby"_s, 1, u"u_a"_s, u"c1"_s), 5000);
        ChatMessage out;
        QVERIFY(!index.find(u"u_a"_s, u"c1"_s, 5000 + Window + 1, &out));
        QCOMPARE(out, ChatMessage());
    }

    void keyIsUserAndClientId()
    {
        DedupIndex index(Window);
        const ChatMessage a = message(u"lobby"_s, 1, u"u_a"_s, u"c1"_s);
        const ChatMessage b = message(u"lobby"_s, 2, u"u_b"_s, u"c1"_s);
        index.insert(a, 0);
        index.insert(b, 0);
        QCOMPARE(index.size(), 2);
        ChatMessage out;
        QVERIFY(index.find(u"u_a"_s, u"c1"_s, 0, &out));
        QCOMPARE(out, a);
        QVERIFY(index.find(u"u_b"_s, u"c1"_s, 0, &out));
        QCOMPARE(out, b);
        QVERIFY(!index.find(u"u_a"_s, u"c2"_s, 0, &out));
        QVERIFY(!index.find(u"u_c"_s, u"c1"_s, 0, &out));
        // The two parts cannot run into each other.
        QVERIFY(!index.find(u"u_ac"_s, u"1"_s, 0, &out));
    }

    void emptyClientIdIsNeverRemembered()
    {
        DedupIndex index(Window);
        index.insert(message(u"lobby"_s, 1, u"u_a"_s, QString()), 0);
        QCOMPARE(index.size(), 0);
        ChatMessage out;
        QVERIFY(!index.find(u"u_a"_s, QString(), 0, &out));
    }

    void oldEntriesArePrunedAsNewOnesArrive()
    {
        DedupIndex index(Window);
        index.insert(message(u"lobby"_s, 1, u"u_a"_s, u"c1"_s), 0);
        index.insert(message(u"lobby"_s, 2, u"u_a"_s, u"c2"_s), Window / 2);
        QCOMPARE(index.size(), 2);
        // At Window + 1 the first is out of the window, the second is not.
        index.insert(message(u"lobby"_s, 3, u"u_a"_s, u"c3"_s), Window + 1);
        QCOMPARE(index.size(), 2);
        ChatMessage out;
        QVERIFY(!index.find(u"u_a"_s, u"c1"_s, Window + 1, &out));
        QVERIFY(index.find(u"u_a"_s, u"c2"_s, Window + 1, &out));
        QCOMPARE(out.seq, qint64(2));
        // Far later every earlier key goes.
        index.insert(message(u"lobby"_s, 4, u"u_a"_s, u"c4"_s), 10 * Window);
        QCOMPARE(index.size(), 1);
    }

    void keyStoredAgainKeepsItsNewerEntry()
    {
        DedupIndex index(Window);
        index.insert(message(u"lobby"_s, 1, u"u_a"_s, u"c1"_s), 0);
        const ChatMessage again = message(u"other"_s, 7, u"u_a"_s, u"c1"_s);
        index.insert(again, Window);
        QCOMPARE(index.size(), 1);
        // Pruning the first insertion must not drop the second one.
        index.insert(message(u"lobby"_s, 2, u"u_a"_s, u"c2"_s), Window + 1);
        ChatMessage out;
        QVERIFY(index.find(u"u_a"_s, u"c1"_s, Window + 1, &out));
        QCOMPARE(out, again);
        QCOMPARE(index.size(), 2);
    }

    void removeRoomForgetsOnlyThatRoom()
    {
        DedupIndex index(Window);
        index.insert(message(u"lobby"_s, 1, u"u_a"_s, u"c1"_s), 0);
        index.insert(message(u"lobby"_s, 2, u"u_b"_s, u"c2"_s), 0);
        index.insert(message(u"other"_s, 1, u"u_a"_s, u"c3"_s), 0);
        index.removeRoom(u"lobby"_s);
        QCOMPARE(index.size(), 1);
        ChatMessage out;
        QVERIFY(!index.find(u"u_a"_s, u"c1"_s, 0, &out));
        QVERIFY(!index.find(u"u_b"_s, u"c2"_s, 0, &out));
        QVERIFY(index.find(u"u_a"_s, u"c3"_s, 0, &out));
        QCOMPARE(out.room, u"other"_s);
        index.removeRoom(u"nowhere"_s);
        QCOMPARE(index.size(), 1);
        // A purged key stored again is remembered again, and later pruning stays exact.
        index.insert(message(u"lobby"_s, 3, u"u_a"_s, u"c1"_s), 10);
        QVERIFY(index.find(u"u_a"_s, u"c1"_s, 10, &out));
        QCOMPARE(out.seq, qint64(3));
        index.insert(message(u"other"_s, 2, u"u_z"_s, u"cz"_s), Window + 5);
        QVERIFY(index.find(u"u_a"_s, u"c1"_s, Window + 5, &out));
        QCOMPARE(index.size(), 2);
    }
};

QTEST_APPLESS_MAIN(tst_DedupIndex)
#include "tst_dedupindex.moc"
