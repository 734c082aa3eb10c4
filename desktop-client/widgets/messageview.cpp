#include "messageview.h"

#include "messagedelegate.h"
#include "messagelistmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>

namespace {
constexpr int BottomSlackPx = 8;
} // namespace

MessageView::MessageView(QWidget* parent)
    : QListView(parent)
    , m_delegate(new MessageDelegate(this))
{
    setObjectName(QStringLiteral("messageView"));
    setAccessibleName(tr("Messages"));
    setAccessibleDescription(
        tr("Messages of the room. Scroll to the top for older ones; Ctrl+C copies the "
           "selected message"));
    setItemDelegate(m_delegate);
    setResizeMode(QListView::Adjust);
    setWordWrap(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setMouseTracking(true);
    verticalScrollBar()->setSingleStep(24);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &MessageView::onScrolled);
}

void MessageView::setModel(QAbstractItemModel* model)
{
    if (QAbstractItemModel* old = this->model())
        disconnect(old, nullptr, this, nullptr);
    QListView::setModel(model);
    m_followBottom = true;
    m_keepFromBottom = -1;
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &MessageView::onRowsAboutToBeInserted);
    connect(model, &QAbstractItemModel::rowsInserted, this, &MessageView::onRowsInserted);
    scrollToBottom();
}

bool MessageView::isAtBottom() const
{
    const QScrollBar* bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - BottomSlackPx;
}

void MessageView::onRowsAboutToBeInserted(const QModelIndex& parent, int first, int last)
{
    Q_UNUSED(parent)
    Q_UNUSED(last)
    m_followBottom = isAtBottom();
    if (first == 0 && model()->rowCount() > 0 && !m_followBottom) {
        // Older messages above: keep the rows on screen where they are.
        const QScrollBar* bar = verticalScrollBar();
        m_keepFromBottom = bar->maximum() - bar->value();
    }
}

void MessageView::onRowsInserted(const QModelIndex& parent, int first, int last)
{
    Q_UNUSED(parent)
    Q_UNUSED(first)
    Q_UNUSED(last)
    if (m_followBottom)
        QTimer::singleShot(0, this, &QListView::scrollToBottom);
}

void MessageView::updateGeometries()
{
    QListView::updateGeometries();
    QScrollBar* bar = verticalScrollBar();
    if (m_keepFromBottom >= 0) {
        bar->setValue(bar->maximum() - m_keepFromBottom);
        m_keepFromBottom = -1;
    } else if (m_followBottom) {
        bar->setValue(bar->maximum());
    }
    // Too few messages to scroll: load older ones until the view is full (or none are left).
    auto* messages = qobject_cast<MessageListModel*>(model());
    if (messages && bar->maximum() == 0 && messages->canFetchOlder())
        QTimer::singleShot(0, this, &MessageView::olderMessagesWanted);
}

void MessageView::resizeEvent(QResizeEvent* event)
{
    const bool atBottom = isAtBottom();
    QListView::resizeEvent(event);
    m_followBottom = atBottom;
}

void MessageView::onScrolled(int value)
{
    const QScrollBar* bar = verticalScrollBar();
    m_followBottom = value >= bar->maximum() - BottomSlackPx;
    auto* messages = qobject_cast<MessageListModel*>(model());
    if (!messages || m_keepFromBottom >= 0)
        return;
    if (value == bar->minimum() && messages->canFetchOlder())
        Q_EMIT olderMessagesWanted();
    else if (m_followBottom && !messages->isAtLatest())
        Q_EMIT newerMessagesWanted();
}

bool MessageView::findText(const QString& text, bool older, bool fromCurrent)
{
    if (!model() || text.isEmpty())
        return false;
    const int rows = model()->rowCount();
    const int start = currentIndex().isValid() ? currentIndex().row() : (older ? rows : -1);
    for (int step = fromCurrent && currentIndex().isValid() ? 0 : 1; step <= rows; ++step) {
        const int row = ((older ? start - step : start + step) % rows + rows) % rows;
        const QModelIndex index = model()->index(row, 0);
        const QString haystack = index.data(MessageListModel::TextRole).toString() +
                                 QLatin1Char('\n') +
                                 index.data(MessageListModel::HandleRole).toString();
        if (haystack.contains(text, Qt::CaseInsensitive)) {
            m_followBottom = false;
            setCurrentIndex(index);
            scrollTo(index, QAbstractItemView::PositionAtCenter);
            return true;
        }
    }
    return false;
}

void MessageView::copyCurrent()
{
    const QModelIndex index = currentIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(index.data(MessageListModel::TextRole).toString());
}

QUrl MessageView::linkAt(const QPoint& pos) const
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return {};
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return m_delegate->linkAt(option, index, pos);
}

void MessageView::mouseMoveEvent(QMouseEvent* event)
{
    viewport()->setCursor(linkAt(event->position().toPoint()).isValid() ? Qt::PointingHandCursor
                                                                        : Qt::ArrowCursor);
    QListView::mouseMoveEvent(event);
}

void MessageView::mouseReleaseEvent(QMouseEvent* event)
{
    QListView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint pos = event->position().toPoint();
    if (const QUrl url = linkAt(pos); url.isValid()) {
        Q_EMIT linkActivated(url);
        return;
    }
    const QModelIndex index = indexAt(pos);
    if (index.isValid() &&
        index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>() ==
            MessageListModel::Delivery::Failed)
        Q_EMIT retryRequested(index.data(MessageListModel::ClientIdRole).toString());
}

void MessageView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copyCurrent();
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void MessageView::contextMenuEvent(QContextMenuEvent* event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(tr("&Copy text"), this, &MessageView::copyCurrent);
    if (const QUrl url = linkAt(event->pos()); url.isValid()) {
        menu.addAction(tr("Copy &link"), this,
                       [url] { QApplication::clipboard()->setText(url.toString()); });
        menu.addAction(tr("&Open link"), this, [this, url] { Q_EMIT linkActivated(url); });
    }
    if (index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>() ==
        MessageListModel::Delivery::Failed) {
        const QString clientId = index.data(MessageListModel::ClientIdRole).toString();
        menu.addAction(tr("&Retry sending"), this,
                       [this, clientId] { Q_EMIT retryRequested(clientId); });
    }
    menu.exec(event->globalPos());
}
