// MainWindowMenus: the menu bar of the chat window, its actions, names and shortcuts.
#include "mainwindowmenus.h"

#include <QAction>
#include <QMainWindow>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTest>

class TestMainWindowMenus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void menusInOrder();
    void actionsAreNamedAndBound_data();
    void actionsAreNamedAndBound();
    void membersActionIsCheckable();
    void roomShortcutsWorkFromEveryWidget();
};

void TestMainWindowMenus::menusInOrder()
{
    QMainWindow window;
    MainWindowMenus menus(&window);
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles.append(action->text());
    QCOMPARE(titles, (QStringList{QStringLiteral("&File"), QStringLiteral("&Room"),
                                  QStringLiteral("&View"), QStringLiteral("&Help")}));
    QVERIFY(window.findChild<QAction*>(QStringLiteral("shortcutsAction")));
    QVERIFY(window.findChild<QAction*>(QStringLiteral("aboutAction")));
}

void TestMainWindowMenus::actionsAreNamedAndBound_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QKeySequence>("shortcut");
    QTest::newRow("settings") << "settingsAction" << QKeySequence(Qt::CTRL | Qt::Key_Comma);
    QTest::newRow("quit") << "quitAction" << QKeySequence(Qt::CTRL | Qt::Key_Q);
    QTest::newRow("join") << "joinRoomAction" << QKeySequence(Qt::CTRL | Qt::Key_K);
    QTest::newRow("leave") << "leaveRoomAction" << QKeySequence(Qt::CTRL | Qt::Key_W);
    QTest::newRow("next") << "nextRoomAction" << QKeySequence(Qt::CTRL | Qt::Key_Tab);
    QTest::newRow("previous") << "previousRoomAction"
                              << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab);
    QTest::newRow("find") << "findAction" << QKeySequence(Qt::CTRL | Qt::Key_F);
    QTest::newRow("members") << "toggleMembersAction"
                             << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M);
    QTest::newRow("shortcuts") << "shortcutsAction" << QKeySequence(QKeySequence::HelpContents);
}

void TestMainWindowMenus::actionsAreNamedAndBound()
{
    QFETCH(QString, name);
    QFETCH(QKeySequence, shortcut);
    QMainWindow window;
    MainWindowMenus menus(&window);
    const QList<QAction*> accessors{menus.settingsAction(), menus.quitAction(),
                                    menus.joinAction(),     menus.leaveAction(),
                                    menus.nextRoomAction(), menus.previousRoomAction(),
                                    menus.findAction(),     menus.membersAction()};
    auto* action = window.findChild<QAction*>(name);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), shortcut);
    if (name != QLatin1String("shortcutsAction"))
        QVERIFY(accessors.contains(action));
}

void TestMainWindowMenus::membersActionIsCheckable()
{
    QMainWindow window;
    MainWindowMenus menus(&window);
    QAction* members = menus.membersAction();
    QVERIFY(members->isCheckable());
    QVERIFY(!members->isChecked());
    QSignalSpy toggled(members, &QAction::toggled);
    members->trigger();
    QCOMPARE(toggled.count(), 1);
    QVERIFY(members->isChecked());
}

void TestMainWindowMenus::roomShortcutsWorkFromEveryWidget()
{
    QMainWindow window;
    MainWindowMenus menus(&window);
    for (QAction* action : {menus.joinAction(), menus.leaveAction(), menus.nextRoomAction(),
                            menus.previousRoomAction(), menus.findAction()})
        QCOMPARE(action->shortcutContext(), Qt::WindowShortcut);
    QCOMPARE(menus.quitAction()->shortcutContext(), Qt::ApplicationShortcut);
    QCOMPARE(menus.nextRoomAction()->shortcuts().size(), 2);
    QCOMPARE(menus.previousRoomAction()->shortcuts().size(), 3);
}

QTEST_MAIN(TestMainWindowMenus)
#include "tst_mainwindowmenus.moc"
