#include "mainwindowmenus.h"

#include <QApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>

MainWindowMenus::MainWindowMenus(QMainWindow* window)
    : m_window(window)
{
    createFileMenu();
    createRoomMenu();

    QMenu* view = m_window->menuBar()->addMenu(tr("&View"));
    m_members = view->addAction(QIcon(QStringLiteral(":/icons/members.svg")), tr("Show &members"));
    m_members->setObjectName(QStringLiteral("toggleMembersAction"));
    m_members->setCheckable(true);
    m_members->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_members->setToolTip(tr("Show or hide the member list (Ctrl+Shift+M)"));

    createHelpMenu();
}

void MainWindowMenus::createFileMenu()
{
    QMenu* file = m_window->menuBar()->addMenu(tr("&File"));
    m_settings = file->addAction(QIcon(QStringLiteral(":/icons/settings.svg")), tr("&Settings…"));
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settings->setToolTip(tr("Settings (Ctrl+,)"));
    file->addSeparator();
    m_quit = file->addAction(tr("&Quit"));
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quit->setShortcutContext(Qt::ApplicationShortcut);
    m_quit->setToolTip(tr("Quit (Ctrl+Q)"));
}

void MainWindowMenus::createRoomMenu()
{
    QMenu* room = m_window->menuBar()->addMenu(tr("&Room"));
    m_join = room->addAction(QIcon(QStringLiteral(":/icons/add-room.svg")), tr("&Join a room…"));
    m_join->setObjectName(QStringLiteral("joinRoomAction"));
    m_join->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_join->setToolTip(tr("Join a room (Ctrl+K)"));
    m_leave = room->addAction(QIcon(QStringLiteral(":/icons/leave-room.svg")), tr("&Leave room"));
    m_leave->setObjectName(QStringLiteral("leaveRoomAction"));
    m_leave->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    m_leave->setToolTip(tr("Leave the room shown (Ctrl+W)"));
    room->addSeparator();
    m_next = room->addAction(tr("&Next room"));
    m_next->setObjectName(QStringLiteral("nextRoomAction"));
    m_next->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::ALT | Qt::Key_Down)});
    m_previous = room->addAction(tr("&Previous room"));
    m_previous->setObjectName(QStringLiteral("previousRoomAction"));
    m_previous->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
                              QKeySequence(Qt::ALT | Qt::Key_Up)});
    room->addSeparator();
    m_find = room->addAction(QIcon(QStringLiteral(":/icons/find.svg")), tr("&Find in room…"));
    m_find->setObjectName(QStringLiteral("findAction"));
    m_find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_find->setToolTip(tr("Find in the room shown (Ctrl+F)"));
    // Shortcuts must work from every widget, including the multi-line input.
    for (QAction* action : {m_join, m_leave, m_next, m_previous, m_find})
        action->setShortcutContext(Qt::WindowShortcut);
}

void MainWindowMenus::createHelpMenu()
{
    QMenu* help = m_window->menuBar()->addMenu(tr("&Help"));
    QAction* keys =
        help->addAction(tr("&Keyboard shortcuts"), m_window, [this] { showShortcuts(); });
    keys->setShortcut(QKeySequence::HelpContents);
    keys->setObjectName(QStringLiteral("shortcutsAction"));
    keys->setToolTip(tr("List the keyboard shortcuts (F1)"));
    QAction* about = help->addAction(tr("&About AnonChat"), m_window, [this] { showAbout(); });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setToolTip(tr("Version and licence of AnonChat"));
}

void MainWindowMenus::showShortcuts()
{
    const QString rows = tr("Ctrl+K\tJoin a room\n"
                            "Ctrl+Tab, Alt+Down\tNext room\n"
                            "Ctrl+Shift+Tab, Alt+Up\tPrevious room\n"
                            "Ctrl+W\tLeave the room\n"
                            "Ctrl+F\tFind in the room\n"
                            "Ctrl+Shift+M\tShow or hide members\n"
                            "Enter\tSend\n"
                            "Shift+Enter\tNew line\n"
                            "Ctrl+,\tSettings\n"
                            "Esc\tClose a dialog or the find bar\n"
                            "Ctrl+Q\tQuit");
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"), rows, QMessageBox::Close,
                    m_window);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void MainWindowMenus::showAbout()
{
    QMessageBox::about(m_window, tr("About AnonChat"),
                       tr("AnonChat %1\nAnonymous real-time chat. No accounts: your identity "
                          "is a random handle.")
                           .arg(QApplication::applicationVersion()));
}
