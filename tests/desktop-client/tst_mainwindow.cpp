// UI automation of the real MainWindow against an in-process ChatServer (offscreen): the
// room picker, keyboard navigation, unread counts, typing, literal text, delivery states,
// find, the counter and settings that survive a restart of the window.
#include "chatclient.h"
#include "chatserver.h"
#include "desktopnotifier.h"
#include "joinedroomsmodel.h"
#include "messagedelegate.h"
#include "messageinput.h"
#include "messagelistmodel.h"
#include "messageview.h"
#include "roompickerdialog.h"
#include "roomview.h"
#include "settingsdialog.h"
#include "uiharness.h"

#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Delivery = MessageListModel::Delivery;

int rowsWithText(const QAbstractItemModel* model, const QString& text)
{
    int found = 0;
    for (int row = 0; model && row < model->rowCount(); ++row)
        found += model->index(row, 0).data(MessageListModel::TextRole).toString() == text;
    return found;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void joinViaThePicker();
    void pickerExplainsInvalidNames();
    void switchRoomsWithTheKeyboard();
    void unreadCountsRiseAndClear();
    void typingIndicatorAppearsAndDisappears();
    void markupShowsLiterally();
    void pendingThenDelivered();
    void memberListAndHeader();
    void findInRoom();
    void counterNearTheLimit();
    void notificationsForOtherRooms();
    void settingsPersistAcrossRestart();
    void everyInteractiveWidgetHasAnAccessibleName();
    void ctrlQQuits();

private:
    bool joinThroughPicker(const QString& typed);

    QTemporaryDir m_dir;
    std::unique_ptr<ChatServer> m_server;
    std::unique_ptr<WindowUnderTest> m_ui;
};

void TestMainWindow::init()
{
    QVERIFY(m_dir.isValid());
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), 0);
    QVERIFY(m_server);
    QFile::remove(m_dir.filePath(QStringLiteral("client.ini")));
    m_ui = std::make_unique<WindowUnderTest>(m_dir.filePath(QStringLiteral("client.ini")),
                                             m_server->port());
    QVERIFY(m_ui->start());
    QTRY_VERIFY(m_ui->client->isReady());
}

void TestMainWindow::cleanup()
{
    m_ui.reset();
    m_server.reset();
}

bool TestMainWindow::joinThroughPicker(const QString& typed)
{
    // Offscreen has no window manager to give the focus back after a dialog.
    m_ui->window->activateWindow();
    if (!QTest::qWaitFor([this] { return m_ui->window->isActiveWindow(); }))
        return false;
    QTest::keyClick(m_ui->window.get(), Qt::Key_K, Qt::ControlModifier);
    auto* picker = m_ui->window->findChild<RoomPickerDialog*>();
    if (!picker || !QTest::qWaitForWindowExposed(picker))
        return false;
    auto* filter = picker->findChild<QLineEdit*>(QStringLiteral("roomFilterEdit"));
    QTest::keyClicks(filter, typed);
    QTest::keyClick(filter, Qt::Key_Return);
    return QTest::qWaitFor([picker = QPointer(picker)] { return !picker; });
}

void TestMainWindow::joinViaThePicker()
{
    // Another user made room "qt" with a message: the picker lists it with its members.
    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("qt")));
    QVERIFY(other.say(QStringLiteral("qt"), QStringLiteral("anyone?")));

    QTest::keyClick(m_ui->window.get(), Qt::Key_K, Qt::ControlModifier);
    auto* picker = m_ui->window->findChild<RoomPickerDialog*>();
    QVERIFY(picker);
    QVERIFY(QTest::qWaitForWindowExposed(picker));
    auto* list = picker->findChild<QListWidget*>(QStringLiteral("roomsList"));
    auto* filter = picker->findChild<QLineEdit*>(QStringLiteral("roomFilterEdit"));
    QVERIFY(list && filter);
    QTRY_COMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("#qt"));
    QVERIFY(list->item(0)->toolTip().contains(QStringLiteral("1 member")));
    QVERIFY(list->item(0)->toolTip().contains(QStringLiteral("active just now")));

    // Typing filters; a name that is not listed is offered as a new room, first.
    QTest::keyClicks(filter, QStringLiteral("Q"));
    QCOMPARE(list->count(), 2);
    QVERIFY(list->item(0)->data(RoomPickerDialog::NewRoomRole).toBool());
    QCOMPARE(picker->selectedRoom(), QStringLiteral("q"));
    QTest::keyClicks(filter, QStringLiteral("T"));
    QCOMPARE(list->count(), 1);
    QCOMPARE(picker->selectedRoom(), QStringLiteral("qt")); // the listed room, canonical
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY(!m_ui->window->findChild<RoomPickerDialog*>());
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("qt"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("qt")));
    QTRY_COMPARE(
        rowsWithText(m_ui->window->roomView()->messageView()->model(), QStringLiteral("anyone?")),
        1);

    // A brand-new room by name; Esc closes the picker without joining.
    QVERIFY(joinThroughPicker(QStringLiteral("Lobby")));
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
    m_ui->window->activateWindow();
    QTRY_VERIFY(m_ui->window->isActiveWindow());
    QTest::keyClick(m_ui->window.get(), Qt::Key_K, Qt::ControlModifier);
    picker = m_ui->window->findChild<RoomPickerDialog*>();
    QVERIFY(picker);
    QTest::keyClick(picker, Qt::Key_Escape);
    QTRY_VERIFY(!m_ui->window->findChild<RoomPickerDialog*>());
    QCOMPARE(m_ui->client->joinedRoomNames(),
             (QStringList{QStringLiteral("qt"), QStringLiteral("lobby")}));
}

