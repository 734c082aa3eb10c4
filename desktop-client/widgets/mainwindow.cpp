#include "mainwindow.h"

#include "appearance.h"
#include "chatclient.h"
#include "clientsession.h"
#include "clientsettings.h"
#include "connectionstatuslabel.h"
#include "desktopnotifier.h"
#include "joinedroomdelegate.h"
#include "joinedroomsmodel.h"
#include "mainwindowmenus.h"
#include "memberlist.h"
#include "outbox.h"
#include "roomname.h"
#include "roompickerdialog.h"
#include "roomview.h"
#include "settingsdialog.h"
#include "toolbuttonfallback.h"
#include "widgetslogging.h"

#include <QAction>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QLabel* paneTitle(const QString& text, QWidget* parent)
{
    auto* title = new QLabel(text, parent);
    QFont font = title->font();
    font.setBold(true);
    title->setFont(font);
    return title;
}

} // namespace

MainWindow::MainWindow(ChatClient* client, ClientSettings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_notifier = new DesktopNotifier(this);

    m_roomView = new RoomView(client, this);
    m_menus = std::make_unique<MainWindowMenus>(this); // before the panes: they show actions
    connect(m_menus->settingsAction(), &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_menus->quitAction(), &QAction::triggered, this, &QWidget::close);
    connect(m_menus->joinAction(), &QAction::triggered, this, &MainWindow::openRoomPicker);
    connect(m_menus->leaveAction(), &QAction::triggered, this, &MainWindow::onLeaveRoom);
    connect(m_menus->nextRoomAction(), &QAction::triggered, this, [this] { showAdjacentRoom(1); });
    connect(m_menus->previousRoomAction(), &QAction::triggered, this,
            [this] { showAdjacentRoom(-1); });
    connect(m_menus->findAction(), &QAction::triggered, m_roomView, &RoomView::startFind);
    m_roomView->addHeaderAction(m_menus->membersAction());

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(createSidebar());
    m_splitter->addWidget(m_roomView);
    m_splitter->addWidget(createMemberPane());
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({200, 560, 180});
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    createStatusBar();

    connect(client, &ChatClient::roomJoined, this, &MainWindow::onRoomJoined);
    connect(client, &ChatClient::roomJoinFailed, this, &MainWindow::onRoomJoinFailed);
    connect(client, &ChatClient::messageReceived, this, &MainWindow::onMessageReceived);
    connect(client, &ChatClient::sendFailed, this, [this](const QString& room, const QString& why) {
        showNotice(tr("Not sent to #%1: %2").arg(room, why));
    });
    connect(client, &ChatClient::serverErrorReceived, this,
            [this](const ChatError& error) { showNotice(tr("Server: %1").arg(error.message)); });
    connect(client, &ChatClient::noticeReceived, this,
            [this](const QString&, const QString& message) { showNotice(message); });
    connect(client, &ChatClient::sessionStarted, this, [this] {
        m_settings->setIdentityToken(m_client->session().token);
        // Back online: "The server is shutting down" and the like are stale now.
        m_noticeTimer->stop();
        m_notice->clear();
    });
    connect(
        client->connection(), &SocketIoClient::connectErrorReceived, this,
        [this](const QString& message) { showNotice(tr("Connection refused: %1").arg(message)); });
    connect(client->joinedRooms(), &QAbstractItemModel::dataChanged, this,
            &MainWindow::updateWindowTitle);
    connect(m_roomView, &RoomView::linkActivated, this,
            [](const QUrl& url) { QDesktopServices::openUrl(url); });
    connect(m_notifier, &DesktopNotifier::roomActivated, this, [this](const QString& room) {
        showRoom(room);
        showNormal();
        raise();
        activateWindow();
    });

    resize(980, 640);
    restoreGeometry(settings->windowGeometry());
    m_splitter->restoreState(settings->windowState());
    m_menus->membersAction()->setChecked(settings->memberListVisible());
    showRoom({});
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::createSidebar()
{
    auto* sidebar = new QWidget(this);
    sidebar->setObjectName(QStringLiteral("sidebar"));
    QLabel* title = paneTitle(tr("Rooms"), sidebar);
    auto* add = new QToolButton(sidebar);
    add->setDefaultAction(m_menus->joinAction());
    add->setObjectName(QStringLiteral("addRoomButton"));
    add->setAccessibleName(tr("Join a room"));
    add->setAutoRaise(true);
    ToolButtonFallback::apply(add);

    m_joinedRoomsList = new QListView(sidebar);
    m_joinedRoomsList->setObjectName(QStringLiteral("joinedRoomsList"));
    m_joinedRoomsList->setAccessibleName(tr("Joined rooms"));
    m_joinedRoomsList->setAccessibleDescription(
        tr("Rooms you are in, with unread counts. Ctrl+Tab or Alt+Down for the next one"));
    m_joinedRoomsList->setModel(m_client->joinedRooms());
    m_joinedRoomsList->setItemDelegate(new JoinedRoomDelegate(m_joinedRoomsList));
    m_joinedRoomsList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_joinedRoomsList->setUniformItemSizes(true);
    title->setBuddy(m_joinedRoomsList);
    connect(m_joinedRoomsList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentJoinedRoomChanged);

    auto* header = new QHBoxLayout;
    header->addWidget(title, 1);
    header->addWidget(add);
    auto* layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addLayout(header);
    layout->addWidget(m_joinedRoomsList, 1);
    return sidebar;
}

QWidget* MainWindow::createMemberPane()
{
    m_memberPane = new QWidget(this);
    m_memberPane->setObjectName(QStringLiteral("memberPane"));
    QLabel* title = paneTitle(tr("Members"), m_memberPane);
    m_memberList = new MemberList(m_client, m_memberPane);
    title->setBuddy(m_memberList);
    auto* layout = new QVBoxLayout(m_memberPane);
    layout->setContentsMargins(0, 6, 6, 6);
    layout->addWidget(title);
    layout->addWidget(m_memberList, 1);
    connect(m_menus->membersAction(), &QAction::toggled, m_memberPane, &QWidget::setVisible);
    m_memberPane->setVisible(m_menus->membersAction()->isChecked());
    return m_memberPane;
}

void MainWindow::createStatusBar()
{
    m_status = new ConnectionStatusLabel(m_client, this);
    m_roundTrip = new QLabel(this);
    m_roundTrip->setObjectName(QStringLiteral("roundTripLabel"));
    m_roundTrip->setTextFormat(Qt::PlainText);
    m_roundTrip->setAccessibleName(tr("Round-trip time"));
    m_roundTrip->setToolTip(tr("Time from a request to the server's answer"));
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("noticeLabel"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setAccessibleName(tr("Notice"));
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    m_noticeTimer->setInterval(NoticeMs);
    connect(m_noticeTimer, &QTimer::timeout, m_notice, &QLabel::clear);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_notice);
    statusBar()->addPermanentWidget(m_roundTrip);

    SocketIoClient* connection = m_client->connection();
    connect(connection, &SocketIoClient::roundTripMeasured, this,
            [this](int ms) { m_roundTrip->setText(tr("RTT %1 ms").arg(ms)); });
    connect(connection, &SocketIoClient::stateChanged, this, [this](SocketIoClient::State state) {
        if (state != SocketIoClient::State::Connected)
            m_roundTrip->clear();
    });
}

void MainWindow::setAppearance(Appearance* appearance)
{
    m_appearance = appearance;
    applyAppearance();
}

void MainWindow::applyAppearance()
{
    if (m_appearance)
        m_appearance->apply(m_settings->theme(), m_settings->fontPointSize());
}

void MainWindow::joinAndShowRoom(const QString& name)
{
    QString room;
    QString reason;
    // An invalid name is reported by joinRoom() through roomJoinFailed().
    if (m_client->joinRoom(name) && RoomName::canonicalize(name, &room, &reason))
        showRoom(room);
}

void MainWindow::restoreRooms(const QStringList& extraRooms, const QString& show)
{
    // Rooms with messages still in the outbox (the app quit before they were sent) too.
    for (const QString& room : m_settings->joinedRooms() + extraRooms + m_client->outbox()->rooms())
        m_client->joinRoom(room);
    const QString shown = show.isEmpty() ? m_settings->lastRoom() : show;
    if (!shown.isEmpty())
        joinAndShowRoom(shown);
    else if (m_currentRoom.isEmpty())
        showRoom(m_client->joinedRooms()->roomAt(0));
}

void MainWindow::showRoom(const QString& room)
{
    const int row = m_client->joinedRooms()->rowOf(room);
    if (row >= 0 && m_joinedRoomsList->currentIndex().row() != row) {
        m_joinedRoomsList->setCurrentIndex(m_client->joinedRooms()->index(row));
        return; // onCurrentJoinedRoomChanged() continues
    }
    m_currentRoom = row >= 0 ? room : QString();
    m_client->joinedRooms()->setCurrentRoom(m_currentRoom);
    m_roomView->setRoom(m_currentRoom);
    m_memberList->setRoom(m_currentRoom);
    updateWindowTitle();
    m_roomView->focusInput();
}

void MainWindow::showAdjacentRoom(int step)
{
    const JoinedRoomsModel* rooms = m_client->joinedRooms();
    const int count = rooms->rowCount();
    if (count == 0)
        return;
    const int row = rooms->rowOf(m_currentRoom);
    showRoom(rooms->roomAt(((row < 0 ? 0 : row + step) % count + count) % count));
}

RoomPickerDialog* MainWindow::openRoomPicker()
{
    auto* dialog = new RoomPickerDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RoomPickerDialog::joinRequested, this, &MainWindow::joinAndShowRoom);
    dialog->open();
    return dialog;
}

