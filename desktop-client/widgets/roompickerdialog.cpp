#include "roompickerdialog.h"

#include "chatclient.h"
#include "chattext.h"
#include "joinedroomsmodel.h"
#include "roomlistmodel.h"
#include "roomname.h"
#include "toolbuttonfallback.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

constexpr int DetailRole = Qt::UserRole + 3; // second line of a row

// Two lines per room: the name in bold, then members and last activity, dimmed.
class RoomRowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        Q_UNUSED(index)
        return {200, QFontMetrics(option.font).height() * 2 + 12};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const bool selected = opt.state & QStyle::State_Selected;
        painter->save();
        if (selected)
            painter->fillRect(opt.rect, opt.palette.brush(QPalette::Highlight));
        const QRect text = opt.rect.adjusted(10, 5, -10, -5);
        const int lineHeight = QFontMetrics(opt.font).height();
        QFont bold = opt.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(
            QRect(text.left(), text.top(), text.width(), lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
            QFontMetrics(bold).elidedText(index.data().toString(), Qt::ElideRight, text.width()));
        painter->setFont(opt.font);
        painter->setPen(
            opt.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
        painter->drawText(QRect(text.left(), text.top() + lineHeight, text.width(), lineHeight),
                          Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                          index.data(DetailRole).toString());
        painter->restore();
    }
};

} // namespace