void TestMainWindow::pickerExplainsInvalidNames()
{
    auto* picker = m_ui->window->openRoomPicker();
    auto* filter = picker->findChild<QLineEdit*>(QStringLiteral("roomFilterEdit"));
    auto* hint = picker->findChild<QLabel*>(QStringLiteral("roomNameHint"));
    auto* join = picker->findChild<QPushButton*>(QStringLiteral("joinRoomButton"));
    QVERIFY(filter && hint && join);
    QVERIFY(!hint->isVisible());
    QTest::keyClicks(filter, QStringLiteral("no spaces"));
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QStringLiteral("letters")));
    QVERIFY(!join->isEnabled());
    QTest::keyClick(filter, Qt::Key_Return);
    QVERIFY(picker->isVisible());
    QCOMPARE(m_ui->client->joinedRoomNames().size(), 0);
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("x").repeated(65));
    QVERIFY(hint->isVisible());
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("fine"));
    QVERIFY(!hint->isVisible());
    QVERIFY(join->isEnabled());
}

void TestMainWindow::switchRoomsWithTheKeyboard()
{
    for (const char* room : {"one", "two", "three"})
        m_ui->window->joinAndShowRoom(QLatin1String(room));
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("three"));
    auto* input = m_ui->widget<MessageInput>("messageInput");
    QVERIFY(input);
    QTRY_VERIFY(input->hasFocus() || QApplication::focusWidget() == input);
    QTest::keyClick(input, Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("one")); // wraps around
    QTest::keyClick(input, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("two"));
    QTest::keyClick(input, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("one"));
    QTest::keyClick(input, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("three"));
    // The sidebar follows.
    auto* joined = m_ui->widget<QListView>("joinedRoomsList");
    QCOMPARE(joined->currentIndex().data(JoinedRoomsModel::NameRole).toString(),
             QStringLiteral("three"));
    // Ctrl+W leaves the room shown and shows a neighbour.
    QTest::keyClick(m_ui->window.get(), Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(m_ui->client->joinedRoomNames(),
             (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("two"));
}

void TestMainWindow::unreadCountsRiseAndClear()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("quiet"));
    m_ui->window->joinAndShowRoom(QStringLiteral("busy"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("quiet")) && m_ui->isJoined(QStringLiteral("busy")));
    m_ui->window->showRoom(QStringLiteral("quiet"));
    JoinedRoomsModel* rooms = m_ui->client->joinedRooms();
    const QModelIndex busy = rooms->index(rooms->rowOf(QStringLiteral("busy")));

    // Someone joins (a join line never counts) and writes twice.
    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("busy")));
    QVERIFY(other.say(QStringLiteral("busy"), QStringLiteral("one")));
    QVERIFY(other.say(QStringLiteral("busy"), QStringLiteral("two")));
    QTRY_COMPARE(busy.data(JoinedRoomsModel::UnreadCountRole).toInt(), 2);
    QVERIFY(m_ui->window->windowTitle().startsWith(QStringLiteral("(2) ")));
    // Our own messages and the room shown never count; showing the room clears it.
    QTest::keyClick(m_ui->window.get(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("busy"));
    QCOMPARE(busy.data(JoinedRoomsModel::UnreadCountRole).toInt(), 0);
    QVERIFY(!m_ui->window->windowTitle().startsWith(QLatin1Char('(')));
    QVERIFY(other.say(QStringLiteral("busy"), QStringLiteral("three")));
    QTRY_COMPARE(
        rowsWithText(m_ui->client->messages(QStringLiteral("busy")), QStringLiteral("three")), 1);
    QCOMPARE(busy.data(JoinedRoomsModel::UnreadCountRole).toInt(), 0);
}

