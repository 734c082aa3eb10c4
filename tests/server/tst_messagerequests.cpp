// MessageRequests: send_message stores once, broadcasts once it is stored and answers;
// retries with the same client_id, rate limits, store failures and callers that are gone;
// history pages.

#include "chatreplies.h"
#include "memorymessagestore.h"
#include "messagerequests.h"
#include "nullpeer.h"
#include "participants.h"
#include "recordingfanout.h"
#include "servermetrics.h"

#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString Lobby = u"lobby"_s;

/// A memory store whose appends and history reads can wait for the test, or fail.
class ControlledStore : public MemoryMessageStore
{
public:
    ControlledStore()
        : MemoryMessageStore(1000)
    {}

    void append(const MessageDraft& draft, AppendCallback done) override
    {
        auto run = [this, draft, done = std::move(done)] {
            if (failAppends)
                done(ChatMessage(), false); // seq 0: not stored
            else
                MemoryMessageStore::append(draft, done);
        };
        if (defer)
            m_waiting.append(run);
        else
            run();
    }
    void messagesBefore(const QString& room, qint64 before, int limit,
                        HistoryCallback done) override
    {
        auto run = [this, room, before, limit, done = std::move(done)] {
            done(sliceBefore(room, before, limit));
        };
        if (defer)
            m_waiting.append(run);
        else
            run();
    }

    /// Completes every waiting call, oldest first.
    void completeAll()
    {
        while (!m_waiting.isEmpty())
            m_waiting.takeFirst()();
    }
    int waiting() const { return int(m_waiting.size()); }

    bool defer = false;
    bool failAppends = false;

private:
    QList<std::function<void()>> m_waiting;
};

/// Message requests over a controlled store and a recording fan-out, with one member of
/// the lobby.
struct Fixture
{
    explicit Fixture(double messageRate = 0, int messageBurst = 0, double requestRate = 0,
                     int requestBurst = 0)
    {
        Participant& added = participants.add(
            &peer, Participants::Rates{messageRate, messageBurst, requestRate, requestBurst});
        added.identified = true;
        added.identity.userId = u"u_1"_s;
        added.identity.handle = u"Calm Otter"_s;
        added.rooms.append(Lobby);
        id = added.id;
    }

    void send(const QString& text, const QString& clientId = QString(), const QString& room = Lobby)
    {
        requests->send(id, RequestParser::SendMessage{room, text, clientId}, sent.reply());
    }

    Participants participants;
    ControlledStore store;
    RecordingFanout fanout;
    ServerMetrics metrics;
    std::unique_ptr<MessageRequests> requests =
        std::make_unique<MessageRequests>(&participants, &store, &fanout, &metrics);
    NullPeer peer;
    quint64 id = 0;
    ChatReplies<SendAnswer> sent;
    ChatReplies<HistoryAnswer> pages;
};

QList<qint64> seqs(const HistorySlice& slice)
{
    QList<qint64> result;
    for (const ChatMessage& message : slice.messages)
        result.append(message.seq);
    return result;
}

} // namespace

