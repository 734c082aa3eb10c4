#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>

/**
 * The rooms the user has joined, in the order joined: name, whether the server has
 * confirmed membership on the current connection, member count and unread count.
 * Unread counts rise for rooms other than currentRoom() and clear when a room becomes
 * current. Fed by ChatClient; shown as the joined-rooms sidebar.
 */
class JoinedRoomsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< QString: canonical room name
        JoinedRole,                  ///< bool: membership confirmed by the server
        MemberCountRole,             ///< int: members as of the last join ack / presence event
        UnreadCountRole,             ///< int: messages received while the room was not current
    };
    Q_ENUM(Role)

    explicit JoinedRoomsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    /// DisplayRole: name, with the unread count in parentheses when non-zero; ToolTipRole:
    /// name and member count; other roles as in Role. (Views show unread rooms in bold.)
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Appends @p room unless present. @return its row.
    int addRoom(const QString& room);
    /// Removes @p room; no-op when absent.
    void removeRoom(const QString& room);
    /// Row of @p room, -1 when absent.
    int rowOf(const QString& room) const;
    /// Name at @p row; empty when out of range.
    QString roomAt(int row) const;
    /// All names in row order.
    QStringList rooms() const;

    void setJoined(const QString& room, bool joined);
    /// Marks every room as not joined (after the connection dropped).
    void setAllUnjoined();
    void setMemberCount(const QString& room, int count);

    /// Adds one unread message to @p room unless it is the current room.
    void addUnread(const QString& room);
    int unreadCount(const QString& room) const;

    /// The room the user is looking at; its unread count is cleared and stays zero.
    void setCurrentRoom(const QString& room);
    QString currentRoom() const { return m_currentRoom; }

private:
    struct Entry
    {
        QString name;
        bool joined = false;
        int members = 0;
        int unread = 0;
    };

    void changed(int row, const QList<int>& roles);

    QList<Entry> m_entries;
    QString m_currentRoom;
};
