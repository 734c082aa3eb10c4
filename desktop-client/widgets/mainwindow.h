#pragma once

#include <QMainWindow>

#include <memory>

class Appearance;
class ChatClient;
struct ChatError;
struct ChatMessage;
class ClientSettings;
class ConnectionStatusLabel;
class DesktopNotifier;
class MainWindowMenus;
class MemberList;
class QLabel;
class QListView;
class QModelIndex;
class QSplitter;
class QTimer;
class RoomPickerDialog;
class RoomView;
class SettingsDialog;

/**
 * The chat window: the joined rooms with unread counts on the left ("joinedRoomsList"),
 * the room shown in the middle (RoomView), its members on the right ("memberList",
 * toggleable), and the status bar (connection state and own handle, "connectionStatus";
 * round-trip time, "roundTripLabel"; notices, "noticeLabel", shown for NoticeMs and
 * cleared when a new session starts, i.e. the connection is back). Dialogs: the room picker
 * (Ctrl+K) and the settings (Ctrl+,); the menus are MainWindowMenus. Keyboard: Ctrl+Tab /
 * Ctrl+Shift+Tab and Alt+Down / Alt+Up change room, Ctrl+W leaves it, Ctrl+F finds in it,
 * Ctrl+Shift+M toggles the member list, Ctrl+Q quits. New messages in other rooms (or while the
 * window is inactive) raise desktop notifications unless turned off. Geometry, pane sizes, joined
 * rooms and the room shown are saved to the settings on close.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// How long a notice stays in the status bar, in milliseconds.
    static constexpr int NoticeMs = 8000;

    /**
     * @param client   the session shown and driven; not owned.
     * @param settings window geometry, joined rooms, the identity token and the user's
     *                 preferences are read and saved there; not owned.
     */
    explicit MainWindow(ChatClient* client, ClientSettings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Applies theme and font settings through @p appearance now and after each settings
    /// change; not owned. Without one (tests) the look is left alone.
    void setAppearance(Appearance* appearance);

    /// Canonical name of the room shown, empty when none.
    QString currentRoom() const { return m_currentRoom; }

    /// Joins @p name (as typed) and shows it; errors appear in the status bar.
    void joinAndShowRoom(const QString& name);
    /**
     * Joins the rooms saved in the settings, then @p extraRooms, then the rooms with
     * messages still in the client's outbox (their pending rows show at once), and shows
     * @p show, or the room shown when the app last quit when @p show is empty.
     */
    void restoreRooms(const QStringList& extraRooms = {}, const QString& show = {});
    /// Shows joined room @p room (canonical name); an unknown name shows no room.
    void showRoom(const QString& room);
    /// Shows the room @p step rows below (negative: above) the current one, wrapping.
    void showAdjacentRoom(int step);

    /// Opens the room picker (non-modal for the caller; window-modal on screen).
    RoomPickerDialog* openRoomPicker();
    /// Opens the settings dialog; accepted changes apply at once.
    SettingsDialog* openSettings();

    DesktopNotifier* notifier() const { return m_notifier; }
    RoomView* roomView() const { return m_roomView; }

    /// Writes geometry, pane sizes, joined rooms and the current room to the settings.
    void saveState();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onCurrentJoinedRoomChanged(const QModelIndex& current);
    void onRoomJoined(const QString& room);
    void onRoomJoinFailed(const QString& name, const QString& reason);
    void onMessageReceived(const ChatMessage& message);
    void onSettingsAccepted(SettingsDialog* dialog);
    void onLeaveRoom();

    QWidget* createSidebar();
    QWidget* createMemberPane();
    void createStatusBar();
    void updateWindowTitle();
    void showNotice(const QString& text);
    void applyAppearance();

    ChatClient* m_client;
    ClientSettings* m_settings;
    Appearance* m_appearance = nullptr;
    QString m_currentRoom;
    QSplitter* m_splitter = nullptr;
    QListView* m_joinedRoomsList = nullptr;
    RoomView* m_roomView = nullptr;
    QWidget* m_memberPane = nullptr;
    MemberList* m_memberList = nullptr;
    std::unique_ptr<MainWindowMenus> m_menus;
    ConnectionStatusLabel* m_status = nullptr;
    QLabel* m_roundTrip = nullptr;
    QLabel* m_notice = nullptr;
    QTimer* m_noticeTimer = nullptr;
    DesktopNotifier* m_notifier = nullptr;
};
