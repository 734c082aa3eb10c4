#include "joinedroomdelegate.h"

#include "joinedroomsmodel.h"

JoinedRoomDelegate::JoinedRoomDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{}

void JoinedRoomDelegate::initStyleOption(QStyleOptionViewItem* option,
                                         const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(JoinedRoomsModel::UnreadCountRole).toInt() > 0)
        option->font.setBold(true);
    if (!index.data(JoinedRoomsModel::JoinedRole).toBool())
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
}
