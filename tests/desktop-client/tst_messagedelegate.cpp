#include "joinedroomdelegate.h"
#include "joinedroomsmodel.h"
#include "messagedelegate.h"
#include "messagelistmodel.h"

#include <QApplication>
#include <QListView>
#include <QTest>

class TestMessageDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textsOfEachKind();
    void markupStaysLiteral();
    void longTextWrapsToTheViewWidth();
    void findsLinks_data();
    void findsLinks();
    void dayText();
    void groupedRowsAreShorter();
    void joinedRoomIsBoldWhileUnread();
};

namespace {

ChatMessage message(qint64 seq, const QString& userId, const QString& handle, const QString& text)
{
    ChatMessage m;
    m.room = QStringLiteral("lobby");
    m.seq = seq;
    m.id = QStringLiteral("m_%1").arg(seq);
    m.userId = userId;
    m.handle = handle;
    m.text = text;
    m.ts = QDateTime(QDate(2026, 11, 21), QTime(9, 30), Qt::UTC);
    return m;
}

} // namespace

void TestMessageDelegate::textsOfEachKind()
{
    MessageListModel model;
    model.setOwnUserId(QStringLiteral("u_me"));
    model.addMessage(
        message(1, QStringLiteral("u_other"), QStringLiteral("Blue Heron"), QStringLiteral("hi")));
    model.addMessage(
        message(2, QStringLiteral("u_me"), QStringLiteral("Amber Otter"), QStringLiteral("hello")));
    PresenceEvent joined;
    joined.room = QStringLiteral("lobby");
    joined.userId = QStringLiteral("u_other");
    joined.handle = QStringLiteral("Blue Heron");
    joined.ts = QDateTime::currentDateTimeUtc();
    model.addPresence(joined);
    model.addPending(QStringLiteral("c-1"), QStringLiteral("on its way"),
                     QDateTime::currentDateTime());

    const QString time = QDateTime(QDate(2026, 11, 21), QTime(9, 30), Qt::UTC)
                             .toLocalTime()
                             .toString(QStringLiteral("HH:mm"));
    QCOMPARE(MessageDelegate::summaryText(model.index(0)),
             time + QStringLiteral(" Blue Heron: hi"));
    QCOMPARE(MessageDelegate::summaryText(model.index(1)),
             time + QStringLiteral(" Amber Otter (you): hello"));
    QVERIFY(
        MessageDelegate::headerText(model.index(2)).endsWith(QStringLiteral("Blue Heron joined")));
    QVERIFY(MessageDelegate::headerText(model.index(3)).contains(QStringLiteral("sending")));
    model.setPendingFailed(QStringLiteral("c-1"), true);
    QVERIFY(MessageDelegate::headerText(model.index(3)).contains(QStringLiteral("not sent")));
}

void TestMessageDelegate::markupStaysLiteral()
{
    MessageListModel model;
    const QString markup = QStringLiteral("<b>x</b><img src=y>");
    model.addMessage(message(1, QStringLiteral("u_other"), QStringLiteral("Blue Heron"), markup));
    QVERIFY(MessageDelegate::summaryText(model.index(0)).endsWith(markup));
    QListView view;
    view.setItemDelegate(new MessageDelegate(&view));
    view.setModel(&model);
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.grab().isNull()); // paints without interpreting anything
}

void TestMessageDelegate::longTextWrapsToTheViewWidth()
{
    MessageListModel model;
    model.addMessage(message(1, QStringLiteral("u_other"), QStringLiteral("Blue Heron"),
                             QStringLiteral("short")));
    model.addMessage(message(2, QStringLiteral("u_other"), QStringLiteral("Blue Heron"),
                             QStringLiteral("word ").repeated(200)));
    QListView view;
    MessageDelegate delegate;
    view.setItemDelegate(&delegate);
    view.setModel(&model);
    view.setResizeMode(QListView::Adjust);
    view.resize(300, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QStyleOptionViewItem option;
    option.initFrom(view.viewport());
    option.widget = &view;
    const QSize shortSize = delegate.sizeHint(option, model.index(0));
    const QSize longSize = delegate.sizeHint(option, model.index(1));
    QVERIFY(longSize.height() > 5 * shortSize.height());
    QVERIFY(longSize.width() <= view.viewport()->width());
}

void TestMessageDelegate::findsLinks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("urls");
    QTest::addColumn<QList<int>>("starts");
    QTest::newRow("none") << QStringLiteral("no links here") << QStringList{} << QList<int>{};
    QTest::newRow("https") << QStringLiteral("see https://example.org/a?b=1 now")
                           << QStringList{QStringLiteral("https://example.org/a?b=1")}
                           << QList<int>{4};
    QTest::newRow("trailing punctuation")
        << QStringLiteral("(http://example.org/x).")
        << QStringList{QStringLiteral("http://example.org/x")} << QList<int>{1};
    QTest::newRow("www") << QStringLiteral("www.example.org and https://b.example")
                         << QStringList{QStringLiteral("http://www.example.org"),
                                        QStringLiteral("https://b.example")}
                         << QList<int>{0, 20};
    QTest::newRow("not javascript")
        << QStringLiteral("javascript:alert(1) <a href=x>") << QStringList{} << QList<int>{};
}