void TestMainWindow::typingIndicatorAppearsAndDisappears()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("lobby")));
    auto* typing = m_ui->widget<QLabel>("typingLabel");
    QVERIFY(typing);
    QVERIFY(typing->text().isEmpty());

    other.client.setTyping(QStringLiteral("lobby"), true);
    const QString handle = other.client.session().handle;
    QTRY_COMPARE(typing->text(), handle + QStringLiteral(" is typing…"));
    other.client.setTyping(QStringLiteral("lobby"), false);
    QTRY_VERIFY(typing->text().isEmpty());

    // A message from them ends their typing too.
    other.client.setTyping(QStringLiteral("lobby"), true);
    QTRY_VERIFY(!typing->text().isEmpty());
    QVERIFY(other.say(QStringLiteral("lobby"), QStringLiteral("done")));
    QTRY_VERIFY(typing->text().isEmpty());

    // And we tell them when we type.
    auto* input = m_ui->widget<MessageInput>("messageInput");
    QTest::keyClicks(input, QStringLiteral("hel"));
    QTRY_COMPARE(other.client.typingMembers(QStringLiteral("lobby")).size(), 1);
    QCOMPARE(other.client.typingMembers(QStringLiteral("lobby")).first().userId,
             m_ui->client->session().userId);
    input->clear();
    QTRY_VERIFY(other.client.typingMembers(QStringLiteral("lobby")).isEmpty());
}

void TestMainWindow::markupShowsLiterally()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("lobby")));
    const QString markup = QStringLiteral("<b>x</b><img src=y>");
    QVERIFY(other.say(QStringLiteral("lobby"), markup));
    MessageView* view = m_ui->window->roomView()->messageView();
    QTRY_COMPARE(rowsWithText(view->model(), markup), 1);
    const QModelIndex row = view->model()->index(view->model()->rowCount() - 1, 0);
    QVERIFY(MessageDelegate::summaryText(row).endsWith(QStringLiteral(": ") + markup));
    QVERIFY(!view->visualRect(row).isEmpty());
    QVERIFY(!view->grab().isNull()); // painted as plain text, nothing fetched or interpreted
    // No label in the window shows it as rich text either.
    for (const QLabel* label : m_ui->window->findChildren<QLabel*>())
        QVERIFY(!label->text().contains(markup) || label->textFormat() == Qt::PlainText);
}

