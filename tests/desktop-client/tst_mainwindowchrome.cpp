// The window's chrome against an in-process ChatServer (offscreen): every action and tool
// button has a text to fall back on and a tooltip, and a status-bar notice such as "the
// server is shutting down" goes away once the connection is back.
#include "chatclient.h"
#include "chatserver.h"
#include "roompickerdialog.h"
#include "roomview.h"
#include "uiharness.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

class TestMainWindowChrome : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyActionHasTextAndToolTip();
    void noticeClearsWhenTheConnectionIsBack();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ChatServer> m_server;
    std::unique_ptr<WindowUnderTest> m_ui;
};

namespace {

void fastShutdown(ServerConfig& config)
{
    config.shutdownSpreadMs = 0; // every client is told to come back in 0.5 s
    config.shutdownDrainMs = 200;
}

} // namespace

void TestMainWindowChrome::init()
{
    QVERIFY(m_dir.isValid());
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), 0, fastShutdown);
    QVERIFY(m_server);
    QFile::remove(m_dir.filePath(QStringLiteral("client.ini")));
    m_ui = std::make_unique<WindowUnderTest>(m_dir.filePath(QStringLiteral("client.ini")),
                                             m_server->port());
    QVERIFY(m_ui->start());
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
}

void TestMainWindowChrome::cleanup()
{
    m_ui.reset();
    m_server.reset();
}

void TestMainWindowChrome::everyActionHasTextAndToolTip()
{
    QVERIFY(m_ui->window->openRoomPicker());
    int actions = 0;
    for (const QAction* action : m_ui->window->findChildren<QAction*>()) {
        const auto* menu = qobject_cast<const QMenu*>(action->parent());
        if (action->isSeparator() || action->objectName().startsWith(QLatin1String("_q_")) ||
            (menu && menu->menuAction() == action && menu->title().isEmpty()))
            continue; // separators; Qt's own (line edit clear buttons, the menu bar's overflow)
        QVERIFY2(!action->text().isEmpty(), qPrintable(action->objectName()));
        QVERIFY2(!action->toolTip().isEmpty(), qPrintable(action->text()));
        ++actions;
    }
    QVERIFY(actions >= 10);
    int buttons = 0;
    for (const QToolButton* button : m_ui->window->findChildren<QToolButton*>()) {
        if (button->objectName().isEmpty() || button->objectName().startsWith(QLatin1String("qt_")))
            continue; // Qt's own (line edit clear buttons, the menu bar's overflow button)
        QVERIFY2(!button->text().isEmpty(), qPrintable(button->objectName()));
        QVERIFY2(!button->toolTip().isEmpty(), qPrintable(button->objectName()));
        ++buttons;
    }
    // The header's members button, the sidebar's "+", the find bar's three, the picker's refresh.
    QVERIFY(buttons >= 6);
    auto* members = m_ui->widget<QToolButton>("toggleMembersActionButton");
    QVERIFY(members);
    QCOMPARE(members->toolButtonStyle(), Qt::ToolButtonIconOnly); // the SVG icons draw here
}

void TestMainWindowChrome::noticeClearsWhenTheConnectionIsBack()
{
    auto* notice = m_ui->widget<QLabel>("noticeLabel");
    QVERIFY(notice);
    const quint16 port = m_server->port();
    QSignalSpy finished(m_server.get(), &ChatServer::finished);
    QElapsedTimer shown;
    m_server->shutdown();
    QTRY_VERIFY(!notice->text().isEmpty());
    shown.start();
    const QString text = notice->text();
    QTRY_VERIFY(finished.size() == 1);
    m_server.reset();

    // What the label says the moment the new session starts (the window reacts first).
    QString atSession = QStringLiteral("(no session)");
    qint64 atMs = -1;
    connect(m_ui->client.get(), &ChatClient::sessionStarted, this, [&] {
        atSession = notice->text();
        atMs = shown.elapsed();
    });
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), port, fastShutdown);
    QVERIFY(m_server);
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
    QVERIFY2(atMs >= 0 && atMs < MainWindow::NoticeMs,
             "reconnected too late to tell the clearing from the notice's own timeout");
    QCOMPARE(atSession, QString());
    QVERIFY(!text.isEmpty());
}

QTEST_MAIN(TestMainWindowChrome)
#include "tst_mainwindowchrome.moc"
