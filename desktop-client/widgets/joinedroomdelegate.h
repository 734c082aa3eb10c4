#pragma once

#include <QStyledItemDelegate>

/// Paints a JoinedRoomsModel row in bold while it has unread messages, dimmed while the
/// server has not (yet) confirmed membership.
class JoinedRoomDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit JoinedRoomDelegate(QObject* parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
