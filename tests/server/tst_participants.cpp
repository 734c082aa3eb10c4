// Participants: the chat core's connection table (ids, lookup, take) and its rate clock;
// Participant::takeTokens' rate_limited refusal.

#include "chaterror.h"
#include "nullpeer.h"
#include "participants.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Participants : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addGivesNewIds()
    {
        Participants table;
        QVERIFY(table.isEmpty());
        NullPeer a, b;
        Participant& first = table.add(&a, {1.0, 3, 0, 0});
        Participant& second = table.add(&b, {1.0, 3, 0, 0});
        QVERIFY(first.id != 0);
        QVERIFY(second.id != first.id);
        QCOMPARE(first.peer, &a);
        QCOMPARE(second.peer, &b);
        QVERIFY(!first.identified);
        QVERIFY(first.rooms.isEmpty());
        QCOMPARE(table.size(), 2);
        QCOMPARE(table.find(first.id), &first);
        QCOMPARE(table.find(second.id), &second);
        QCOMPARE(table.find(0), nullptr);
        QCOMPARE(table.find(second.id + 100), nullptr);
        QVERIFY(first.connectedAtMs >= 0 && first.connectedAtMs <= table.nowMs());
    }

    void idsAreNeverReused()
    {
        Participants table;
        NullPeer peer;
        QSet<quint64> seen;
        for (int i = 0; i < 50; ++i) {
            const quint64 id = table.add(&peer, {0, 0, 0, 0}).id;
            QVERIFY2(!seen.contains(id), qPrintable(QString::number(id)));
            seen.insert(id);
            // An answer arriving for a taken id must find nothing, even after new adds.
            QVERIFY(table.take(id));
            QCOMPARE(table.find(id), nullptr);
        }
        QVERIFY(table.isEmpty());
    }

    void takeHandsOverTheRecord()
    {
        Participants table;
        NullPeer peer;
        Participant& added = table.add(&peer, {1.0, 1, 0, 0});
        added.rooms.append(u"lobby"_s);
        const quint64 id = added.id;
        std::unique_ptr<Participant> taken = table.take(id);
        QVERIFY(taken);
        QCOMPARE(taken->id, id);
        QCOMPARE(taken->rooms, QList<QString>{u"lobby"_s});
        QCOMPARE(table.find(id), nullptr);
        QCOMPARE(table.size(), 0);
        QVERIFY(!table.take(id)); // twice: nothing
    }

    void takeAllEmptiesTheTable()
    {
        Participants table;
        NullPeer peer;
        QList<quint64> ids;
        for (int i = 0; i < 3; ++i)
            ids.append(table.add(&peer, {1.0, 1, 0, 0}).id);
        // Iteration is in id order.
        QList<quint64> iterated;
        for (const auto& [id, participant] : table) {
            QCOMPARE(participant->id, id);
            iterated.append(id);
        }
        QCOMPARE(iterated, ids);
        auto all = table.takeAll();
        QCOMPARE(int(all.size()), 3);
        QVERIFY(table.isEmpty());
        for (const quint64 id : ids) {
            QVERIFY(all.count(id));
            QCOMPARE(table.find(id), nullptr);
        }
        // The table is usable afterwards, with fresh ids.
        QVERIFY(!ids.contains(table.add(&peer, {1.0, 1, 0, 0}).id));
    }

    void bucketStartsFullAndRefusesWithRetryAfter()
    {
        Participants table;
        NullPeer peer;
        Participant& participant = table.add(&peer, {2.0, 3, 0, 0}); // 2 tokens/s, burst 3
        const qint64 now = table.nowMs();
        ChatError error;
        for (int i = 0; i < 3; ++i)
            QVERIFY(participant.takeTokens(1, now, &error));
        QVERIFY(!participant.takeTokens(1, now, &error));
        QCOMPARE(error.code, ChatError::Code::RateLimited);
        // One token at 2 tokens/s takes 500 ms to come back.
        QCOMPARE(error.retryAfterMs, 500);
        QVERIFY(!error.message.isEmpty());
        QVERIFY(participant.takeTokens(1, now + 500, &error));
    }

    void clockCountsFromTheTablesCreation()
    {
        QElapsedTimer before;
        before.start();
        const Participants table;
        QElapsedTimer after;
        after.start();
        qint64 previous = 0;
        for (int i = 0; i < 1000; ++i) {
            // Read in this order, each bound holds whatever the millisecond boundaries.
            const qint64 lower = after.elapsed();
            const qint64 now = table.nowMs();
            const qint64 upper = before.elapsed();
            QVERIFY(now >= previous); // monotonic
            QVERIFY(now >= lower);    // started no later than the table
            QVERIFY(now <= upper);    // nor earlier
            previous = now;
        }
    }
};

QTEST_GUILESS_MAIN(tst_Participants)
#include "tst_participants.moc"
