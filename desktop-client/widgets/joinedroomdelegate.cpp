#include "joinedroomdelegate.h"

#include "joinedroomsmodel.h"

#include <QApplication>
#include <QPainter>

JoinedRoomDelegate::JoinedRoomDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{}

void JoinedRoomDelegate::initStyleOption(QStyleOptionViewItem* option,
                                         const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->text = QLatin1Char('#') + index.data(JoinedRoomsModel::NameRole).toString();
    if (index.data(JoinedRoomsModel::UnreadCountRole).toInt() > 0)
        option->font.setBold(true);
    if (!index.data(JoinedRoomsModel::JoinedRole).toBool())
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
}

QSize JoinedRoomDelegate::sizeHint(const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), QFontMetrics(option.font).height() + 10));
    return size;
}

void JoinedRoomDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    const int unread = index.data(JoinedRoomsModel::UnreadCountRole).toInt();
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString badge = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    QFont badgeFont = opt.font;
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
    const QFontMetrics badgeMetrics(badgeFont);
    const int badgeWidth =
        unread > 0 ? std::max(badgeMetrics.height(), badgeMetrics.horizontalAdvance(badge) + 10)
                   : 0;
    QStyleOptionViewItem textOpt = opt;
    textOpt.rect.adjust(4, 0, -(badgeWidth + 8), 0);
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // Background and selection over the full row, text left of the badge.
    QStyleOptionViewItem background = opt;
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    textOpt.backgroundBrush = Qt::NoBrush;
    textOpt.state &= ~QStyle::State_HasFocus;
    style->drawControl(QStyle::CE_ItemViewItem, &textOpt, painter, widget);
    if (unread == 0)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int height = badgeMetrics.height() + 2;
    const QRect pill(opt.rect.right() - badgeWidth - 6, opt.rect.center().y() - height / 2,
                     badgeWidth, height);
    painter->setPen(Qt::NoPen);
    painter->setBrush(opt.palette.color(QPalette::Highlight));
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setPen(opt.palette.color(QPalette::HighlightedText));
    painter->setFont(badgeFont);
    painter->drawText(pill, Qt::AlignCenter, badge);
    painter->restore();
}
