#include "messagedelegate.h"

#include "handlecolor.h"
#include "messagelistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QRegularExpression>
#include <QTextLayout>

#include <cmath>

namespace {

constexpr int HorizontalPadding = 10;
constexpr int VerticalPadding = 3;
constexpr int GroupTopPadding = 6; // extra space above a row that starts a group
constexpr int TimeGap = 10;

MessageListModel::Kind kindOf(const QModelIndex& index)
{
    return index.data(MessageListModel::KindRole).value<MessageListModel::Kind>();
}

MessageListModel::Delivery deliveryOf(const QModelIndex& index)
{
    return index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>();
}

bool isGrouped(const QModelIndex& index)
{
    return index.data(MessageListModel::GroupedRole).toBool();
}

bool isFirstOfDay(const QModelIndex& index)
{
    return index.data(MessageListModel::FirstOfDayRole).toBool() &&
           index.data(MessageListModel::TimestampRole).toDateTime().isValid();
}

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

QFont smallFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.85);
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
    int separatorHeight = 0; // day separator band on top, 0 when none
    int topPadding = 0;
    int timeWidth = 0;
    int headerHeight = 0; // 0 for grouped messages
    int bodyHeight = 0;
    QSize size;

    int bodyTop(const QRect& rect) const
    {
        return rect.top() + separatorHeight + topPadding + headerHeight;
    }
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
    const QString handle = index.data(MessageListModel::DisplayHandleRole).toString();
    switch (kindOf(index)) {
    case MessageListModel::Kind::Joined:
        return tr("%1 joined").arg(handle);
    case MessageListModel::Kind::Left:
        return tr("%1 left").arg(handle);
    case MessageListModel::Kind::Gap:
        return index.data(Qt::DisplayRole).toString();
    case MessageListModel::Kind::Message:
        break;
    }
    const bool own = index.data(MessageListModel::IsOwnRole).toBool();
    QString header = handle;
    if (own || handle.isEmpty()) // pending messages before the first session carry no handle
        header = handle.isEmpty() ? tr("You") : tr("%1 (you)").arg(handle);
    switch (deliveryOf(index)) {
    case MessageListModel::Delivery::Pending:
        return tr("%1 · sending…").arg(header);
    case MessageListModel::Delivery::Failed:
        return tr("%1 · not sent, click to retry").arg(header);
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

QString MessageDelegate::dayText(const QDate& date)
{
    const QDate today = QDate::currentDate();
    if (date == today)
        return tr("Today");
    if (date == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(date, QLocale::LongFormat);
}

QList<MessageDelegate::Link> MessageDelegate::findLinks(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("\\b(?:https?://|www\\.)[^\\s<>\"]+"),
                                            QRegularExpression::CaseInsensitiveOption);
    QList<Link> links;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        QString found = match.captured();
        // "see https://example.org." or "(https://example.org)": the punctuation is prose.
        while (!found.isEmpty() && QStringLiteral(".,;:!?)]}'").contains(found.back()))
            found.chop(1);
        QUrl url = QUrl::fromUserInput(found);
        if (found.isEmpty() || !url.isValid())
            continue;
        links.append(Link{int(match.capturedStart()), int(found.size()), url});
    }
    return links;
}

