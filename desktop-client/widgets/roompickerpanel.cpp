#include "roompickerpanel.h"

#include "chatclient.h"
#include "roomlistmodel.h"
#include "roomname.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

RoomPickerPanel::RoomPickerPanel(ChatClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_roomsList(new QListView(this))
    , m_refreshButton(new QToolButton(this))
    , m_nameEdit(new QLineEdit(this))
    , m_joinButton(new QPushButton(tr("&Join"), this))
    , m_hint(new QLabel(this))
{
    auto* title = new QLabel(tr("Rooms on the server"), this);
    title->setBuddy(m_roomsList);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_refreshButton->setObjectName(QStringLiteral("refreshRoomsButton"));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("Refresh the list of rooms (F5)"));
    m_refreshButton->setAccessibleName(tr("Refresh rooms"));
    m_refreshButton->setAutoRaise(true);

    m_roomsList->setObjectName(QStringLiteral("roomsList"));
    m_roomsList->setAccessibleName(tr("Rooms on the server"));
    m_roomsList->setAccessibleDescription(tr("Activate a room to join it"));
    m_roomsList->setModel(client->serverRooms());
    m_roomsList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roomsList->setUniformItemSizes(true);

    m_nameEdit->setObjectName(QStringLiteral("roomNameEdit"));
    m_nameEdit->setAccessibleName(tr("Room name"));
    m_nameEdit->setPlaceholderText(tr("Room name, e.g. lobby"));
    m_nameEdit->setClearButtonEnabled(true);

    m_joinButton->setObjectName(QStringLiteral("joinRoomButton"));
    m_joinButton->setAccessibleName(tr("Join room"));
    m_joinButton->setEnabled(false);

    m_hint->setObjectName(QStringLiteral("roomNameHint"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->hide();

    auto* header = new QHBoxLayout;
    header->addWidget(title, 1);
    header->addWidget(m_refreshButton);
    auto* joinRow = new QHBoxLayout;
    joinRow->addWidget(m_nameEdit, 1);
    joinRow->addWidget(m_joinButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_roomsList, 1);
    layout->addLayout(joinRow);
    layout->addWidget(m_hint);

    connect(m_nameEdit, &QLineEdit::textChanged, this, &RoomPickerPanel::onNameEdited);
    connect(m_nameEdit, &QLineEdit::returnPressed, this, &RoomPickerPanel::onJoinClicked);
    connect(m_joinButton, &QPushButton::clicked, this, &RoomPickerPanel::onJoinClicked);
    connect(m_roomsList, &QListView::activated, this, &RoomPickerPanel::onRoomActivated);
    connect(m_refreshButton, &QToolButton::clicked, client, &ChatClient::refreshRooms);
    // Member counts change all the time; a cheap list_rooms now and then keeps them fresh.
    m_autoRefresh.setInterval(15000);
    connect(&m_autoRefresh, &QTimer::timeout, client, &ChatClient::refreshRooms);
    connect(client, &ChatClient::sessionStarted, this, &RoomPickerPanel::onConnectionChanged);
    // Joining or leaving changes member counts (and may create a room): show it at once.
    connect(client, &ChatClient::roomJoined, client, &ChatClient::refreshRooms);
    connect(client, &ChatClient::roomLeft, client, &ChatClient::refreshRooms);
    connect(client->connection(), &SocketIoClient::stateChanged, this,
            &RoomPickerPanel::onConnectionChanged);
}

void RoomPickerPanel::focusNameEdit()
{
    m_nameEdit->setFocus(Qt::ShortcutFocusReason);
    m_nameEdit->selectAll();
}

void RoomPickerPanel::onNameEdited(const QString& text)
{
    QString canonical;
    QString reason;
    const bool valid = RoomName::canonicalize(text, &canonical, &reason);
    m_joinButton->setEnabled(valid);
    // Explain an invalid name before it is sent; an empty field needs no explanation.
    m_hint->setVisible(!valid && !text.isEmpty());
    m_hint->setText(valid ? QString() : reason);
}

void RoomPickerPanel::onJoinClicked()
{
    const QString name = m_nameEdit->text();
    if (!RoomName::isValid(name))
        return;
    m_nameEdit->clear();
    Q_EMIT joinRequested(name);
}

void RoomPickerPanel::onRoomActivated(const QModelIndex& index)
{
    Q_EMIT joinRequested(index.data(RoomListModel::NameRole).toString());
}

void RoomPickerPanel::onConnectionChanged()
{
    const bool ready = m_client->isReady();
    m_refreshButton->setEnabled(ready);
    if (ready) {
        m_autoRefresh.start();
        m_client->refreshRooms();
    } else {
        m_autoRefresh.stop();
    }
}
