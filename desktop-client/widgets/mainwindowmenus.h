#pragma once

#include <QCoreApplication>

class QAction;
class QMainWindow;

/**
 * The menu bar of the chat window and its actions: File (Settings Ctrl+,, Quit Ctrl+Q),
 * Room (Join Ctrl+K, Leave Ctrl+W, Next room Ctrl+Tab / Alt+Down, Previous room
 * Ctrl+Shift+Tab / Alt+Up, Find Ctrl+F), View (Show members Ctrl+Shift+M, checkable) and
 * Help (Keyboard shortcuts F1, About; both handled here). Every action has an objectName
 * (e.g. "joinRoomAction") for UI automation, and the room actions work from every widget of
 * the window, the multi-line input included (Qt::WindowShortcut). What the File, Room and
 * View actions do is up to the window: it connects their triggered() or toggled().
 * Strings keep the "MainWindow" translation context they had before this class existed.
 */
class MainWindowMenus
{
    Q_DECLARE_TR_FUNCTIONS(MainWindow)

public:
    /// Adds the menus to @p window's menu bar; the actions are owned by the menus.
    explicit MainWindowMenus(QMainWindow* window);

    /// File > Settings… ("settingsAction").
    QAction* settingsAction() const { return m_settings; }
    /// File > Quit ("quitAction"); Qt::ApplicationShortcut.
    QAction* quitAction() const { return m_quit; }
    /// Room > Join a room… ("joinRoomAction").
    QAction* joinAction() const { return m_join; }
    /// Room > Leave room ("leaveRoomAction").
    QAction* leaveAction() const { return m_leave; }
    /// Room > Next room ("nextRoomAction").
    QAction* nextRoomAction() const { return m_next; }
    /// Room > Previous room ("previousRoomAction").
    QAction* previousRoomAction() const { return m_previous; }
    /// Room > Find in room… ("findAction").
    QAction* findAction() const { return m_find; }
    /// View > Show members ("toggleMembersAction"), checkable, unchecked at first.
    QAction* membersAction() const { return m_members; }

private:
    void createFileMenu();
    void createRoomMenu();
    void createHelpMenu();
    void showShortcuts();
    void showAbout();

    QMainWindow* m_window;
    QAction* m_settings = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_join = nullptr;
    QAction* m_leave = nullptr;
    QAction* m_next = nullptr;
    QAction* m_previous = nullptr;
    QAction* m_find = nullptr;
    QAction* m_members = nullptr;
};
