#include "roomlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestRoomListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void setRoomsResetsAndExposesRoles();
};

void TestRoomListModel::setRoomsResetsAndExposesRoles()
{
    RoomListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const QDateTime when =
        QDateTime::fromString(QStringLiteral("2026-11-21T09:30:00Z"), Qt::ISODate);
    model.setRooms(
        {RoomSummary{QStringLiteral("lobby"), 3, when}, RoomSummary{QStringLiteral("qt"), 1, {}}});
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex lobby = model.index(0);
    QCOMPARE(lobby.data(RoomListModel::NameRole).toString(), QStringLiteral("lobby"));
    QCOMPARE(lobby.data(RoomListModel::MemberCountRole).toInt(), 3);
    QCOMPARE(lobby.data(RoomListModel::LastActivityRole).toDateTime(), when);
    QCOMPARE(lobby.data().toString(), QStringLiteral("lobby (3)"));
    QVERIFY(!lobby.data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(model.rowOf(QStringLiteral("qt")), 1);
    QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);
    model.setRooms({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestRoomListModel)
#include "tst_roomlistmodel.moc"
