#include "messagelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class tst_MessageListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void appendsInSeqOrder();
    void ignoresDuplicateSeq();
    void backfillsOlderMessages();
    void pendingStaysLastAndIsReplaced();
    void pendingFailedAndPendingList();
    void presenceLines();
    void ownMessages();
    void clear();
    void gapMarker();
    void groupsAndDays();
    void sharedHandlesGetASuffix();
    void pendingShowsOwnHandle();
    void windowStaysBoundedWhileAppending();
    void olderPagesPushOutTheNewestAndComeBack();

private:
    ChatMessage message(qint64 seq, const QString& userId = QStringLiteral("u_other"),
                        const QString& clientId = {}) const;
    QList<qint64> seqs() const;

    MessageListModel* m_model = nullptr;
    QAbstractItemModelTester* m_tester = nullptr;
};

ChatMessage tst_MessageListModel::message(qint64 seq, const QString& userId,
                                          const QString& clientId) const
{
    ChatMessage m;
    m.room = QStringLiteral("lobby");
    m.seq = seq;
    m.id = QStringLiteral("m_%1").arg(seq);
    m.userId = userId;
    m.handle = QStringLiteral("Handle %1").arg(userId);
    m.text = QStringLiteral("text %1").arg(seq);
    m.ts = QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC).addSecs(seq);
    m.clientId = clientId;
    return m;
}

QList<qint64> tst_MessageListModel::seqs() const
{
    QList<qint64> result;
    for (int row = 0; row < m_model->rowCount(); ++row)
        result.append(m_model->index(row).data(MessageListModel::SeqRole).toLongLong());
    return result;
}

