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

QTEST_GUILESS_MAIN(tst_MessageListModel)
#include "tst_messagelistmodel.moc"
