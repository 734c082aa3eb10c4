// RoomJoiner: join_room's history and live subscription with no gap and no overlap, also
// when the store answers later and messages are stored meanwhile; rejoins, cancel, removal.

#include "memorymessagestore.h"
#include "nullpeer.h"
#include "protocolevents.h"
#include "recordingfanout.h"
#include "roomjoiner.h"

#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QString Lobby = u"lobby"_s;

/// A MessageStore on disk, as RoomJoiner sees it: history queries take their slice when
/// asked (the contract: nothing newer than lastSeq() then) and answer when the test says.
class DeferredStore : public MemoryMessageStore
{
public:
    DeferredStore()
        : MemoryMessageStore(1000)
    {}

    void messagesAfter(const QString& room, qint64 since, HistoryCallback done) override
    {
        answer(sliceAfter(room, since), std::move(done));
    }
    void messagesBefore(const QString& room, qint64 before, int limit,
                        HistoryCallback done) override
    {
        answer(sliceBefore(room, before, limit), std::move(done));
    }

    /// Answers the oldest waiting query; false when none waits.
    bool answerNext()
    {
        if (m_waiting.isEmpty())
            return false;
        m_waiting.takeFirst()();
        return true;
    }
    /// Answers every waiting query, including those asked while answering.
    void answerAll()
    {
        while (answerNext()) {
        }
    }
    /// Off: answer within the call, as the memory store does.
    bool deferAnswers = true;

private:
    void answer(const HistorySlice& slice, HistoryCallback done)
    {
        if (deferAnswers)
            m_waiting.append([slice, done] { done(slice); });
        else
            done(slice);
    }

    QList<std::function<void()>> m_waiting;
};

void store(MessageStore& store, const QString& room, int count)
{
    for (int i = 0; i < count; ++i) {
        store.append(MessageDraft{room, u"u_a"_s, u"Calm Otter"_s, u"text"_s, QString(),
                                  QDateTime::currentDateTimeUtc()},
                     [](const ChatMessage&, bool) {});
    }
}

QList<qint64> seqs(const HistorySlice& slice)
{
    QList<qint64> result;
    for (const ChatMessage& message : slice.messages)
        result.append(message.seq);
    return result;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 seq = first; seq <= last; ++seq)
        result.append(seq);
    return result;
}

/// Collects the answers of joins.
struct Answers
{
    QList<HistorySlice> slices;
    /// Subscriptions made before each answer (the subscription comes first).
    QList<qsizetype> subscriptionsBefore;
    RecordingFanout* fanout = nullptr;

    RoomJoiner::Answer answer()
    {
        return [this](const HistorySlice& slice) {
            slices.append(slice);
            subscriptionsBefore.append(fanout->subscriptions.size());
        };
    }
};

/// A joiner over a deferred store and a recording fan-out, with one peer.
struct Fixture
{
    DeferredStore messages;
    RecordingFanout fanout;
    RoomJoiner joiner{&messages, &fanout};
    NullPeer peer;
    Answers answers{{}, {}, &fanout};
};

} // namespace

