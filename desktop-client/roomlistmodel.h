#pragma once

#include "roomsummary.h"

#include <QAbstractListModel>
#include <QList>

/**
 * The server's rooms as `list_rooms` answers them (sorted by name): name, member count
 * and last activity. Replaced as a whole on each refresh. Shown by the room picker.
 */
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< QString: canonical room name
        MemberCountRole,             ///< int: distinct users in the room
        LastActivityRole,            ///< QDateTime (UTC): latest message or membership change
    };
    Q_ENUM(Role)

    explicit RoomListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    /// DisplayRole: "name (members)"; ToolTipRole: member count and local last activity.
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the list (a model reset).
    void setRooms(const QList<RoomSummary>& rooms);
    QList<RoomSummary> rooms() const { return m_rooms; }
    /// Row of room @p name, -1 when absent.
    int rowOf(const QString& name) const;

private:
    QList<RoomSummary> m_rooms;
};
