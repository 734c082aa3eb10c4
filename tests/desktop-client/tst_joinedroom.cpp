// JoinedRoom: the timeline shows the outbox's pending rows, a join applies members, a gap
// marker and the history and counts what is unread, presence keeps the member list.
#include "joinedroom.h"
#include "messagelistmodel.h"
#include "presenceevent.h"

#include <QObject>
#include <QTest>

namespace {

using Delivery = MessageListModel::Delivery;

ChatMessage message(qint64 seq, const QString& userId)
{
    ChatMessage m;
    m.room = QStringLiteral("lobby");
    m.seq = seq;
    m.id = QStringLiteral("m_%1").arg(seq);
    m.userId = userId;
    m.handle = userId;
    m.text = QStringLiteral("t%1").arg(seq);
    m.ts = QDateTime::currentDateTimeUtc();
    return m;
}

QList<Outbox::Entry> pending()
{
    return {{QStringLiteral("c-1"), QStringLiteral("lobby"), QStringLiteral("one"),
             QDateTime::currentDateTime(), false},
            {QStringLiteral("c-2"), QStringLiteral("lobby"), QStringLiteral("two"),
             QDateTime::currentDateTime(), true}};
}

} // namespace

class TestJoinedRoom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsPendingRows();
    void firstJoinAppliesMembersAndHistory();
    void rejoinCountsUnreadAndMarksTheGap();
    void presenceKeepsTheMemberList();
    void restartKeepsOnlyPending();

private:
    QObject m_parent;
};

void TestJoinedRoom::showsPendingRows()
{
    JoinedRoom room(QStringLiteral("u_me"), QStringLiteral("Me"), pending(), &m_parent);
    QCOMPARE(room.model()->rowCount(), 2);
    QCOMPARE(room.model()->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
             Delivery::Pending);
    QCOMPARE(room.model()->index(1).data(MessageListModel::DeliveryRole).value<Delivery>(),
             Delivery::Failed);
    QVERIFY(!room.isJoined());
}

void TestJoinedRoom::firstJoinAppliesMembersAndHistory()
{
    JoinedRoom room(QStringLiteral("u_me"), QStringLiteral("Me"), {}, &m_parent);
    RoomRejoiner::JoinResult result;
    result.room = QStringLiteral("lobby");
    result.members = {Member{QStringLiteral("u_me"), QStringLiteral("Me")},
                      Member{QStringLiteral("u_b"), QStringLiteral("B")}};
    result.history = {message(1, QStringLiteral("u_b")), message(2, QStringLiteral("u_b"))};
    result.lastSeq = 2;
    QCOMPARE(room.applyJoin(result, QStringLiteral("u_me")), 0); // a backlog is not unread
    QVERIFY(room.isJoined());
    QCOMPARE(room.members().size(), 2);
    QCOMPARE(room.model()->lastSeq(), 2);
}

void TestJoinedRoom::rejoinCountsUnreadAndMarksTheGap()
{
    JoinedRoom room(QStringLiteral("u_me"), QStringLiteral("Me"), {}, &m_parent);
    room.model()->addMessages(
        {message(1, QStringLiteral("u_b")), message(2, QStringLiteral("u_b"))});
    RoomRejoiner::JoinResult result;
    result.room = QStringLiteral("lobby");
    result.since = 2;
    result.lostCount = 3; // 3..5 gone
    result.history = {message(2, QStringLiteral("u_b")), message(6, QStringLiteral("u_me")),
                      message(7, QStringLiteral("u_b"))};
    QCOMPARE(room.applyJoin(result, QStringLiteral("u_me")), 1); // only 7: 2 held, 6 ours
    const MessageListModel* model = room.model();
    QCOMPARE(model->lastSeq(), 7);
    int gaps = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(MessageListModel::KindRole).value<MessageListModel::Kind>() ==
            MessageListModel::Kind::Gap) {
            ++gaps;
            QCOMPARE(model->index(row).data(MessageListModel::GapCountRole).toInt(), 3);
        }
    }
    QCOMPARE(gaps, 1);
}

void TestJoinedRoom::presenceKeepsTheMemberList()
{
    JoinedRoom room(QStringLiteral("u_me"), QStringLiteral("Me"), {}, &m_parent);
    PresenceEvent event;
    event.room = QStringLiteral("lobby");
    event.userId = QStringLiteral("u_b");
    event.handle = QStringLiteral("B");
    event.ts = QDateTime::currentDateTimeUtc();
    room.applyPresence(event);
    room.applyPresence(event); // twice: still one member
    QCOMPARE(room.members(), (QList<Member>{Member{QStringLiteral("u_b"), QStringLiteral("B")}}));
    event.kind = PresenceEvent::Kind::Left;
    room.applyPresence(event);
    QVERIFY(room.members().isEmpty());
    QVERIFY(room.model()->rowCount() >= 1); // presence lines in the timeline
}

void TestJoinedRoom::restartKeepsOnlyPending()
{
    JoinedRoom room(QStringLiteral("u_me"), QStringLiteral("Me"), {}, &m_parent);
    room.model()->addMessages({message(1, QStringLiteral("u_b"))});
    room.restartTimeline(pending());
    QCOMPARE(room.model()->lastSeq(), 0);
    QCOMPARE(room.model()->pendingMessages().size(), 2);
    QCOMPARE(room.model()->rowCount(), 2);
    room.releaseModel();
    QCOMPARE(room.model(), nullptr);
}

QTEST_GUILESS_MAIN(TestJoinedRoom)
#include "tst_joinedroom.moc"