void TestMainWindow::pendingThenDelivered()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
    auto* input = m_ui->widget<MessageInput>("messageInput");
    QTest::keyClicks(input, QStringLiteral("first line"));
    QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier); // a new line, not a send
    QTest::keyClicks(input, QStringLiteral("second line"));
    QCOMPARE(input->text(), QStringLiteral("first line\nsecond line"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(input->text().isEmpty());

    const QAbstractItemModel* model = m_ui->window->roomView()->messageView()->model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex row = model->index(0, 0);
    QCOMPARE(row.data(MessageListModel::DeliveryRole).value<Delivery>(), Delivery::Pending);
    QVERIFY(MessageDelegate::headerText(row).endsWith(QStringLiteral("sending…")));
    QTRY_COMPARE(model->index(0, 0).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Delivered);
    const QModelIndex stored = model->index(0, 0);
    QCOMPARE(stored.data(MessageListModel::TextRole).toString(),
             QStringLiteral("first line\nsecond line"));
    QCOMPARE(stored.data(MessageListModel::SeqRole).toLongLong(), 1);
    QCOMPARE(MessageDelegate::headerText(stored),
             m_ui->client->session().handle + QStringLiteral(" (you)"));
    QVERIFY(!stored.data(Qt::ToolTipRole).toString().isEmpty()); // the full timestamp
}

void TestMainWindow::memberListAndHeader()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
    auto* members = m_ui->widget<QListWidget>("memberList");
    auto* header = m_ui->widget<QLabel>("roomHeader");
    auto* count = m_ui->widget<QLabel>("memberCountLabel");
    QVERIFY(members && header && count);
    QCOMPARE(header->text(), QStringLiteral("#lobby"));
    QTRY_COMPARE(members->count(), 1);
    QCOMPARE(members->item(0)->text(), m_ui->client->session().handle + QStringLiteral(" (you)"));

    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("lobby")));
    QTRY_COMPARE(members->count(), 2);
    QVERIFY(count->text().startsWith(QStringLiteral("2 ")));
    other.client.leaveRoom(QStringLiteral("lobby"));
    QTRY_COMPARE(members->count(), 1);

    // The member list is toggleable (Ctrl+Shift+M).
    QVERIFY(members->isVisible());
    QTest::keyClick(m_ui->window.get(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!members->isVisible());
    QTest::keyClick(m_ui->window.get(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(members->isVisible());
}

void TestMainWindow::findInRoom()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("lobby")));
    for (const char* text : {"apples", "pears", "more apples", "plums"})
        QVERIFY(other.say(QStringLiteral("lobby"), QLatin1String(text)));
    MessageView* view = m_ui->window->roomView()->messageView();
    QTRY_COMPARE(rowsWithText(view->model(), QStringLiteral("plums")), 1);

    QTest::keyClick(m_ui->window.get(), Qt::Key_F, Qt::ControlModifier);
    auto* find = m_ui->widget<QLineEdit>("findEdit");
    QVERIFY(find && find->isVisible());
    QTRY_VERIFY(find->hasFocus());
    QTest::keyClicks(find, QStringLiteral("APPLE"));
    QCOMPARE(view->currentIndex().data(MessageListModel::TextRole).toString(),
             QStringLiteral("more apples")); // the newest match first
    QTest::keyClick(find, Qt::Key_Return);
    QCOMPARE(view->currentIndex().data(MessageListModel::TextRole).toString(),
             QStringLiteral("apples"));
    QTest::keyClicks(find, QStringLiteral("x"));
    QCOMPARE(m_ui->widget<QLabel>("findStatus")->text(), QStringLiteral("Not found"));
    QTest::keyClick(find, Qt::Key_Escape);
    QVERIFY(!find->isVisible());
}

void TestMainWindow::counterNearTheLimit()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    auto* input = m_ui->widget<MessageInput>("messageInput");
    auto* counter = m_ui->widget<QLabel>("charCounter");
    auto* send = m_ui->widget<QPushButton>("sendButton");
    QVERIFY(input && counter && send);
    QVERIFY(!counter->isVisible());
    input->setPlainText(QStringLiteral("a").repeated(3600));
    QVERIFY(counter->isVisible());
    QCOMPARE(counter->text(), QStringLiteral("3600/4000"));
    QVERIFY(send->isEnabled());
    // Code points, not UTF-16 units: 4001 emoji are over the limit.
    input->setPlainText(QString::fromUtf8("\xF0\x9F\x98\x80").repeated(4001));
    QCOMPARE(counter->text(), QStringLiteral("4001/4000"));
    QVERIFY(!send->isEnabled());
    input->clear();
    QVERIFY(!counter->isVisible());
}

void TestMainWindow::notificationsForOtherRooms()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("elsewhere"));
    m_ui->window->joinAndShowRoom(QStringLiteral("here"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("elsewhere")) &&
                m_ui->isJoined(QStringLiteral("here")));
    m_ui->window->activateWindow();
    QTRY_VERIFY(m_ui->window->isActiveWindow());
    QSignalSpy notified(m_ui->window->notifier(), &DesktopNotifier::notified);
    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("elsewhere")));
    QVERIFY(other.join(QStringLiteral("here")));
    QVERIFY(other.say(QStringLiteral("here"), QStringLiteral("seen in the window")));
    QVERIFY(other.say(QStringLiteral("elsewhere"), QStringLiteral("<i>ping</i>")));
    QTRY_COMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("elsewhere"));
    QCOMPARE(notified.at(0).at(2).toString(), QStringLiteral("<i>ping</i>"));
    // Turned off in the settings: nothing.
    m_ui->settings->setNotificationsEnabled(false);
    QVERIFY(other.say(QStringLiteral("elsewhere"), QStringLiteral("quiet")));
    QTRY_COMPARE(
        rowsWithText(m_ui->client->messages(QStringLiteral("elsewhere")), QStringLiteral("quiet")),
        1);
    QCOMPARE(notified.size(), 1);
}

