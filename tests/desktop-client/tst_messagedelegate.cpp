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

QTEST_MAIN(TestMessageDelegate)
#include "tst_messagedelegate.moc"
