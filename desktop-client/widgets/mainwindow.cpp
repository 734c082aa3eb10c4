#include "mainwindow.h"

#include "chatclient.h"
#include "clientsettings.h"
#include "connectionstatuslabel.h"
#include "joinedroomdelegate.h"
#include "joinedroomsmodel.h"
#include "messagedelegate.h"
#include "messagelistmodel.h"
#include "roomname.h"
#include "roompickerpanel.h"
#include "settingsdialog.h"
#include "widgetslogging.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

MainWindow::MainWindow(ChatClient* client, ClientSettings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_settings(settings)
{
    setWindowTitle(tr("AnonChat"));
    setObjectName(QStringLiteral("mainWindow"));

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(createSidebar());
    splitter->addWidget(createRoomPane());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 660});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_status = new ConnectionStatusLabel(client, this);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("noticeLabel"));
    m_notice->setTextFormat(Qt::PlainText);
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    m_noticeTimer->setInterval(8000);
    connect(m_noticeTimer, &QTimer::timeout, m_notice, &QLabel::clear);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_notice);

    createMenus();

    connect(client, &ChatClient::roomJoined, this, &MainWindow::onRoomJoined);
    connect(client, &ChatClient::roomJoinFailed, this, &MainWindow::onRoomJoinFailed);
    connect(client, &ChatClient::sendFailed, this, &MainWindow::onSendFailed);
    connect(client, &ChatClient::serverErrorReceived, this, &MainWindow::onServerError);
    connect(client, &ChatClient::noticeReceived, this, &MainWindow::onNotice);
    connect(client, &ChatClient::sessionStarted, this, &MainWindow::onSessionStarted);
    connect(client->joinedRooms(), &QAbstractItemModel::dataChanged, this,
            &MainWindow::updateRoomHeader);
    connect(
        client->connection(), &SocketIoClient::connectErrorReceived, this,
        [this](const QString& message) { showNotice(tr("Connection refused: %1").arg(message)); });

    resize(960, 640);
    restoreGeometry(settings->windowGeometry());
    showRoom({});
}

QWidget* MainWindow::createSidebar()
{
    auto* sidebar = new QWidget(this);
    auto* title = new QLabel(tr("Joined rooms"), sidebar);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_joinedRoomsList = new QListView(sidebar);
    m_joinedRoomsList->setObjectName(QStringLiteral("joinedRoomsList"));
    m_joinedRoomsList->setAccessibleName(tr("Joined rooms"));
    m_joinedRoomsList->setModel(m_client->joinedRooms());
    m_joinedRoomsList->setItemDelegate(new JoinedRoomDelegate(m_joinedRoomsList));
    m_joinedRoomsList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    title->setBuddy(m_joinedRoomsList);
    connect(m_joinedRoomsList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentJoinedRoomChanged);

    m_picker = new RoomPickerPanel(m_client, sidebar);
    m_picker->setObjectName(QStringLiteral("roomPicker"));
    connect(m_picker, &RoomPickerPanel::joinRequested, this, &MainWindow::joinAndShowRoom);

    auto* layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(title);
    layout->addWidget(m_joinedRoomsList, 2);
    layout->addSpacing(8);
    layout->addWidget(m_picker, 3);
    return sidebar;
}

QWidget* MainWindow::createRoomPane()
{
    auto* pane = new QWidget(this);
    m_roomHeader = new QLabel(pane);
    m_roomHeader->setObjectName(QStringLiteral("roomHeader"));
    m_roomHeader->setTextFormat(Qt::PlainText);
    QFont headerFont = m_roomHeader->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.2);
    m_roomHeader->setFont(headerFont);

    m_delegate = new MessageDelegate(this);
    m_messageView = new QListView(pane);
    m_messageView->setObjectName(QStringLiteral("messageView"));
    m_messageView->setAccessibleName(tr("Messages"));
    m_messageView->setItemDelegate(m_delegate);
    m_messageView->setResizeMode(QListView::Adjust);
    m_messageView->setWordWrap(true);
    m_messageView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messageView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_messageView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_messageView->setSelectionMode(QAbstractItemView::SingleSelection);

    m_input = new QLineEdit(pane);
    m_input->setObjectName(QStringLiteral("messageInput"));
    m_input->setAccessibleName(tr("Message"));
    m_sendButton = new QPushButton(tr("&Send"), pane);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setAccessibleName(tr("Send message"));
    connect(m_input, &QLineEdit::returnPressed, this, &MainWindow::onSendRequested);
    connect(m_sendButton, &QPushButton::clicked, this, &MainWindow::onSendRequested);

    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_sendButton);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 6, 6, 6);
    layout->addWidget(m_roomHeader);
    layout->addWidget(m_messageView, 1);
    layout->addLayout(inputRow);
    return pane;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* settings = file->addAction(tr("&Settings…"), this, &MainWindow::onOpenSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setShortcutContext(Qt::ApplicationShortcut);

    QMenu* room = menuBar()->addMenu(tr("&Room"));
    QAction* join = room->addAction(tr("&Join a room…"), m_picker, &RoomPickerPanel::focusNameEdit);
    join->setObjectName(QStringLiteral("joinRoomAction"));
    join->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    QAction* refresh =
        room->addAction(tr("&Refresh room list"), m_client, &ChatClient::refreshRooms);
    refresh->setObjectName(QStringLiteral("refreshRoomsAction"));
    refresh->setShortcut(QKeySequence::Refresh);
    QAction* leave = room->addAction(tr("&Leave room"), this, &MainWindow::onLeaveRoom);
    leave->setObjectName(QStringLiteral("leaveRoomAction"));
    leave->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About AnonChat"), this, &MainWindow::onAbout);
}

