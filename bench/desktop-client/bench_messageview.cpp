// Benchmarks of the message timeline: appending to MessageListModel (alone and with the
// view attached and laid out), a full repaint of the view, and a 100k-message room whose
// memory stays bounded by the model's window.
//
//   QT_QPA_PLATFORM=offscreen build/dev/bench/desktop-client/bench_messageview [-iterations N]
#include "messagelistmodel.h"
#include "messageview.h"

#include <QApplication>
#include <QFile>
#include <QScrollBar>
#include <QTest>

namespace {

ChatMessage message(qint64 seq)
{
    static const QStringList handles{QStringLiteral("Amber Otter"), QStringLiteral("Blue Heron"),
                                     QStringLiteral("Quiet Lynx"), QStringLiteral("Solar Fox")};
    ChatMessage m;
    m.room = QStringLiteral("lobby");
    m.seq = seq;
    m.id = QStringLiteral("m_%1").arg(seq);
    m.userId = QStringLiteral("u_%1").arg(seq % 4);
    m.handle = handles.at(int(seq % 4));
    m.text = seq % 7 == 0 ? QStringLiteral("A longer message that wraps over more than one line in "
                                           "a normal window, with a link https://example.org/%1 "
                                           "and some more words after it.")
                                .arg(seq)
                          : QStringLiteral("message number %1").arg(seq);
    m.ts = QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC).addSecs(seq * 20);
    return m;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

class BenchMessageView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendTenThousandToTheModel();
    void appendTenThousandWithTheView();
    void fullRepaint();
    void oneLiveMessageInAFullWindow();
    void hundredThousandMessagesStayBounded();
};

QList<ChatMessage> tenThousand()
{
    QList<ChatMessage> messages;
    for (qint64 seq = 1; seq <= 10000; ++seq)
        messages.append(message(seq));
    return messages;
}

void BenchMessageView::appendTenThousandToTheModel()
{
    const QList<ChatMessage> messages = tenThousand();
    QBENCHMARK
    {
        MessageListModel model;
        for (const ChatMessage& m : messages)
            model.addMessage(m);
    }
}

void BenchMessageView::appendTenThousandWithTheView()
{
    MessageView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QList<ChatMessage> messages = tenThousand();
    QBENCHMARK
    {
        MessageListModel model;
        view.setModel(&model);
        for (const ChatMessage& m : messages)
            model.addMessage(m);
        view.doItemsLayout(); // the layout the event loop would run next
        view.viewport()->repaint();
        view.setModel(nullptr);
    }
}

void BenchMessageView::fullRepaint()
{
    MessageListModel model;
    for (qint64 seq = 1; seq <= MessageListModel::DefaultMaxRows; ++seq)
        model.addMessage(message(seq));
    MessageView view;
    view.resize(800, 600);
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.doItemsLayout();
    view.scrollToBottom();
    QBENCHMARK
    {
        view.viewport()->repaint();
    }
}

void BenchMessageView::oneLiveMessageInAFullWindow()
{
    // What a busy room costs per event-loop turn: one more message, the relayout QListView
    // then runs over the whole window, and a repaint.
    MessageListModel model;
    for (qint64 seq = 1; seq <= MessageListModel::DefaultMaxRows; ++seq)
        model.addMessage(message(seq));
    MessageView view;
    view.resize(800, 600);
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.doItemsLayout();
    qint64 seq = MessageListModel::DefaultMaxRows;
    QBENCHMARK
    {
        model.addMessage(message(++seq));
        view.doItemsLayout();
        view.viewport()->repaint();
    }
}

void BenchMessageView::hundredThousandMessagesStayBounded()
{
    MessageListModel model;
    MessageView view;
    view.resize(800, 600);
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const qint64 before = residentKiB();
    QBENCHMARK_ONCE
    {
        for (qint64 seq = 1; seq <= 100000; ++seq) {
            model.addMessage(message(seq));
            if (seq % 1000 == 0)
                QCoreApplication::processEvents(); // the view lays out as it would live
        }
    }
    QCoreApplication::processEvents();
    const qint64 after = residentKiB();
    qInfo("100k messages: %d rows held (window %d), RSS %lld KiB -> %lld KiB", model.rowCount(),
          model.maxRows(), before, after);
    QVERIFY(model.rowCount() <= model.maxRows() + model.maxRows() / 10);
}

QTEST_MAIN(BenchMessageView)
#include "bench_messageview.moc"
