// UI automation of the real MainWindow against an in-process ChatServer (offscreen).
#include "chatclient.h"
#include "chatserver.h"
#include "clientsettings.h"
#include "joinedroomsmodel.h"
#include "mainwindow.h"
#include "messagedelegate.h"
#include "messagelistmodel.h"
#include "serverconfig.h"
#include "socketioclient.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int ReconnectTimeoutMs = 15000; // backoff 1-5 s plus the handshake

std::unique_ptr<ChatServer> startServer(const QString& dataDir, quint16 port)
{
    ServerConfig config;
    config.host = QStringLiteral("127.0.0.1");
    config.port = port;
    config.dataDir = dataDir; // same secret across restarts: the identity resumes
    config.storage = ServerConfig::Storage::Memory;
    config.messageRate = 0;
    auto server = std::make_unique<ChatServer>(config);
    QString error;
    if (!server->listen(&error)) {
        qWarning("listen failed: %s", qPrintable(error));
        return nullptr;
    }
    return server;
}

QString textOfRow(QListView* view, int row)
{
    return view->model()->index(row, 0).data(MessageListModel::TextRole).toString();
}

bool viewHasText(QListView* view, const QString& text)
{
    if (!view->model())
        return false;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (textOfRow(view, row) == text)
            return true;
    }
    return false;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void joinSendReconnectRejoin();
    void invalidRoomNameIsExplained();
    void ctrlQQuits();

private:
    template <typename T>
    T* widget(const char* name)
    {
        T* found = m_window->findChild<T*>(QLatin1String(name));
        if (!found)
            qWarning("no widget %s", name);
        return found;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ChatServer> m_server;
    std::unique_ptr<QSettings> m_store;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<SocketIoClient> m_connection;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    QVERIFY(m_dir.isValid());
    m_server = startServer(m_dir.filePath(QStringLiteral("server")), 0);
    QVERIFY(m_server);
    m_store = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("client.ini")),
                                          QSettings::IniFormat);
    m_settings = std::make_unique<ClientSettings>(m_store.get());
    m_connection = std::make_unique<SocketIoClient>();
    m_connection->setServerUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server->port()));
    m_client = std::make_unique<ChatClient>(m_connection.get());
    m_window = std::make_unique<MainWindow>(m_client.get(), m_settings.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_connection->open();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_client.reset();
    m_connection.reset();
    m_settings.reset();
    m_store.reset();
    m_server.reset();
}