void TestMessageDelegate::findsLinks()
{
    QFETCH(QString, text);
    QFETCH(QStringList, urls);
    QFETCH(QList<int>, starts);
    const auto links = MessageDelegate::findLinks(text);
    QStringList found;
    QList<int> foundStarts;
    for (const auto& link : links) {
        found.append(link.url.toString());
        foundStarts.append(link.start);
    }
    QCOMPARE(found, urls);
    QCOMPARE(foundStarts, starts);
}

void TestMessageDelegate::dayText()
{
    QCOMPARE(MessageDelegate::dayText(QDate::currentDate()), QStringLiteral("Today"));
    QCOMPARE(MessageDelegate::dayText(QDate::currentDate().addDays(-1)),
             QStringLiteral("Yesterday"));
    const QDate old(2020, 2, 29);
    QCOMPARE(MessageDelegate::dayText(old), QLocale().toString(old, QLocale::LongFormat));
}

void TestMessageDelegate::groupedRowsAreShorter()
{
    MessageListModel model;
    model.addMessage(
        message(1, QStringLiteral("u_other"), QStringLiteral("Blue Heron"), QStringLiteral("one")));
    model.addMessage(
        message(2, QStringLiteral("u_other"), QStringLiteral("Blue Heron"), QStringLiteral("two")));
    model.addMessage(
        message(3, QStringLiteral("u_third"), QStringLiteral("Red Fox"), QStringLiteral("three")));
    QListView view;
    MessageDelegate delegate;
    view.setItemDelegate(&delegate);
    view.setModel(&model);
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QStyleOptionViewItem option;
    option.initFrom(view.viewport());
    option.widget = &view;
    const int first = delegate.sizeHint(option, model.index(0)).height();   // day separator
    const int grouped = delegate.sizeHint(option, model.index(1)).height(); // no header
    const int other = delegate.sizeHint(option, model.index(2)).height();   // header
    QVERIFY(grouped < other);
    QVERIFY(other < first);
}

namespace {
class ExposedJoinedRoomDelegate : public JoinedRoomDelegate
{
public:
    using JoinedRoomDelegate::initStyleOption;
};
} // namespace

void TestMessageDelegate::joinedRoomIsBoldWhileUnread()
{
    JoinedRoomsModel rooms;
    rooms.addRoom(QStringLiteral("lobby"));
    rooms.addRoom(QStringLiteral("qt"));
    rooms.setJoined(QStringLiteral("lobby"), true);
    rooms.setJoined(QStringLiteral("qt"), true);
    rooms.setCurrentRoom(QStringLiteral("lobby"));
    rooms.addUnread(QStringLiteral("qt"));
    ExposedJoinedRoomDelegate delegate;
    QStyleOptionViewItem lobby;
    delegate.initStyleOption(&lobby, rooms.index(0));
    QStyleOptionViewItem qt;
    delegate.initStyleOption(&qt, rooms.index(1));
    QVERIFY(!lobby.font.bold());
    QVERIFY(qt.font.bold());
    QCOMPARE(qt.text, QStringLiteral("#qt"));
    rooms.setCurrentRoom(QStringLiteral("qt"));
    QStyleOptionViewItem read;
    delegate.initStyleOption(&read, rooms.index(1));
    QVERIFY(!read.font.bold());
}

QTEST_MAIN(TestMessageDelegate)
#include "tst_messagedelegate.moc"