void MainWindow::joinAndShowRoom(const QString& name)
{
    QString room;
    QString reason;
    // An invalid name is reported by joinRoom() through roomJoinFailed().
    if (m_client->joinRoom(name) && RoomName::canonicalize(name, &room, &reason))
        showRoom(room);
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

    if (QAbstractItemModel* old = m_messageView->model())
        disconnect(old, nullptr, this, nullptr);
    MessageListModel* model = m_client->messages(m_currentRoom);
    m_messageView->setModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::onMessagesInserted);
        m_messageView->scrollToBottom();
    }
    const bool haveRoom = model != nullptr;
    m_input->setEnabled(haveRoom);
    m_sendButton->setEnabled(haveRoom);
    m_input->setPlaceholderText(haveRoom ? tr("Message #%1").arg(m_currentRoom)
                                         : tr("Join a room to start chatting"));
    updateRoomHeader();
    setWindowTitle(haveRoom ? tr("#%1 — AnonChat").arg(m_currentRoom) : tr("AnonChat"));
    if (haveRoom)
        m_input->setFocus();
}

void MainWindow::updateRoomHeader()
{
    const JoinedRoomsModel* rooms = m_client->joinedRooms();
    const int row = rooms->rowOf(m_currentRoom);
    if (row < 0) {
        m_roomHeader->setText(tr("No room"));
        return;
    }
    const QModelIndex index = rooms->index(row);
    if (!index.data(JoinedRoomsModel::JoinedRole).toBool()) {
        m_roomHeader->setText(tr("#%1 · joining…").arg(m_currentRoom));
        return;
    }
    const int members = index.data(JoinedRoomsModel::MemberCountRole).toInt();
    m_roomHeader->setText(tr("#%1 · members: %2").arg(m_currentRoom).arg(members));
}

void MainWindow::onCurrentJoinedRoomChanged(const QModelIndex& current)
{
    showRoom(current.isValid() ? current.data(JoinedRoomsModel::NameRole).toString() : QString());
}

void MainWindow::onSendRequested()
{
    const QString text = m_input->text();
    if (m_currentRoom.isEmpty() || text.trimmed().isEmpty())
        return;
    if (m_client->sendMessage(m_currentRoom, text))
        m_input->clear();
}

void MainWindow::onMessagesInserted()
{
    // Follow new messages unless the user scrolled up to read older ones.
    QScrollBar* bar = m_messageView->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    if (atBottom)
        QTimer::singleShot(0, m_messageView, &QListView::scrollToBottom);
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
    if (m_currentRoom == name)
        showRoom(m_client->joinedRooms()->roomAt(0));
}

void MainWindow::onSendFailed(const QString& room, const QString& reason)
{
    showNotice(tr("Not sent to %1: %2").arg(room, reason));
}

void MainWindow::onServerError(const ChatError& error)
{
    showNotice(tr("Server: %1").arg(error.message));
}

void MainWindow::onNotice(const QString& code, const QString& message)
{
    Q_UNUSED(code)
    showNotice(message);
}

void MainWindow::onSessionStarted()
{
    m_settings->setIdentityToken(m_client->session().token);
}

void MainWindow::onLeaveRoom()
{
    if (m_currentRoom.isEmpty())
        return;
    const QString room = m_currentRoom;
    const int row = m_client->joinedRooms()->rowOf(room);
    m_client->leaveRoom(room);
    // The list selects a neighbour by itself; make sure the view never keeps the old model.
    const QString next = m_client->joinedRooms()->roomAt(std::max(0, row - 1));
    showRoom(next);
}

void MainWindow::onOpenSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    SocketIoClient* connection = m_client->connection();
    if (dialog.serverUrl() != connection->serverUrl()) {
        qCInfo(lcClientUi) << "server address changed; reconnecting";
        connection->close();
        connection->setServerUrl(dialog.serverUrl());
        connection->open();
    }
    // Turning "keep identity" off forgot the saved token; turning it on saves the current one.
    m_settings->setIdentityToken(m_client->session().token);
}

void MainWindow::onAbout()
{
    QMessageBox::about(this, tr("About AnonChat"),
                       tr("AnonChat %1\nAnonymous real-time chat. No accounts: your identity "
                          "is a random handle.")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::showNotice(const QString& text)
{
    m_notice->setText(text);
    m_noticeTimer->start();
}

void MainWindow::saveState()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setJoinedRooms(m_client->joinedRoomNames());
    m_settings->setLastRoom(m_currentRoom);
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    event->accept();
}
