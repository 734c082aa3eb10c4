#include "roomlistmodel.h"

#include <QLocale>

RoomListModel::RoomListModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int RoomListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

QVariant RoomListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoomSummary& room = m_rooms.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 (%2)").arg(room.room).arg(room.members);
    case Qt::AccessibleTextRole:
        return tr("%1, %n member(s)", nullptr, room.members).arg(room.room);
    case Qt::ToolTipRole: {
        const QString members = tr("%n member(s)", nullptr, room.members);
        if (!room.lastActivity.isValid())
            return members;
        return tr("%1, last activity %2")
            .arg(members,
                 QLocale().toString(room.lastActivity.toLocalTime(), QLocale::ShortFormat));
    }
    case NameRole:
        return room.room;
    case MemberCountRole:
        return room.members;
    case LastActivityRole:
        return room.lastActivity;
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(
        {{NameRole, "name"}, {MemberCountRole, "memberCount"}, {LastActivityRole, "lastActivity"}});
    return names;
}

void RoomListModel::setRooms(const QList<RoomSummary>& rooms)
{
    beginResetModel();
    m_rooms = rooms;
    endResetModel();
}

int RoomListModel::rowOf(const QString& name) const
{
    for (int row = 0; row < m_rooms.size(); ++row) {
        if (m_rooms.at(row).room == name)
            return row;
    }
    return -1;
}