MessageDelegate::Geometry MessageDelegate::layoutRow(const QStyleOptionViewItem& option,
                                                     const QModelIndex& index,
                                                     QTextLayout* body) const
{
    Geometry g;
    const QFontMetrics fm(option.font);
    const MessageListModel::Kind kind = kindOf(index);
    const bool grouped = isGrouped(index);
    g.timeWidth = fm.horizontalAdvance(QStringLiteral("88:88")) + TimeGap;
    if (isFirstOfDay(index))
        g.separatorHeight = fm.height() + 14;
    g.topPadding = VerticalPadding + (grouped ? 0 : GroupTopPadding);
    const int width = availableWidth(option);
    if (kind == MessageListModel::Kind::Gap) {
        g.headerHeight = fm.height() + 12;
    } else if (kind != MessageListModel::Kind::Message) {
        g.headerHeight = fm.height();
    } else {
        g.headerHeight = grouped ? 0 : QFontMetrics(boldFont(option.font)).height();
        QString text = index.data(MessageListModel::TextRole).toString();
        const QList<Link> links = findLinks(text);
        text.replace(QLatin1Char('\n'), QChar::LineSeparator);
        body->setText(text);
        body->setFont(option.font);
        QList<QTextLayout::FormatRange> formats;
        for (const Link& link : links) {
            QTextCharFormat format;
            format.setForeground(option.palette.brush(QPalette::Link));
            format.setFontUnderline(true);
            formats.append({link.start, link.length, format});
        }
        body->setFormats(formats);
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
    g.size = QSize(width, g.separatorHeight + g.topPadding + g.headerHeight + g.bodyHeight +
                              VerticalPadding);
    return g;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int flags =
        int(kindOf(index)) | (isGrouped(index) ? 0x10 : 0) | (isFirstOfDay(index) ? 0x20 : 0);
    const SizeKey key{index.data(MessageListModel::TextRole).toString(), QString(),
                      availableWidth(option), flags, option.font.pointSizeF()};
    if (const auto it = m_sizeCache.constFind(key); it != m_sizeCache.cend())
        return *it;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QTextLayout body;
    const QSize size = layoutRow(opt, index, &body).size;
    if (m_sizeCache.size() >= MaxCachedSizes)
        m_sizeCache.clear();
    m_sizeCache.insert(key, size);
    return size;
}

QUrl MessageDelegate::linkAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                             const QPoint& pos) const
{
    if (kindOf(index) != MessageListModel::Kind::Message)
        return {};
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QTextLayout body;
    const Geometry g = layoutRow(opt, index, &body);
    const QPointF local(pos.x() - (opt.rect.left() + HorizontalPadding + g.timeWidth),
                        pos.y() - g.bodyTop(opt.rect));
    for (int i = 0; i < body.lineCount(); ++i) {
        const QTextLine line = body.lineAt(i);
        if (local.y() < line.y() || local.y() >= line.y() + line.height())
            continue;
        if (local.x() < 0 || local.x() > line.naturalTextWidth())
            return {};
        const int cursor = line.xToCursor(local.x(), QTextLine::CursorOnCharacter);
        const auto links = findLinks(index.data(MessageListModel::TextRole).toString());
        for (const Link& link : links) {
            if (cursor >= link.start && cursor < link.start + link.length)
                return link.url;
        }
        return {};
    }
    return {};
}

void MessageDelegate::paintCentred(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QRect& rect, const QString& text) const
{
    const QFontMetrics fm(painter->font());
    const int textWidth = fm.horizontalAdvance(text) + 16;
    const int y = rect.center().y();
    QColor line = option.palette.color(QPalette::PlaceholderText);
    line.setAlpha(90);
    painter->setPen(line);
    const int left = rect.left() + HorizontalPadding;
    const int right = rect.right() - HorizontalPadding;
    const int textLeft = rect.center().x() - textWidth / 2;
    if (textLeft > left) {
        painter->drawLine(left, y, textLeft, y);
        painter->drawLine(textLeft + textWidth, y, right, y);
    }
    painter->setPen(option.palette.color(QPalette::PlaceholderText));
    painter->drawText(rect, Qt::AlignCenter | Qt::TextSingleLine,
                      fm.elidedText(text, Qt::ElideRight, rect.width()));
}