void tst_MessageListModel::init()
{
    m_model = new MessageListModel;
    m_model->setOwnUserId(QStringLiteral("u_me"));
    m_tester = new QAbstractItemModelTester(m_model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_MessageListModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void tst_MessageListModel::appendsInSeqOrder()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    for (qint64 seq = 1; seq <= 3; ++seq)
        QVERIFY(m_model->addMessage(message(seq)));
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(seqs(), (QList<qint64>{1, 2, 3}));
    QCOMPARE(m_model->lastSeq(), 3);

    const QModelIndex first = m_model->index(0);
    QCOMPARE(first.data(Qt::DisplayRole).toString(), QStringLiteral("text 1"));
    QCOMPARE(first.data(MessageListModel::HandleRole).toString(), QStringLiteral("Handle u_other"));
    QCOMPARE(first.data(MessageListModel::TimestampRole).toDateTime(), message(1).ts);
    QCOMPARE(first.data(MessageListModel::KindRole).value<MessageListModel::Kind>(),
             MessageListModel::Kind::Message);
    QCOMPARE(first.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
             MessageListModel::Delivery::Delivered);
    QVERIFY(!first.data(Qt::ToolTipRole).toString().isEmpty());
}

void tst_MessageListModel::ignoresDuplicateSeq()
{
    QVERIFY(m_model->addMessage(message(1)));
    QVERIFY(m_model->addMessage(message(2)));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QVERIFY(!m_model->addMessage(message(2)));
    m_model->addMessages({message(1), message(2), message(3)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(seqs(), (QList<qint64>{1, 2, 3}));
    QVERIFY(!m_model->addMessage(message(0)));
    QCOMPARE(m_model->rowCount(), 3);
}

void tst_MessageListModel::backfillsOlderMessages()
{
    m_model->addMessages({message(5), message(9)});
    PresenceEvent joined{PresenceEvent::Kind::Joined,     QStringLiteral("lobby"),
                         QStringLiteral("u_x"),           QStringLiteral("X"),
                         QDateTime::currentDateTimeUtc(), {}};
    m_model->addPresence(joined);
    m_model->addMessages({message(7), message(1), message(10)});
    QCOMPARE(seqs(), (QList<qint64>{1, 5, 7, 9, 0, 10}));
    QCOMPARE(m_model->lastSeq(), 10);
}

void tst_MessageListModel::pendingStaysLastAndIsReplaced()
{
    m_model->addMessage(message(1));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_model->addPending(QStringLiteral("c-1"), QStringLiteral("mine"), now);
    QCOMPARE(m_model->rowCount(), 2);
    const QModelIndex pending = m_model->index(1);
    QCOMPARE(pending.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
             MessageListModel::Delivery::Pending);
    QCOMPARE(pending.data(MessageListModel::IsOwnRole).toBool(), true);
    QCOMPARE(pending.data(MessageListModel::SeqRole).toLongLong(), 0);

    // Someone else's message arrives before ours is stored: it goes above the pending one.
    m_model->addMessage(message(2));
    QCOMPARE(seqs(), (QList<qint64>{1, 2, 0}));

    // Our stored message replaces the pending row.
    m_model->addMessage(message(3, QStringLiteral("u_me"), QStringLiteral("c-1")));
    QCOMPARE(seqs(), (QList<qint64>{1, 2, 3}));
    const QModelIndex stored = m_model->index(2);
    QCOMPARE(stored.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
             MessageListModel::Delivery::Delivered);
    QCOMPARE(stored.data(MessageListModel::ClientIdRole).toString(), QStringLiteral("c-1"));
    QVERIFY(m_model->pendingMessages().isEmpty());
}

void tst_MessageListModel::pendingFailedAndPendingList()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_model->addPending(QStringLiteral("c-1"), QStringLiteral("one"), now);
    m_model->addPending(QStringLiteral("c-2"), QStringLiteral("two"), now);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setPendingFailed(QStringLiteral("c-1"), true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(
        m_model->index(0).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
        MessageListModel::Delivery::Failed);
    m_model->setPendingFailed(QStringLiteral("unknown"), true);
    QCOMPARE(changed.count(), 1);

    const auto pending = m_model->pendingMessages();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending.at(0).first, QStringLiteral("c-1"));
    QCOMPARE(pending.at(1).second, QStringLiteral("two"));
}

void tst_MessageListModel::presenceLines()
{
    m_model->addMessage(message(1));
    m_model->addPending(QStringLiteral("c-1"), QStringLiteral("mine"),
                        QDateTime::currentDateTimeUtc());
    PresenceEvent left{PresenceEvent::Kind::Left,       QStringLiteral("lobby"),
                       QStringLiteral("u_x"),           QStringLiteral("X"),
                       QDateTime::currentDateTimeUtc(), QStringLiteral("disconnected")};
    m_model->addPresence(left);
    QCOMPARE(m_model->rowCount(), 3);
    const QModelIndex line = m_model->index(1);
    QCOMPARE(line.data(MessageListModel::KindRole).value<MessageListModel::Kind>(),
             MessageListModel::Kind::Left);
    QCOMPARE(line.data(MessageListModel::HandleRole).toString(), QStringLiteral("X"));
    QCOMPARE(line.data(MessageListModel::IsOwnRole).toBool(), false);
    QCOMPARE(
        m_model->index(2).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
        MessageListModel::Delivery::Pending);
}

void tst_MessageListModel::ownMessages()
{
    m_model->setOwnUserId(QString());
    m_model->addMessage(message(1, QStringLiteral("u_me")));
    m_model->addMessage(message(2));
    QCOMPARE(m_model->index(0).data(MessageListModel::IsOwnRole).toBool(), false);

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy ownChanged(m_model, &MessageListModel::ownUserIdChanged);
    m_model->setOwnUserId(QStringLiteral("u_me"));
    QCOMPARE(ownChanged.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(0).data(MessageListModel::IsOwnRole).toBool(), true);
    QCOMPARE(m_model->index(1).data(MessageListModel::IsOwnRole).toBool(), false);
    m_model->setOwnUserId(QStringLiteral("u_me"));
    QCOMPARE(ownChanged.count(), 1);
}

void tst_MessageListModel::clear()
{
    m_model->addMessages({message(1), message(2)});
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->lastSeq(), 0);
    QVERIFY(m_model->addMessage(message(1)));
}

void tst_MessageListModel::gapMarker()
{
    m_model->addMessage(message(1));
    m_model->addGap(7);
    m_model->addGap(0); // nothing lost: no marker
    m_model->addMessages({message(9), message(10)});
    QCOMPARE(seqs(), (QList<qint64>{1, 0, 9, 10}));
    const QModelIndex marker = m_model->index(1);
    QCOMPARE(marker.data(MessageListModel::KindRole).value<MessageListModel::Kind>(),
             MessageListModel::Kind::Gap);
    QCOMPARE(marker.data(MessageListModel::GapCountRole).toInt(), 7);
    QCOMPARE(marker.data(Qt::DisplayRole).toString(), QStringLiteral("7 message(s) not available"));
    QCOMPARE(m_model->index(0).data(MessageListModel::GapCountRole).toInt(), 0);
    QCOMPARE(m_model->lastSeq(), 10);
}

void tst_MessageListModel::groupsAndDays()
{
    // 1 and 2 by the same author a minute apart: grouped. 3 by another. 4 by u_other again
    // but ten minutes later: not grouped. 5 the next day: a new day, not grouped.
    auto at = [this](qint64 seq, const QString& user, const QDateTime& ts) {
        ChatMessage m = message(seq, user);
        m.ts = ts;
        return m;
    };
    const QDateTime t0 = QDateTime(QDate(2026, 11, 21), QTime(12, 0)); // local time
    m_model->addMessages({at(1, QStringLiteral("u_a"), t0),
                          at(2, QStringLiteral("u_a"), t0.addSecs(60)),
                          at(3, QStringLiteral("u_b"), t0.addSecs(120)),
                          at(4, QStringLiteral("u_b"), t0.addSecs(720)),
                          at(5, QStringLiteral("u_b"), t0.addDays(1))});
    QList<bool> grouped;
    QList<bool> firstOfDay;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        grouped.append(m_model->index(row).data(MessageListModel::GroupedRole).toBool());
        firstOfDay.append(m_model->index(row).data(MessageListModel::FirstOfDayRole).toBool());
    }
    QCOMPARE(grouped, (QList<bool>{false, true, false, false, false}));
    QCOMPARE(firstOfDay, (QList<bool>{true, false, false, false, true}));

    // A presence line breaks a group; a pending message never joins one (its state shows).
    PresenceEvent joined{
        PresenceEvent::Kind::Joined, QStringLiteral("lobby"), QStringLiteral("u_x"),
        QStringLiteral("X"),         t0.addDays(1),           {}};
    m_model->addPresence(joined);
    m_model->addMessage(at(6, QStringLiteral("u_b"), t0.addDays(1).addSecs(10)));
    QCOMPARE(m_model->index(6).data(MessageListModel::GroupedRole).toBool(), false);
    m_model->addPending(QStringLiteral("c-1"), QStringLiteral("mine"), t0.addDays(1));
    m_model->addPending(QStringLiteral("c-2"), QStringLiteral("mine too"), t0.addDays(1));
    QCOMPARE(m_model->index(8).data(MessageListModel::GroupedRole).toBool(), false);

    // Inserting older rows above changes the row below them: views are told.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->addOlderMessages({}, true);
    QCOMPARE(changed.count(), 0);
}

