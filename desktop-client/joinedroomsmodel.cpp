#include "joinedroomsmodel.h"

JoinedRoomsModel::JoinedRoomsModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int JoinedRoomsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant JoinedRoomsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return entry.unread > 0 ? tr("%1 (%2)").arg(entry.name).arg(entry.unread) : entry.name;
    case Qt::AccessibleTextRole:
        return entry.unread > 0 ? tr("%1, %n unread", nullptr, entry.unread).arg(entry.name)
                                : entry.name;
    case Qt::ToolTipRole:
        return entry.joined ? tr("%1, %n member(s)", nullptr, entry.members).arg(entry.name)
                            : tr("%1: joining…").arg(entry.name);
    case NameRole:
        return entry.name;
    case JoinedRole:
        return entry.joined;
    case MemberCountRole:
        return entry.members;
    case UnreadCountRole:
        return entry.unread;
    default:
        return {};
    }
}

QHash<int, QByteArray> JoinedRoomsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{NameRole, "name"},
                  {JoinedRole, "joined"},
                  {MemberCountRole, "memberCount"},
                  {UnreadCountRole, "unreadCount"}});
    return names;
}

int JoinedRoomsModel::addRoom(const QString& room)
{
    const int existing = rowOf(room);
    if (existing >= 0)
        return existing;
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_entries.append(Entry{room, false, 0, 0});
    endInsertRows();
    return row;
}

void JoinedRoomsModel::removeRoom(const QString& room)
{
    const int row = rowOf(room);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
}

int JoinedRoomsModel::rowOf(const QString& room) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).name == room)
            return row;
    }
    return -1;
}

QString JoinedRoomsModel::roomAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).name : QString();
}

QStringList JoinedRoomsModel::rooms() const
{
    QStringList names;
    for (const Entry& entry : m_entries)
        names.append(entry.name);
    return names;
}

void JoinedRoomsModel::setJoined(const QString& room, bool joined)
{
    const int row = rowOf(room);
    if (row < 0 || m_entries.at(row).joined == joined)
        return;
    m_entries[row].joined = joined;
    changed(row, {JoinedRole, Qt::ToolTipRole});
}

void JoinedRoomsModel::setAllUnjoined()
{
    for (int row = 0; row < m_entries.size(); ++row)
        setJoined(m_entries.at(row).name, false);
}

void JoinedRoomsModel::setMemberCount(const QString& room, int count)
{
    const int row = rowOf(room);
    if (row < 0 || m_entries.at(row).members == count)
        return;
    m_entries[row].members = count;
    changed(row, {MemberCountRole, Qt::ToolTipRole});
}

void JoinedRoomsModel::addUnread(const QString& room)
{
    const int row = rowOf(room);
    if (row < 0 || room == m_currentRoom)
        return;
    ++m_entries[row].unread;
    changed(row, {UnreadCountRole, Qt::DisplayRole, Qt::AccessibleTextRole});
}

int JoinedRoomsModel::unreadCount(const QString& room) const
{
    const int row = rowOf(room);
    return row < 0 ? 0 : m_entries.at(row).unread;
}

void JoinedRoomsModel::setCurrentRoom(const QString& room)
{
    m_currentRoom = room;
    const int row = rowOf(room);
    if (row < 0 || m_entries.at(row).unread == 0)
        return;
    m_entries[row].unread = 0;
    changed(row, {UnreadCountRole, Qt::DisplayRole, Qt::AccessibleTextRole});
}

void JoinedRoomsModel::changed(int row, const QList<int>& roles)
{
    Q_EMIT dataChanged(index(row), index(row), roles);
}
