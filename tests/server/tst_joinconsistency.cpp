// join_room's "no gap, no overlap" when the store answers history later (as the SQLite
// store does from disk): the chat core over in-memory connections (InProcessChat) and a store whose
// reads are held until the test releases them, so the interleavings are deterministic.

#include "inprocesschat.h"
#include "memoryconnection.h"
#include "memorymessagestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTest>

#include <functional>

namespace {

/// MemoryMessageStore whose history answers wait in a queue while hold is on.
class HeldReadStore : public MemoryMessageStore
{
public:
    using MemoryMessageStore::MemoryMessageStore;

    void messagesAfter(const QString& room, qint64 since, HistoryCallback done) override
    {
        // The slice is taken now (covering up to the current lastSeq), answered later.
        answer(sliceAfter(room, since), std::move(done));
    }
    void messagesBefore(const QString& room, qint64 before, int limit,
                        HistoryCallback done) override
    {
        answer(sliceBefore(room, before, limit), std::move(done));
    }

    void releaseAll()
    {
        const auto held = std::move(m_held);
        m_held.clear();
        for (const auto& answer : held)
            answer();
    }

    bool hold = false;

private:
    void answer(const HistorySlice& slice, HistoryCallback done)
    {
        if (hold)
            m_held.append([slice, done] { done(slice); });
        else
            done(slice);
    }

    QList<std::function<void()>> m_held;
};

MessageDraft draft(const QString& room, const QString& text)
{
    return MessageDraft{room,      QStringLiteral("u_seeded0001"), QStringLiteral("Seed"), text,
                        QString(), QDateTime::currentDateTimeUtc()};
}

QJsonObject parseAck(const QByteArray& frame, qint64 ackId)
{
    const QByteArray prefix = "43" + QByteArray::number(ackId);
    if (!frame.startsWith(prefix))
        return {};
    return QJsonDocument::fromJson(frame.mid(prefix.size())).array().at(0).toObject();
}

QList<qint64> seqsOf(const QJsonArray& messages)
{
    QList<qint64> seqs;
    for (const QJsonValue& m : messages)
        seqs.append(m.toObject().value(QStringLiteral("seq")).toInteger());
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 i = first; i <= last; ++i)
        result.append(i);
    return result;
}

} // namespace

class tst_JoinConsistency : public QObject
{
    Q_OBJECT

private:
    struct Peer
    {
        QPointer<MemoryConnection> connection;
        qint64 nextAck = 1;
    };

    Peer connect()
    {
        MemoryConnection* connection = m_chat->connect();
        connection->receiveText("40");
        return Peer{connection};
    }

    qint64 emitEvent(Peer& peer, const QString& name, const QJsonObject& payload)
    {
        const qint64 id = peer.nextAck++;
        peer.connection->receiveText(
            "42" + QByteArray::number(id) +
            QJsonDocument(QJsonArray{name, payload}).toJson(QJsonDocument::Compact));
        return id;
    }

    /// Index in @p peer's frames of the ack @p ackId, -1 when none.
    static qsizetype ackIndex(const Peer& peer, qint64 ackId)
    {
        for (qsizetype i = 0; i < peer.connection->sent.size(); ++i) {
            if (!parseAck(peer.connection->sent[i], ackId).isEmpty())
                return i;
        }
        return -1;
    }

    /// Seqs of the `message` events in @p peer's frames from index @p from on.
    static QList<qint64> messageSeqs(const Peer& peer, qsizetype from = 0)
    {
        QList<qint64> seqs;
        for (qsizetype i = from; i < peer.connection->sent.size(); ++i) {
            const QByteArray& frame = peer.connection->sent[i];
            if (!frame.startsWith("42[\"message\""))
                continue;
            const QJsonArray array = QJsonDocument::fromJson(frame.mid(2)).array();
            seqs.append(array.at(1).toObject().value(QStringLiteral("seq")).toInteger());
        }
        return seqs;
    }

    void send(Peer& peer, const QString& room, int count)
    {
        for (int i = 0; i < count; ++i)
            emitEvent(
                peer, QStringLiteral("send_message"),
                {{QStringLiteral("room"), room}, {QStringLiteral("text"), QStringLiteral("x")}});
    }

    std::unique_ptr<HeldReadStore> m_store;
    std::unique_ptr<InProcessChat> m_chat;

private Q_SLOTS:
    void init()
    {
        ChatSettings settings;
        settings.messageRate = 0;
        m_store = std::make_unique<HeldReadStore>(1000);
        m_chat = std::make_unique<InProcessChat>(m_store.get(), settings);
        for (int i = 0; i < 10; ++i)
            m_store->append(draft(QStringLiteral("r"), QStringLiteral("old")),
                            [](const ChatMessage&, bool) {});
    }