SettingsDialog* MainWindow::openSettings()
{
    auto* dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { onSettingsAccepted(dialog); });
    dialog->open();
    return dialog;
}

void MainWindow::onSettingsAccepted(SettingsDialog* dialog)
{
    SocketIoClient* connection = m_client->connection();
    const QStringList urls = ClientSettings::splitServerUrls(dialog->serverUrl());
    if (urls != m_client->clientSession()->serverUrls() &&
        urls != QStringList{connection->serverUrl()}) {
        qCInfo(lcClientUi) << "server address changed; reconnecting";
        connection->close();
        m_client->clientSession()->setServerUrls(urls);
        connection->open();
    }
    // Turning "keep identity" off forgot the saved token; turning it on saves the current one.
    m_settings->setIdentityToken(m_client->session().token);
    applyAppearance();
}

void MainWindow::updateWindowTitle()
{
    int unread = 0;
    const JoinedRoomsModel* rooms = m_client->joinedRooms();
    for (int row = 0; row < rooms->rowCount(); ++row)
        unread += rooms->index(row).data(JoinedRoomsModel::UnreadCountRole).toInt();
    QString title =
        m_currentRoom.isEmpty() ? tr("AnonChat") : tr("#%1 — AnonChat").arg(m_currentRoom);
    if (unread > 0)
        title = tr("(%1) %2").arg(unread).arg(title);
    setWindowTitle(title);
}