RoomPickerDialog::RoomPickerDialog(ChatClient* client, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_filter(new QLineEdit(this))
    , m_hint(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_refresh(new QToolButton(this))
    , m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("roomPicker"));
    setWindowTitle(tr("Join a room"));
    setAccessibleName(tr("Join a room"));

    m_filter->setObjectName(QStringLiteral("roomFilterEdit"));
    m_filter->setPlaceholderText(tr("Find a room or type a new name"));
    m_filter->setAccessibleName(tr("Room name"));
    m_filter->setAccessibleDescription(
        tr("Filters the list as you type; Enter joins the highlighted room"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);

    m_hint->setObjectName(QStringLiteral("roomNameHint"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    m_hint->setAccessibleName(tr("Room name problem"));
    QPalette hintPalette = m_hint->palette();
    hintPalette.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
    m_hint->setPalette(hintPalette);
    m_hint->hide();

    m_list->setObjectName(QStringLiteral("roomsList"));
    m_list->setAccessibleName(tr("Rooms"));
    m_list->setAccessibleDescription(tr("Rooms on the server; activate one to join it"));
    m_list->setItemDelegate(new RoomRowDelegate(m_list));
    m_list->setUniformItemSizes(true);

    m_empty->setObjectName(QStringLiteral("roomsEmptyLabel"));
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setText(tr("No rooms yet: type a name to create one."));

    m_refresh->setObjectName(QStringLiteral("refreshRoomsButton"));
    m_refresh->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Refresh the list (F5)"));
    m_refresh->setAccessibleName(tr("Refresh rooms"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setAutoRaise(true);
    ToolButtonFallback::apply(m_refresh);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* join = buttons->addButton(tr("&Join"), QDialogButtonBox::AcceptRole);
    join->setObjectName(QStringLiteral("joinRoomButton"));
    join->setAccessibleName(tr("Join the highlighted room"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_refresh);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_hint);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty);
    layout->addWidget(buttons);

    connect(m_filter, &QLineEdit::textChanged, this, &RoomPickerDialog::rebuild);
    connect(m_list, &QListWidget::itemActivated, this, &RoomPickerDialog::onActivated);
    connect(m_refresh, &QToolButton::clicked, client, &ChatClient::refreshRooms);
    connect(buttons, &QDialogButtonBox::accepted, this, &RoomPickerDialog::joinSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(client->serverRooms(), &QAbstractItemModel::modelReset, this,
            &RoomPickerDialog::rebuild);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [join, this] { join->setEnabled(!selectedRoom().isEmpty()); });

    resize(440, 460);
    rebuild();
    client->refreshRooms();
}

QString RoomPickerDialog::selectedRoom() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(RoomNameRole).toString() : QString();
}

QString RoomPickerDialog::explainInvalidName(const QString& typed)
{
    // The rules of RoomName::canonicalize(), said in the user's language.
    const QString trimmed = typed.trimmed();
    if (trimmed.isEmpty())
        return tr("Type a room name.");
    if (ChatText::codePointCount(trimmed) > RoomName::MaxCodePoints)
        return tr("A room name has at most %n character(s).", nullptr, RoomName::MaxCodePoints);
    return tr("Use only letters, digits, '-', '_' and '.' (no spaces).");
}

QString RoomPickerDialog::activityText(const QDateTime& time, const QDateTime& now)
{
    if (!time.isValid())
        return tr("no activity yet");
    const qint64 seconds = std::max<qint64>(0, time.secsTo(now));
    if (seconds < 60)
        return tr("active just now");
    if (seconds < 3600)
        return tr("active %n minute(s) ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("active %n hour(s) ago", nullptr, int(seconds / 3600));
    return tr("active %n day(s) ago", nullptr, int(seconds / 86400));
}

void RoomPickerDialog::rebuild()
{
    const QString typed = m_filter->text().trimmed();
    QString canonical;
    QString reason;
    const bool valid = RoomName::canonicalize(typed, &canonical, &reason);
    m_hint->setVisible(!typed.isEmpty() && !valid);
    m_hint->setText(valid ? QString() : explainInvalidName(typed));

    const QString previous = selectedRoom();
    m_list->clear();
    const QStringList joined = m_client->joinedRoomNames();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<RoomSummary> rooms = m_client->serverRooms()->rooms();
    bool listed = false;
    for (const RoomSummary& room : rooms)
        listed = listed || room.room == canonical;
    if (valid && !listed) {
        auto* item = new QListWidgetItem(tr("#%1").arg(canonical), m_list);
        item->setData(RoomNameRole, canonical);
        item->setData(NewRoomRole, true);
        item->setData(DetailRole, joined.contains(canonical) ? tr("joined")
                                                             : tr("new room: join to create it"));
    }
    for (const RoomSummary& room : rooms) {
        if (!typed.isEmpty() && !room.room.contains(typed, Qt::CaseInsensitive) &&
            room.room != canonical)
            continue;
        auto* item = new QListWidgetItem(tr("#%1").arg(room.room), m_list);
        item->setData(RoomNameRole, room.room);
        QString detail = tr("%n member(s)", nullptr, room.members) + QStringLiteral(" · ") +
                         activityText(room.lastActivity, now);
        if (joined.contains(room.room))
            detail += QStringLiteral(" · ") + tr("joined");
        item->setData(DetailRole, detail);
        item->setToolTip(detail);
    }
    m_empty->setVisible(m_list->count() == 0 && typed.isEmpty());
    // Keep the highlight on the same room across refreshes; else the exact match or the top.
    int row = 0;
    for (int r = 0; r < m_list->count(); ++r) {
        const QString name = m_list->item(r)->data(RoomNameRole).toString();
        if ((!previous.isEmpty() && name == previous && typed.isEmpty()) || name == canonical) {
            row = r;
            break;
        }
    }
    m_list->setCurrentRow(m_list->count() > 0 ? row : -1);
}

void RoomPickerDialog::onActivated(QListWidgetItem* item)
{
    if (!item)
        return;
    const QString room = item->data(RoomNameRole).toString();
    accept();
    Q_EMIT joinRequested(room);
}

void RoomPickerDialog::joinSelected()
{
    onActivated(m_list->currentItem());
}

bool RoomPickerDialog::eventFilter(QObject* watched, QEvent* event)
{
    // Up/Down/PageUp/PageDown in the field move the highlight in the list; Enter joins it.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            QCoreApplication::sendEvent(m_list, event);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            joinSelected();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}
