#pragma once

#include <QStyledItemDelegate>

/**
 * Paints a JoinedRoomsModel row: "#name", in bold with a count badge on the right while
 * it has unread messages, dimmed while the server has not (yet) confirmed membership.
 */
class JoinedRoomDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit JoinedRoomDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