void tst_MessageListModel::sharedHandlesGetASuffix()
{
    ChatMessage a = message(1, QStringLiteral("u_aaaa1111"));
    a.handle = QStringLiteral("Amber Otter");
    m_model->addMessage(a);
    QCOMPARE(m_model->index(0).data(MessageListModel::DisplayHandleRole).toString(),
             QStringLiteral("Amber Otter"));
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->noteUser(QStringLiteral("u_bbbb2222"), QStringLiteral("Amber Otter"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(0).data(MessageListModel::DisplayHandleRole).toString(),
             QStringLiteral("Amber Otter #1111"));
    QCOMPARE(m_model->displayHandle(QStringLiteral("u_bbbb2222"), QStringLiteral("Amber Otter")),
             QStringLiteral("Amber Otter #2222"));
    QCOMPARE(m_model->displayHandle(QStringLiteral("u_c"), QStringLiteral("Blue Heron")),
             QStringLiteral("Blue Heron"));
}

void tst_MessageListModel::pendingShowsOwnHandle()
{
    m_model->setOwnHandle(QStringLiteral("Me Myself"));
    m_model->addPending(QStringLiteral("c-1"), QStringLiteral("hi"), QDateTime::currentDateTime());
    QCOMPARE(m_model->index(0).data(MessageListModel::HandleRole).toString(),
             QStringLiteral("Me Myself"));
    QCOMPARE(m_model->index(0).data(MessageListModel::UserIdRole).toString(),
             QStringLiteral("u_me"));
}

void tst_MessageListModel::windowStaysBoundedWhileAppending()
{
    // 100k messages through a model without the tester (which checks every row each time).
    MessageListModel model;
    model.setOwnUserId(QStringLiteral("u_me"));
    MessageListModel* m = &model;
    m->setMaxRows(500);
    QCOMPARE(m->maxRows(), 500);
    m->addPending(QStringLiteral("c-1"), QStringLiteral("mine"), QDateTime::currentDateTimeUtc());
    for (qint64 seq = 1; seq <= 100000; ++seq) {
        m->addMessage(message(seq));
        QVERIFY(m->rowCount() <= 500 + 50 + 1);
    }
    QCOMPARE(m->lastSeq(), 100000);
    QVERIFY(m->canFetchOlder());
    QVERIFY(m->isAtLatest());
    QCOMPARE(m->newestLoadedSeq(), 100000);
    // Contiguous, newest last, the pending message still at the end.
    QList<qint64> loaded;
    for (int row = 0; row < m->rowCount(); ++row)
        loaded.append(m->index(row).data(MessageListModel::SeqRole).toLongLong());
    QCOMPARE(loaded.last(), 0);
    for (int i = 1; i < loaded.size() - 1; ++i)
        QCOMPARE(loaded.at(i), loaded.at(i - 1) + 1);
    QCOMPARE(m->pendingMessages().size(), 1);
    // A trimmed seq delivered again (a replay) is not a duplicate of anything shown, but it
    // is older than the window: it lands at the top, where the window starts.
    QVERIFY(m->firstSeq() > 1);
}

void tst_MessageListModel::olderPagesPushOutTheNewestAndComeBack()
{
    m_model->setMaxRows(100);
    QList<ChatMessage> latest;
    for (qint64 seq = 951; seq <= 1000; ++seq)
        latest.append(message(seq));
    m_model->addMessages(latest);
    QCOMPARE(m_model->firstSeq(), 951);
    QVERIFY(m_model->canFetchOlder());

    // Three older pages of 50: the window keeps ~100 rows, the newest are dropped.
    for (qint64 before = 951; before > 850; before -= 50) {
        QList<ChatMessage> page;
        for (qint64 seq = before - 50; seq < before; ++seq)
            page.append(message(seq));
        QCOMPARE(m_model->addOlderMessages(page, true), 50);
    }
    QCOMPARE(m_model->firstSeq(), 801);
    QVERIFY(m_model->rowCount() <= 110);
    QVERIFY(!m_model->isAtLatest());
    QVERIFY(m_model->newestLoadedSeq() < 1000);
    QCOMPARE(m_model->lastSeq(), 1000);

    // Live messages now only advance lastSeq (they belong after rows not loaded).
    const int rows = m_model->rowCount();
    QVERIFY(m_model->addMessage(message(1001)));
    QCOMPARE(m_model->rowCount(), rows);
    QCOMPARE(m_model->lastSeq(), 1001);

    // Newer pages bring the window back to the latest; the oldest are trimmed instead.
    while (!m_model->isAtLatest()) {
        const qint64 from = m_model->newestLoadedSeq() + 1;
        QList<ChatMessage> page;
        for (qint64 seq = from; seq < from + 50 && seq <= 1001; ++seq)
            page.append(message(seq));
        QVERIFY(m_model->addNewerMessages(page) > 0);
    }
    QCOMPARE(m_model->newestLoadedSeq(), 1001);
    QVERIFY(m_model->rowCount() <= 110);
    const QList<qint64> loaded = seqs();
    for (int i = 1; i < loaded.size(); ++i)
        QCOMPARE(loaded.at(i), loaded.at(i - 1) + 1);

    // has_more false: nothing older to ask for once the first seq is reached.
    MessageListModel small;
    small.addMessages({message(3), message(4)});
    QVERIFY(small.canFetchOlder());
    QCOMPARE(small.addOlderMessages({message(2)}, false), 1);
    QVERIFY(!small.canFetchOlder());
}

QTEST_GUILESS_MAIN(tst_MessageListModel)
#include "tst_messagelistmodel.moc"