void TestMainWindow::settingsPersistAcrossRestart()
{
    for (const char* room : {"alpha", "beta", "gamma"})
        m_ui->window->joinAndShowRoom(QLatin1String(room));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("gamma")));
    m_ui->window->showRoom(QStringLiteral("beta"));
    const QString userId = m_ui->client->session().userId;
    m_ui->window->resize(900, 600);

    // Change settings through the dialog (Ctrl+,) and hide the member list.
    QTest::keyClick(m_ui->window.get(), Qt::Key_Comma, Qt::ControlModifier);
    auto* dialog = m_ui->window->findChild<SettingsDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* notifications = dialog->findChild<QCheckBox*>(QStringLiteral("notificationsCheck"));
    auto* theme = dialog->findChild<QComboBox*>(QStringLiteral("themeCombo"));
    auto* font = dialog->findChild<QSpinBox*>(QStringLiteral("fontSizeSpin"));
    QVERIFY(notifications && theme && font);
    QVERIFY(notifications->isChecked());
    notifications->setChecked(false);
    theme->setCurrentIndex(theme->findData(int(ClientSettings::Theme::Dark)));
    font->setValue(13);
    QTest::keyClick(dialog, Qt::Key_Return);
    QTRY_VERIFY(!m_ui->window->findChild<SettingsDialog*>());
    m_ui->window->activateWindow();
    QTRY_VERIFY(m_ui->window->isActiveWindow());
    QTest::keyClick(m_ui->window.get(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!m_ui->widget<QListWidget>("memberList")->isVisible());
    const QSize size = m_ui->window->size();
    m_ui->window->close(); // saves

    // "Restart": a new window, session and connection on the same settings file.
    const QString ini = m_dir.filePath(QStringLiteral("client.ini"));
    m_ui.reset();
    m_ui = std::make_unique<WindowUnderTest>(ini, m_server->port());
    QVERIFY(m_ui->start());
    QTRY_VERIFY(m_ui->client->isReady());
    QCOMPARE(m_ui->client->session().userId, userId); // kept identity
    QVERIFY(m_ui->client->session().resumed);
    QCOMPARE(
        m_ui->client->joinedRoomNames(),
        (QStringList{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}));
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("beta"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("beta")));
    QCOMPARE(m_ui->window->size(), size);
    QVERIFY(!m_ui->widget<QListWidget>("memberList")->isVisible());
    QVERIFY(!m_ui->settings->notificationsEnabled());
    QCOMPARE(m_ui->settings->theme(), ClientSettings::Theme::Dark);
    QCOMPARE(m_ui->settings->fontPointSize(), 13);
    auto* reopened = m_ui->window->openSettings();
    QCOMPARE(reopened->findChild<QComboBox*>(QStringLiteral("themeCombo"))->currentData().toInt(),
             int(ClientSettings::Theme::Dark));
    QCOMPARE(reopened->findChild<QSpinBox*>(QStringLiteral("fontSizeSpin"))->value(), 13);
    QTest::keyClick(reopened, Qt::Key_Escape);
    QTRY_VERIFY(!m_ui->window->findChild<SettingsDialog*>());
}

void TestMainWindow::everyInteractiveWidgetHasAnAccessibleName()
{
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    m_ui->window->roomView()->startFind();
    QList<QWidget*> tops{m_ui->window.get(), m_ui->window->openRoomPicker(),
                         m_ui->window->openSettings()};
    int checked = 0;
    for (QWidget* top : tops) {
        QVERIFY(QTest::qWaitForWindowExposed(top));
        for (QWidget* widget : top->findChildren<QWidget*>()) {
            // Interactive: reachable with the keyboard and shown. Scroll bars and the
            // internal parts of composite widgets (a spin box's line edit) inherit a name.
            if (!(widget->focusPolicy() & Qt::TabFocus) || !widget->isVisibleTo(top) ||
                qobject_cast<QScrollBar*>(widget) ||
                qobject_cast<QAbstractSpinBox*>(widget->parentWidget()) ||
                qobject_cast<QComboBox*>(widget->parentWidget()))
                continue;
            QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
            QVERIFY(accessible);
            ++checked;
            QVERIFY2(!accessible->text(QAccessible::Name).isEmpty(),
                     qPrintable(QStringLiteral("%1 (%2) has no accessible name")
                                    .arg(widget->objectName(),
                                         QString::fromLatin1(widget->metaObject()->className()))));
        }
    }
    QVERIFY2(checked >= 20, qPrintable(QString::number(checked))); // the list, input, buttons…
}

void TestMainWindow::ctrlQQuits()
{
    QVERIFY(m_ui->window->isVisible());
    QTest::keyClick(m_ui->window.get(), Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!m_ui->window->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
