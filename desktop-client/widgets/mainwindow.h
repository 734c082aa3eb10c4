#pragma once

#include <QMainWindow>

class ChatClient;
struct ChatError;
class ClientSettings;
class ConnectionStatusLabel;
class MessageDelegate;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPushButton;
class QTimer;
class RoomPickerPanel;

/**
 * The chat window: the joined rooms ("joinedRoomsList") and the room picker on the left,
 * the selected room's messages ("messageView", painted by MessageDelegate) with the input
 * line ("messageInput", Enter sends; disabled without a room) on the right, and the
 * connection state ("connectionStatus") in the status bar. File > Settings, File > Quit
 * (Ctrl+Q), Room > Join (Ctrl+K), Refresh (F5), Leave (Ctrl+W).
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /**
     * @param client   the session shown and driven; not owned.
     * @param settings window geometry, joined rooms and the identity token are saved there;
     *                 not owned.
     */
    explicit MainWindow(ChatClient* client, ClientSettings* settings, QWidget* parent = nullptr);

    /// Canonical name of the room shown, empty when none.
    QString currentRoom() const { return m_currentRoom; }

    /// Joins @p name (as typed) and shows it; errors appear in the status bar.
    void joinAndShowRoom(const QString& name);

    /// Writes geometry, joined rooms and the current room to the settings.
    void saveState();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onCurrentJoinedRoomChanged(const QModelIndex& current);
    void onSendRequested();
    void onRoomJoined(const QString& room);
    void onRoomJoinFailed(const QString& name, const QString& reason);
    void onSendFailed(const QString& room, const QString& reason);
    void onServerError(const ChatError& error);
    void onNotice(const QString& code, const QString& message);
    void onSessionStarted();
    void onMessagesInserted();
    void onLeaveRoom();
    void onOpenSettings();
    void onAbout();

    QWidget* createSidebar();
    QWidget* createRoomPane();
    void createMenus();
    void showRoom(const QString& room);
    void updateRoomHeader();
    void showNotice(const QString& text);

    ChatClient* m_client;
    ClientSettings* m_settings;
    QString m_currentRoom;
    QListView* m_joinedRoomsList = nullptr;
    RoomPickerPanel* m_picker = nullptr;
    QLabel* m_roomHeader = nullptr;
    QListView* m_messageView = nullptr;
    MessageDelegate* m_delegate = nullptr;
    QLineEdit* m_input = nullptr;
    QPushButton* m_sendButton = nullptr;
    ConnectionStatusLabel* m_status = nullptr;
    QLabel* m_notice = nullptr;
    QTimer* m_noticeTimer = nullptr;
};