class tst_MessageRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendStoresBroadcastsAndAnswers()
    {
        Fixture f;
        f.fanout.recipients = 3;
        f.send(u"hello"_s, u"c1"_s);
        QCOMPARE(f.sent.count(), 1);
        QVERIFY(f.sent.last().ok());
        const SendAnswer& answer = f.sent.last().value();
        QVERIFY(!answer.retry);
        QCOMPARE(answer.message.seq, 1);
        QCOMPARE(answer.message.room, Lobby);
        QCOMPARE(answer.message.text, u"hello"_s);
        QCOMPARE(answer.message.userId, u"u_1"_s);
        QCOMPARE(answer.message.handle, u"Calm Otter"_s);
        QCOMPARE(answer.message.clientId, u"c1"_s);
        QCOMPARE(f.store.lastSeq(Lobby), 1);
        // Broadcast once to everybody, the sender included.
        QCOMPARE(f.fanout.published.size(), 1);
        QVERIFY(f.fanout.published.first().except == nullptr);
        QCOMPARE(f.fanout.eventsOf<ChatMessage>().first().id, answer.message.id);
        QCOMPARE(f.metrics.messagesTotal, quint64(1));
        QCOMPARE(f.metrics.deliveriesTotal, quint64(3));
        QCOMPARE(f.metrics.storageAppendSeconds.count(), quint64(1));
    }

    void notInRoom()
    {
        Fixture f;
        f.send(u"hello"_s, QString(), u"other"_s);
        QCOMPARE(f.sent.count(), 1);
        QCOMPARE(f.sent.last().error().code, ChatError::Code::NotInRoom);
        QCOMPARE(f.store.lastSeq(u"other"_s), 0);
        QVERIFY(f.fanout.published.isEmpty());
    }

    void unknownParticipantIsNotAnswered()
    {
        Fixture f;
        f.requests->send(f.id + 1, RequestParser::SendMessage{Lobby, u"x"_s, QString()},
                         f.sent.reply());
        QCOMPARE(f.sent.count(), 0);
        QCOMPARE(f.store.lastSeq(Lobby), 0);
    }

    void retryAnswersTheOriginalWithoutAToken()
    {
        Fixture f(0.001, 2); // two messages, no refill within the test
        f.send(u"first"_s, u"c1"_s);
        const ChatMessage original = f.sent.last().value().message;
        for (int i = 0; i < 3; ++i) {
            f.send(u"first"_s, u"c1"_s);
            QVERIFY(f.sent.last().ok());
            QVERIFY(f.sent.last().value().retry);
            QCOMPARE(f.sent.last().value().message.id, original.id);
            QCOMPARE(f.sent.last().value().message.seq, original.seq);
        }
        QCOMPARE(f.fanout.published.size(), 1); // retries are not broadcast
        QCOMPARE(f.metrics.messagesTotal, quint64(1));
        // The retries took no token: the second message still fits, the third does not.
        f.send(u"second"_s, u"c2"_s);
        QVERIFY(f.sent.last().ok());
        QCOMPARE(f.sent.last().value().message.seq, 2);
        f.send(u"third"_s, u"c3"_s);
        QCOMPARE(f.sent.last().error().code, ChatError::Code::RateLimited);
        QVERIFY(f.sent.last().error().retryAfterMs > 0);
        QCOMPARE(f.store.lastSeq(Lobby), 2);
        QCOMPARE(f.metrics.rateLimitedByReason.value("send_message"), quint64(1));
    }

    void storeFailureIsServerBusy()
    {
        Fixture f;
        f.store.failAppends = true;
        f.send(u"hello"_s, u"c1"_s);
        QCOMPARE(f.sent.count(), 1);
        QCOMPARE(f.sent.last().error().code, ChatError::Code::ServerBusy);
        QCOMPARE(f.sent.last().error().retryAfterMs, 1000);
        QVERIFY(f.fanout.published.isEmpty());
        QCOMPARE(f.metrics.messagesTotal, quint64(0));
        // The retry with the same client_id is stored once the store works again.
        f.store.failAppends = false;
        f.send(u"hello"_s, u"c1"_s);
        QVERIFY(f.sent.last().ok());
        QVERIFY(!f.sent.last().value().retry);
        QCOMPARE(f.fanout.published.size(), 1);
    }

    void senderGoneBeforeTheCommitIsNotAnsweredButBroadcast()
    {
        Fixture f;
        f.store.defer = true;
        f.send(u"hello"_s, u"c1"_s);
        QCOMPARE(f.sent.count(), 0); // waits for the store
        QVERIFY(f.fanout.published.isEmpty());
        f.participants.take(f.id);
        f.store.completeAll();
        QCOMPARE(f.sent.count(), 0);
        QCOMPARE(f.fanout.published.size(), 1); // stored, so the room gets it
    }

    void handlerGoneBeforeTheCommit()
    {
        Fixture f;
        f.store.defer = true;
        f.send(u"hello"_s);
        f.requests.reset();
        f.store.completeAll(); // must not touch the deleted handler
        QCOMPARE(f.sent.count(), 0);
        QVERIFY(f.fanout.published.isEmpty());
    }

    void historyPages()
    {
        Fixture f;
        for (int i = 0; i < 5; ++i)
            f.send(u"m"_s + QString::number(i));
        f.requests->history(f.id, RequestParser::History{Lobby, -1, 2}, f.pages.reply());
        QCOMPARE(f.pages.count(), 1);
        const HistoryAnswer newest = f.pages.last().value();
        QCOMPARE(newest.room, Lobby);
        QCOMPARE(seqs(newest.history), (QList<qint64>{4, 5}));
        QVERIFY(newest.history.hasMore);
        f.requests->history(f.id, RequestParser::History{Lobby, 4, 10}, f.pages.reply());
        QCOMPARE(seqs(f.pages.last().value().history), (QList<qint64>{1, 2, 3}));
        QVERIFY(!f.pages.last().value().history.hasMore);
        // A room without messages: an empty page (membership is not required).
        f.requests->history(f.id, RequestParser::History{u"empty"_s, -1, 10}, f.pages.reply());
        QVERIFY(f.pages.last().value().history.messages.isEmpty());
    }

    void historyIsRateLimited()
    {
        Fixture f(0, 0, 0.001, 1);
        f.requests->history(f.id, RequestParser::History{Lobby, -1, 10}, f.pages.reply());
        f.requests->history(f.id, RequestParser::History{Lobby, -1, 10}, f.pages.reply());
        QCOMPARE(f.pages.count(), 2);
        QVERIFY(f.pages.results.at(0).ok());
        QCOMPARE(f.pages.last().error().code, ChatError::Code::RateLimited);
        QCOMPARE(f.metrics.rateLimitedByReason.value("history"), quint64(1));
    }

    void historyForACallerWhoseSessionEndedIsDropped()
    {
        Fixture f;
        f.send(u"hello"_s);
        f.store.defer = true;
        f.requests->history(f.id, RequestParser::History{Lobby, -1, 10}, f.pages.reply());
        f.participants.find(f.id)->identified = false; // its Socket.IO session ended
        f.store.completeAll();
        QCOMPARE(f.pages.count(), 0);
        f.participants.find(f.id)->identified = true;
        f.requests->history(f.id, RequestParser::History{Lobby, -1, 10}, f.pages.reply());
        f.participants.take(f.id); // the connection is gone
        f.store.completeAll();
        QCOMPARE(f.pages.count(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_MessageRequests)
#include "tst_messagerequests.moc"