void MainWindow::onCurrentJoinedRoomChanged(const QModelIndex& current)
{
    showRoom(current.isValid() ? current.data(JoinedRoomsModel::NameRole).toString() : QString());
}

void MainWindow::onRoomJoined(const QString& room)
{
    qCDebug(lcClientUi) << "room joined" << room;
    if (m_currentRoom.isEmpty())
        showRoom(room);
}

void MainWindow::onRoomJoinFailed(const QString& name, const QString& reason)
{
    showNotice(tr("Cannot join %1: %2").arg(name, reason));
    if (m_currentRoom == name || m_client->joinedRooms()->rowOf(m_currentRoom) < 0)
        showRoom(m_client->joinedRooms()->roomAt(0));
}

void MainWindow::onMessageReceived(const ChatMessage& message)
{
    if (DesktopNotifier::shouldNotify(message, m_client->session().userId, m_currentRoom,
                                      isActiveWindow(), m_settings->notificationsEnabled()))
        m_notifier->notify(message);
}

void MainWindow::onLeaveRoom()
{
    if (m_currentRoom.isEmpty())
        return;
    const QString room = m_currentRoom;
    const int row = m_client->joinedRooms()->rowOf(room);
    m_client->leaveRoom(room);
    // The list selects a neighbour by itself; make sure the view never keeps the old model.
    showRoom(m_client->joinedRooms()->roomAt(std::max(0, row - 1)));
}

void MainWindow::showNotice(const QString& text)
{
    m_notice->setText(text);
    m_noticeTimer->start();
}

void MainWindow::saveState()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(m_splitter->saveState());
    m_settings->setMemberListVisible(m_menus->membersAction()->isChecked());
    m_settings->setJoinedRooms(m_client->joinedRoomNames());
    m_settings->setLastRoom(m_currentRoom);
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    event->accept();
}
