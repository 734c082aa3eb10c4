#include "messagedelegate.h"

#include "messagelistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace {

constexpr int HorizontalPadding = 10;
constexpr int VerticalPadding = 4;
constexpr int TimeGap = 10;

MessageListModel::Kind kindOf(const QModelIndex& index)
{
    return index.data(MessageListModel::KindRole).value<MessageListModel::Kind>();
}

MessageListModel::Delivery deliveryOf(const QModelIndex& index)
{
    return index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>();
}

// A readable colour per handle that stays the same across sessions and windows.
QColor handleColor(const QString& handle, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    // Hues 30-330 only: pure red is kept for "not sent".
    const int hue = 30 + int(qHash(handle, 0x5eed) % 300);
    return QColor::fromHsl(hue, 170, dark ? 170 : 90);
}

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

int availableWidth(const QStyleOptionViewItem& option)
{
    // sizeHint() gets no useful rect from QListView: wrap to the viewport instead.
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget))
        return view->viewport()->width();
    return option.rect.width() > 0 ? option.rect.width() : 400;
}

} // namespace

struct MessageDelegate::Geometry
{
    int timeWidth = 0;
    int headerHeight = 0;
    int bodyHeight = 0;
    QSize size;
};

MessageDelegate::MessageDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{}

QString MessageDelegate::timeText(const QModelIndex& index)
{
    return index.data(MessageListModel::TimestampRole)
        .toDateTime()
        .toLocalTime()
        .toString(QStringLiteral("HH:mm"));
}

QString MessageDelegate::headerText(const QModelIndex& index)
{
    const QString handle = index.data(MessageListModel::HandleRole).toString();
    switch (kindOf(index)) {
    case MessageListModel::Kind::Joined:
        return tr("%1 joined").arg(handle);
    case MessageListModel::Kind::Left:
        return tr("%1 left").arg(handle);
    case MessageListModel::Kind::Message:
        break;
    }
    const bool own = index.data(MessageListModel::IsOwnRole).toBool();
    QString header = handle;
    if (own || handle.isEmpty()) // pending messages carry no handle yet
        header = handle.isEmpty() ? tr("You") : tr("%1 (you)").arg(handle);
    switch (deliveryOf(index)) {
    case MessageListModel::Delivery::Pending:
        return tr("%1 · sending…").arg(header);
    case MessageListModel::Delivery::Failed:
        return tr("%1 · not sent").arg(header);
    case MessageListModel::Delivery::Delivered:
        break;
    }
    return header;
}

QString MessageDelegate::summaryText(const QModelIndex& index)
{
    if (kindOf(index) != MessageListModel::Kind::Message)
        return timeText(index) + QLatin1Char(' ') + headerText(index);
    return timeText(index) + QLatin1Char(' ') + headerText(index) + QLatin1String(": ") +
           index.data(MessageListModel::TextRole).toString();
}

MessageDelegate::Geometry MessageDelegate::layoutRow(const QStyleOptionViewItem& option,
                                                     const QModelIndex& index,
                                                     QTextLayout* body) const
{
    Geometry g;
    const QFontMetrics fm(option.font);
    g.timeWidth = fm.horizontalAdvance(QStringLiteral("88:88")) + TimeGap;
    g.headerHeight = QFontMetrics(boldFont(option.font)).height();
    const int width = availableWidth(option);
    if (kindOf(index) == MessageListModel::Kind::Message) {
        QString text = index.data(MessageListModel::TextRole).toString();
        text.replace(QLatin1Char('\n'), QChar::LineSeparator);
        body->setText(text);
        body->setFont(option.font);
        QTextOption textOption;
        textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        body->setTextOption(textOption);
        const int lineWidth = std::max(40, width - 2 * HorizontalPadding - g.timeWidth);
        qreal y = 0;
        body->beginLayout();
        for (QTextLine line = body->createLine(); line.isValid(); line = body->createLine()) {
            line.setLineWidth(lineWidth);
            line.setPosition(QPointF(0, y));
            y += line.height();
        }
        body->endLayout();
        g.bodyHeight = int(std::ceil(y));
    }
    g.size = QSize(width, g.headerHeight + g.bodyHeight + 2 * VerticalPadding);
    return g;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QTextLayout body;
    return layoutRow(opt, index, &body).size;
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QTextLayout body;
    const Geometry g = layoutRow(opt, index, &body);
    const QPalette& palette = opt.palette;
    const QRect rect = opt.rect;
    const bool own = index.data(MessageListModel::IsOwnRole).toBool() ||
                     deliveryOf(index) != MessageListModel::Delivery::Delivered;

    painter->save();
    painter->setClipRect(rect);
    if (opt.state & QStyle::State_Selected) {
        painter->fillRect(rect, palette.brush(QPalette::Highlight));
    } else if (own && kindOf(index) == MessageListModel::Kind::Message) {
        QColor tint = palette.color(QPalette::Highlight);
        tint.setAlpha(28);
        painter->fillRect(rect, tint);
    }
    if (deliveryOf(index) == MessageListModel::Delivery::Pending)
        painter->setOpacity(0.55);

    const QColor dimColor = palette.color(QPalette::PlaceholderText);
    const QColor textColor = palette.color(
        opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
    const int x = rect.left() + HorizontalPadding;
    const int top = rect.top() + VerticalPadding;
    const QRect timeRect(x, top, g.timeWidth, g.headerHeight);
    const QRect headerRect(x + g.timeWidth, top, rect.width() - 2 * HorizontalPadding - g.timeWidth,
                           g.headerHeight);

    painter->setFont(opt.font);
    painter->setPen(dimColor);
    painter->drawText(timeRect, Qt::AlignLeft | Qt::AlignVCenter, timeText(index));

    const QString header = headerText(index);
    if (kindOf(index) != MessageListModel::Kind::Message) {
        QFont italic = opt.font;
        italic.setItalic(true);
        painter->setFont(italic);
        painter->drawText(
            headerRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
            QFontMetrics(italic).elidedText(header, Qt::ElideRight, headerRect.width()));
        painter->restore();
        return;
    }

    const QString handle = index.data(MessageListModel::HandleRole).toString();
    const bool failed = deliveryOf(index) == MessageListModel::Delivery::Failed;
    painter->setFont(boldFont(opt.font));
    painter->setPen(failed ? QColor(Qt::red) : handleColor(handle, palette));
    painter->drawText(
        headerRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
        QFontMetrics(painter->font()).elidedText(header, Qt::ElideRight, headerRect.width()));

    painter->setFont(opt.font);
    painter->setPen(textColor);
    body.draw(painter, QPointF(x + g.timeWidth, top + g.headerHeight));
    painter->restore();
}