void MessageDelegate::paintDaySeparator(QPainter* painter, const QStyleOptionViewItem& option,
                                        const QRect& band, const QModelIndex& index) const
{
    const QDate date =
        index.data(MessageListModel::TimestampRole).toDateTime().toLocalTime().date();
    painter->setFont(boldFont(smallFont(option.font)));
    paintCentred(painter, option, band, dayText(date));
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
    const MessageListModel::Kind kind = kindOf(index);
    const MessageListModel::Delivery delivery = deliveryOf(index);
    const bool own = index.data(MessageListModel::IsOwnRole).toBool() ||
                     delivery != MessageListModel::Delivery::Delivered;

    painter->save();
    painter->setClipRect(rect);
    if (g.separatorHeight > 0)
        paintDaySeparator(painter, opt,
                          QRect(rect.left(), rect.top(), rect.width(), g.separatorHeight), index);
    const QRect rowRect = rect.adjusted(0, g.separatorHeight, 0, 0);
    if (opt.state & QStyle::State_Selected) {
        painter->fillRect(rowRect, palette.brush(QPalette::Highlight));
    } else if (own && kind == MessageListModel::Kind::Message) {
        QColor tint = palette.color(QPalette::Highlight);
        tint.setAlpha(22);
        painter->fillRect(rowRect, tint);
    }

    painter->setFont(opt.font);
    if (kind == MessageListModel::Kind::Gap) {
        QFont italic = opt.font;
        italic.setItalic(true);
        painter->setFont(italic);
        paintCentred(painter, opt, rowRect.adjusted(0, g.topPadding, 0, -VerticalPadding),
                     headerText(index));
        painter->restore();
        return;
    }
    if (delivery == MessageListModel::Delivery::Pending)
        painter->setOpacity(0.55);

    const QColor dimColor = palette.color(QPalette::PlaceholderText);
    const QColor textColor = palette.color(
        opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
    const int x = rect.left() + HorizontalPadding;
    const int top = rowRect.top() + g.topPadding;
    const int lineHeight = g.headerHeight > 0 ? g.headerHeight : QFontMetrics(opt.font).height();
    const QRect timeRect(x, top, g.timeWidth, lineHeight);
    const QRect headerRect(x + g.timeWidth, top, rect.width() - 2 * HorizontalPadding - g.timeWidth,
                           g.headerHeight);

    painter->setPen(dimColor);
    if (isGrouped(index)) {
        painter->setFont(smallFont(opt.font));
        painter->drawText(timeRect, Qt::AlignLeft | Qt::AlignVCenter, timeText(index));
        painter->setFont(opt.font);
    } else {
        painter->drawText(timeRect, Qt::AlignLeft | Qt::AlignVCenter, timeText(index));
    }

    const QString header = headerText(index);
    if (kind != MessageListModel::Kind::Message) {
        QFont italic = opt.font;
        italic.setItalic(true);
        painter->setFont(italic);
        painter->drawText(
            headerRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
            QFontMetrics(italic).elidedText(header, Qt::ElideRight, headerRect.width()));
        painter->restore();
        return;
    }

    if (g.headerHeight > 0) {
        const QString handle = index.data(MessageListModel::HandleRole).toString();
        const bool failed = delivery == MessageListModel::Delivery::Failed;
        painter->setFont(boldFont(opt.font));
        painter->setPen(failed ? QColor(Qt::red) : HandleColor::of(handle, palette));
        const QFontMetrics bold(painter->font());
        const QString shown = bold.elidedText(header, Qt::ElideRight, headerRect.width());
        painter->drawText(headerRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, shown);
        if (own && delivery == MessageListModel::Delivery::Delivered) {
            painter->setFont(opt.font);
            painter->setPen(dimColor);
            painter->drawText(headerRect.adjusted(bold.horizontalAdvance(shown) + 6, 0, 0, 0),
                              Qt::AlignLeft | Qt::AlignVCenter, QString(QChar(0x2713)));
        }
    }

    painter->setFont(opt.font);
    painter->setPen(textColor);
    body.draw(painter, QPointF(x + g.timeWidth, g.bodyTop(rect)));
    painter->restore();
}