void TestMainWindow::joinSendReconnectRejoin()
{
    auto* status = widget<QLabel>("connectionStatus");
    auto* roomEdit = widget<QLineEdit>("roomNameEdit");
    auto* joinButton = widget<QPushButton>("joinRoomButton");
    auto* joinedList = widget<QListView>("joinedRoomsList");
    auto* roomsList = widget<QListView>("roomsList");
    auto* messageView = widget<QListView>("messageView");
    auto* input = widget<QLineEdit>("messageInput");
    QVERIFY(status && roomEdit && joinButton && joinedList && roomsList && messageView && input);

    QVERIFY(!input->isEnabled()); // no room yet
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("Connected as ")));
    const QString handle = m_client->session().handle;
    QCOMPARE(status->text(), QStringLiteral("Connected as ") + handle);

    // Join by typing a name and clicking Join.
    QTest::keyClicks(roomEdit, QStringLiteral("Lobby"));
    QTest::mouseClick(joinButton, Qt::LeftButton);
    QTRY_COMPARE(joinedList->model()->rowCount(), 1);
    QCOMPARE(joinedList->model()->index(0, 0).data(JoinedRoomsModel::NameRole).toString(),
             QStringLiteral("lobby"));
    QTRY_VERIFY(joinedList->model()->index(0, 0).data(JoinedRoomsModel::JoinedRole).toBool());
    QCOMPARE(m_window->currentRoom(), QStringLiteral("lobby"));
    QVERIFY(input->isEnabled());
    QVERIFY(roomEdit->text().isEmpty());
    // And a second room with Enter; the server's list shows both with member counts.
    QTest::keyClicks(roomEdit, QStringLiteral("qt"));
    QTest::keyClick(roomEdit, Qt::Key_Return);
    QTRY_COMPARE(joinedList->model()->rowCount(), 2);
    QCOMPARE(m_window->currentRoom(), QStringLiteral("qt"));
    m_client->refreshRooms();
    QTRY_COMPARE(roomsList->model()->rowCount(), 2);
    QCOMPARE(roomsList->model()->index(0, 0).data().toString(), QStringLiteral("lobby (1)"));
    joinedList->setCurrentIndex(joinedList->model()->index(0, 0));
    QCOMPARE(m_window->currentRoom(), QStringLiteral("lobby"));

    // Send with Enter: listed with time and handle, pending until the server stores it.
    QTest::keyClicks(input, QStringLiteral("hello <b>world</b>"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(input->text().isEmpty());
    QTRY_COMPARE(messageView->model()->rowCount(), 1);
    const QModelIndex row = messageView->model()->index(0, 0);
    QTRY_COMPARE(row.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                 MessageListModel::Delivery::Delivered);
    QCOMPARE(row.data(MessageListModel::HandleRole).toString(), handle);
    QCOMPARE(row.data(MessageListModel::SeqRole).toLongLong(), 1);
    QVERIFY(row.data(MessageListModel::TimestampRole).toDateTime().isValid());
    const QString shown = MessageDelegate::summaryText(row);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d ")).match(shown).hasMatch(),
             qPrintable(shown));
    QCOMPARE(shown.mid(6), handle + QStringLiteral(" (you): hello <b>world</b>"));
    QVERIFY(!messageView->visualRect(row).isEmpty());

    // The server goes away: the status bar counts down to the next attempt.
    const quint16 port = m_server->port();
    m_server.reset();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Reconnecting in ")),
                             ReconnectTimeoutMs);
    QVERIFY2(QRegularExpression(QStringLiteral("^Reconnecting in \\d+ s \\(attempt \\d+\\)$"))
                 .match(status->text())
                 .hasMatch(),
             qPrintable(status->text()));
    QVERIFY(!joinedList->model()->index(0, 0).data(JoinedRoomsModel::JoinedRole).toBool());

    // A new server on the same port: connected again, same identity, rooms rejoined.
    m_server = startServer(m_dir.filePath(QStringLiteral("server")), port);
    QVERIFY(m_server);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Connected as ")),
                             ReconnectTimeoutMs);
    QCOMPARE(status->text(), QStringLiteral("Connected as ") + handle);
    QTRY_VERIFY(joinedList->model()->index(0, 0).data(JoinedRoomsModel::JoinedRole).toBool());
    QTRY_VERIFY(joinedList->model()->index(1, 0).data(JoinedRoomsModel::JoinedRole).toBool());

    // A second client in the room: its message shows up in the view.
    SocketIoClient other;
    other.setServerUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port));
    other.open();
    QTRY_COMPARE(other.state(), SocketIoClient::State::Connected);
    bool otherJoined = false;
    other.emitEvent(QStringLiteral("join_room"),
                    {{QStringLiteral("room"), QStringLiteral("lobby")}},
                    [&otherJoined](bool acked, const QJsonValue& reply) {
                        otherJoined = acked && reply.toObject().value(QLatin1String("ok")).toBool();
                    });
    QTRY_VERIFY(otherJoined);
    other.emitEvent(QStringLiteral("send_message"),
                    {{QStringLiteral("room"), QStringLiteral("lobby")},
                     {QStringLiteral("text"), QStringLiteral("welcome back")},
                     {QStringLiteral("client_id"), QStringLiteral("c-other-1")}});
    QTRY_VERIFY(viewHasText(messageView, QStringLiteral("welcome back")));
    QCOMPARE(m_window->currentRoom(), QStringLiteral("lobby"));
}

void TestMainWindow::invalidRoomNameIsExplained()
{
    auto* roomEdit = widget<QLineEdit>("roomNameEdit");
    auto* joinButton = widget<QPushButton>("joinRoomButton");
    auto* hint = widget<QLabel>("roomNameHint");
    QVERIFY(roomEdit && joinButton && hint);
    QVERIFY(!joinButton->isEnabled());
    QTest::keyClicks(roomEdit, QStringLiteral("no spaces"));
    QVERIFY(!joinButton->isEnabled());
    QVERIFY(hint->isVisible());
    QVERIFY(!hint->text().isEmpty());
    QTest::keyClick(roomEdit, Qt::Key_Return);
    QCOMPARE(m_client->joinedRoomNames().size(), 0);
    roomEdit->clear();
    QTest::keyClicks(roomEdit, QStringLiteral("fine"));
    QVERIFY(joinButton->isEnabled());
    QVERIFY(!hint->isVisible());
}

void TestMainWindow::ctrlQQuits()
{
    QVERIFY(m_window->isVisible());
    QTest::keyClick(m_window.get(), Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!m_window->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