class tst_RoomJoiner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void joinWithoutSinceAnswersTheNewest()
    {
        Fixture f;
        auto& [messages, fanout, joiner, peer, answers] = f;
        messages.deferAnswers = false;
        store(messages, Lobby, ProtocolEvents::DefaultHistory + 10);
        joiner.join(1, &peer, Lobby, -1, WireFormat::SocketIo, answers.answer());
        QCOMPARE(answers.slices.size(), 1); // within the call: the store answered at once
        const qint64 last = ProtocolEvents::DefaultHistory + 10;
        QCOMPARE(seqs(answers.slices.first()), range(11, last));
        QCOMPARE(answers.slices.first().lastSeq, last);
        QCOMPARE(fanout.subscriptions.size(), 1);
        QCOMPARE(fanout.subscriptions.first().room, Lobby);
        QCOMPARE(fanout.subscriptions.first().peer, &peer);
        QCOMPARE(answers.subscriptionsBefore, QList<qsizetype>{1});
    }

    void since_data()
    {
        QTest::addColumn<qint64>("since");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("from the start") << qint64(0) << range(1, 5);
        QTest::newRow("after 3") << qint64(3) << range(4, 5);
        QTest::newRow("up to date") << qint64(5) << QList<qint64>();
        // A since beyond lastSeq (e.g. the server lost its data): the newest, as without since.
        QTest::newRow("ahead of the room") << qint64(9) << range(1, 5);
        QTest::newRow("absent") << qint64(-1) << range(1, 5);
    }

    void since()
    {
        QFETCH(qint64, since);
        QFETCH(QList<qint64>, expected);
        Fixture f;
        auto& [messages, fanout, joiner, peer, answers] = f;
        messages.deferAnswers = false;
        store(messages, Lobby, 5);
        joiner.join(1, &peer, Lobby, since, WireFormat::SocketIo, answers.answer());
        QCOMPARE(answers.slices.size(), 1);
        QCOMPARE(seqs(answers.slices.first()), expected);
        QCOMPARE(answers.slices.first().lastSeq, 5);
        QCOMPARE(fanout.subscriptions.size(), 1);
    }

    void messagesStoredWhileReadingAreInTheAnswer()
    {
        Fixture f;
        auto& [messages, fanout, joiner, peer, answers] = f;
        store(messages, Lobby, 3);
        joiner.join(1, &peer, Lobby, 0, WireFormat::SocketIo, answers.answer());
        QVERIFY(answers.slices.isEmpty());
        QVERIFY(fanout.subscriptions.isEmpty()); // not subscribed while the history is read
        // Two messages are stored (and broadcast to the subscribers, not to this peer).
        store(messages, Lobby, 2);
        QVERIFY(messages.answerNext());
        // The slice ended at 3: the joiner reads on from there before answering.
        QVERIFY(answers.slices.isEmpty());
        QVERIFY(fanout.subscriptions.isEmpty());
        store(messages, Lobby, 1); // and once more while reading on
        messages.answerAll();
        QCOMPARE(answers.slices.size(), 1);
        // Every message exactly once, in order: no gap, no overlap with later broadcasts.
        QCOMPARE(seqs(answers.slices.first()), range(1, 6));
        QCOMPARE(answers.slices.first().lastSeq, 6);
        QCOMPARE(fanout.subscriptions.size(), 1);
        QCOMPARE(answers.subscriptionsBefore, QList<qsizetype>{1});
    }

    void onlyTheLatestJoinSubscribes()
    {
        Fixture f;
        auto& [messages, fanout, joiner, peer, answers] = f;
        store(messages, Lobby, 2);
        joiner.join(1, &peer, Lobby, 0, WireFormat::SocketIo, answers.answer());
        joiner.join(1, &peer, Lobby, 1, WireFormat::SocketIo, answers.answer());
        messages.answerNext();
        // The first join is answered, but a newer one is waiting: no subscription yet.
        QCOMPARE(answers.slices.size(), 1);
        QCOMPARE(seqs(answers.slices.at(0)), range(1, 2));
        QVERIFY(fanout.subscriptions.isEmpty());
        messages.answerNext();
        QCOMPARE(answers.slices.size(), 2);
        QCOMPARE(seqs(answers.slices.at(1)), range(2, 2));
        QCOMPARE(fanout.subscriptions.size(), 1);
    }

    void cancelAnswersWithoutSubscribing()
    {
        Fixture f;
        auto& [messages, fanout, joiner, peer, answers] = f;
        store(messages, Lobby, 1);
        joiner.join(1, &peer, Lobby, 0, WireFormat::SocketIo, answers.answer());
        joiner.join(1, &peer, u"other"_s, 0, WireFormat::SocketIo, answers.answer());
        joiner.cancel(1, Lobby);
        joiner.cancel(2, Lobby); // another connection: nothing to cancel
        messages.answerAll();
        QCOMPARE(answers.slices.size(), 2);
        QCOMPARE(fanout.subscriptions.size(), 1);
        QCOMPARE(fanout.subscriptions.first().room, u"other"_s);
    }

    void cancelAllAnswersWithoutSubscribing()
    {
        Fixture f;
        auto& [messages, fanout, joiner, peer, answers] = f;
        NullPeer otherPeer;
        joiner.join(1, &peer, Lobby, -1, WireFormat::SocketIo, answers.answer());
        joiner.join(1, &peer, u"other"_s, -1, WireFormat::SocketIo, answers.answer());
        joiner.join(2, &otherPeer, Lobby, -1, WireFormat::SocketIo, answers.answer());
        joiner.cancelAll(1);
        messages.answerAll();
        QCOMPARE(answers.slices.size(), 3);
        QCOMPARE(fanout.subscriptions.size(), 1);
        QCOMPARE(fanout.subscriptions.first().peer, &otherPeer);
        // The connection can join again afterwards.
        joiner.join(1, &peer, Lobby, -1, WireFormat::SocketIo, answers.answer());
        messages.answerAll();
        QCOMPARE(fanout.subscriptions.size(), 2);
        QCOMPARE(fanout.subscriptions.last().peer, &peer);
    }

    void removedConnectionIsNeitherAnsweredNorSubscribed()
    {
        Fixture f;
        auto& [messages, fanout, joiner, peer, answers] = f;
        store(messages, Lobby, 1);
        joiner.join(1, &peer, Lobby, 0, WireFormat::SocketIo, answers.answer());
        joiner.removeConnection(1);
        messages.answerAll();
        QVERIFY(answers.slices.isEmpty());
        QVERIFY(fanout.subscriptions.isEmpty());
        // Also when it goes while the joiner reads on.
        joiner.join(2, &peer, Lobby, 0, WireFormat::SocketIo, answers.answer());
        store(messages, Lobby, 1);
        QVERIFY(messages.answerNext()); // the slice is behind: a second read is asked
        joiner.removeConnection(2);
        messages.answerAll();
        QVERIFY(answers.slices.isEmpty());
        QVERIFY(fanout.subscriptions.isEmpty());
    }

    void answerAfterTheJoinerIsGoneIsDropped()
    {
        DeferredStore messages;
        RecordingFanout fanout;
        NullPeer peer;
        Answers answers{{}, {}, &fanout};
        {
            RoomJoiner joiner(&messages, &fanout);
            joiner.join(1, &peer, Lobby, -1, WireFormat::SocketIo, answers.answer());
        }
        messages.answerAll(); // must not touch the deleted joiner
        QVERIFY(answers.slices.isEmpty());
        QVERIFY(fanout.subscriptions.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RoomJoiner)
#include "tst_roomjoiner.moc"
