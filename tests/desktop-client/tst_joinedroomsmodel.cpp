#include "joinedroomsmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

class TestJoinedRoomsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addRemoveKeepsOrder();
    void joinedAndMembers();
    void unreadCountsRiseAndClear();
};

void TestJoinedRoomsModel::addRemoveKeepsOrder()
{
    JoinedRoomsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.addRoom(QStringLiteral("lobby")), 0);
    QCOMPARE(model.addRoom(QStringLiteral("qt")), 1);
    QCOMPARE(model.addRoom(QStringLiteral("lobby")), 0); // already there
    QCOMPARE(model.rooms(), (QStringList{QStringLiteral("lobby"), QStringLiteral("qt")}));
    model.removeRoom(QStringLiteral("lobby"));
    model.removeRoom(QStringLiteral("absent"));
    QCOMPARE(model.rooms(), QStringList{QStringLiteral("qt")});
    QCOMPARE(model.roomAt(0), QStringLiteral("qt"));
    QCOMPARE(model.roomAt(5), QString());
}

void TestJoinedRoomsModel::joinedAndMembers()
{
    JoinedRoomsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRoom(QStringLiteral("lobby"));
    QCOMPARE(model.index(0).data(JoinedRoomsModel::JoinedRole).toBool(), false);
    model.setJoined(QStringLiteral("lobby"), true);
    model.setMemberCount(QStringLiteral("lobby"), 4);
    QCOMPARE(model.index(0).data(JoinedRoomsModel::JoinedRole).toBool(), true);
    QCOMPARE(model.index(0).data(JoinedRoomsModel::MemberCountRole).toInt(), 4);
    model.setAllUnjoined();
    QCOMPARE(model.index(0).data(JoinedRoomsModel::JoinedRole).toBool(), false);
}

void TestJoinedRoomsModel::unreadCountsRiseAndClear()
{
    JoinedRoomsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRoom(QStringLiteral("lobby"));
    model.addRoom(QStringLiteral("qt"));
    model.setCurrentRoom(QStringLiteral("lobby"));
    model.addUnread(QStringLiteral("lobby")); // current: stays read
    model.addUnread(QStringLiteral("qt"));
    model.addUnread(QStringLiteral("qt"));
    QCOMPARE(model.unreadCount(QStringLiteral("lobby")), 0);
    QCOMPARE(model.unreadCount(QStringLiteral("qt")), 2);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("qt (2)"));
    model.setCurrentRoom(QStringLiteral("qt"));
    QCOMPARE(model.unreadCount(QStringLiteral("qt")), 0);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("qt"));
}

QTEST_GUILESS_MAIN(TestJoinedRoomsModel)
#include "tst_joinedroomsmodel.moc"