    void cleanup()
    {
        m_chat.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    void messagesStoredDuringTheReadComeInTheAck()
    {
        Peer a = connect();
        Peer b = connect();
        QVERIFY(ackIndex(a, emitEvent(a, QStringLiteral("join_room"),
                                      {{QStringLiteral("room"), QStringLiteral("r")}})) >= 0);

        m_store->hold = true;
        const qint64 join = emitEvent(
            b, QStringLiteral("join_room"),
            {{QStringLiteral("room"), QStringLiteral("r")}, {QStringLiteral("since"), 5}});
        send(a, QStringLiteral("r"), 3); // stored and broadcast while b's history is read
        QCOMPARE(messageSeqs(a), range(11, 13));
        QCOMPARE(ackIndex(b, join), -1);
        QVERIFY(messageSeqs(b).isEmpty());

        m_store->hold = false;
        m_store->releaseAll();
        const qsizetype at = ackIndex(b, join);
        QVERIFY(at >= 0);
        const QJsonObject ack = parseAck(b.connection->sent[at], join);
        QCOMPARE(seqsOf(ack.value(QStringLiteral("history")).toArray()), range(6, 13));
        QCOMPARE(ack.value(QStringLiteral("last_seq")).toInteger(), 13);
        QVERIFY(messageSeqs(b).isEmpty());

        send(a, QStringLiteral("r"), 2);
        QCOMPARE(messageSeqs(b, at), range(14, 15));
        QCOMPARE(messageSeqs(b), range(14, 15));
    }

    void rejoinWhileJoinedHasNoOverlap()
    {
        Peer a = connect();
        Peer b = connect();
        emitEvent(a, QStringLiteral("join_room"), {{QStringLiteral("room"), QStringLiteral("r")}});
        emitEvent(b, QStringLiteral("join_room"), {{QStringLiteral("room"), QStringLiteral("r")}});
        send(a, QStringLiteral("r"), 1);
        QCOMPARE(messageSeqs(b), QList<qint64>({11}));

        m_store->hold = true;
        const qint64 join = emitEvent(
            b, QStringLiteral("join_room"),
            {{QStringLiteral("room"), QStringLiteral("r")}, {QStringLiteral("since"), 11}});
        send(a, QStringLiteral("r"), 2);
        m_store->hold = false;
        m_store->releaseAll();
        const qsizetype at = ackIndex(b, join);
        QVERIFY(at >= 0);
        QCOMPARE(
            seqsOf(
                parseAck(b.connection->sent[at], join).value(QStringLiteral("history")).toArray()),
            range(12, 13));
        send(a, QStringLiteral("r"), 1);
        QCOMPARE(messageSeqs(b), QList<qint64>({11, 14})); // 12 and 13 only in the ack
    }

    void leavingWhileTheJoinIsReadDoesNotSubscribe()
    {
        Peer a = connect();
        Peer b = connect();
        emitEvent(a, QStringLiteral("join_room"), {{QStringLiteral("room"), QStringLiteral("r")}});
        m_store->hold = true;
        const qint64 join = emitEvent(b, QStringLiteral("join_room"),
                                      {{QStringLiteral("room"), QStringLiteral("r")}});
        const qint64 leave = emitEvent(b, QStringLiteral("leave_room"),
                                       {{QStringLiteral("room"), QStringLiteral("r")}});
        QVERIFY(
            parseAck(b.connection->sent.constLast(), leave).value(QStringLiteral("ok")).toBool());
        m_store->hold = false;
        m_store->releaseAll();
        QVERIFY(ackIndex(b, join) >= 0); // every request is answered
        send(a, QStringLiteral("r"), 1);
        QVERIFY(messageSeqs(b).isEmpty());
    }

    void disconnectingWhileTheJoinIsReadIsHarmless()
    {
        Peer b = connect();
        m_store->hold = true;
        emitEvent(b, QStringLiteral("join_room"), {{QStringLiteral("room"), QStringLiteral("r")}});
        b.connection->abort();
        QTRY_COMPARE(m_chat->service->connectionCount(), 0); // the close removes the client
        m_store->hold = false;
        m_store->releaseAll(); // answers nobody
        QCOMPARE(m_chat->service->connectionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_JoinConsistency)
#include "tst_joinconsistency.moc"
