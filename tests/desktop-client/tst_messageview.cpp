#include "messagelistmodel.h"
#include "messageview.h"

#include <QApplication>
#include <QClipboard>
#include <QSignalSpy>
#include <QTest>

class TestMessageView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clickingALinkActivatesIt();
    void clickingAFailedMessageRetriesIt();
    void ctrlCCopiesTheMessage();
};

namespace {

ChatMessage message(qint64 seq, const QString& text)
{
    ChatMessage m;
    m.room = QStringLiteral("lobby");
    m.seq = seq;
    m.id = QStringLiteral("m_%1").arg(seq);
    m.userId = QStringLiteral("u_other");
    m.handle = QStringLiteral("Blue Heron");
    m.text = text;
    m.ts = QDateTime::currentDateTimeUtc();
    return m;
}

// The point of the first character of @p needle in row @p row, found by scanning.
QPoint pointOnLink(MessageView& view, int row)
{
    const QRect rect = view.visualRect(view.model()->index(row, 0));
    QSignalSpy spy(&view, &MessageView::linkActivated);
    for (int y = rect.top(); y < rect.bottom(); y += 2) {
        for (int x = rect.left(); x < rect.right(); x += 4) {
            QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(x, y));
            if (!spy.isEmpty())
                return QPoint(x, y);
        }
    }
    return {};
}

} // namespace

void TestMessageView::clickingALinkActivatesIt()
{
    MessageListModel model;
    model.addMessage(message(1, QStringLiteral("read https://example.org/docs please")));
    MessageView view;
    view.setModel(&model);
    view.resize(500, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy activated(&view, &MessageView::linkActivated);
    const QPoint onLink = pointOnLink(view, 0);
    QVERIFY(!onLink.isNull());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onLink);
    QVERIFY(activated.size() >= 1);
    QCOMPARE(activated.last().at(0).toUrl(), QUrl(QStringLiteral("https://example.org/docs")));
    // Plain text around the link does nothing.
    activated.clear();
    const QRect rect = view.visualRect(model.index(0));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      QPoint(rect.right() - 2, rect.bottom() - 2));
    QCOMPARE(activated.size(), 0);
}

void TestMessageView::clickingAFailedMessageRetriesIt()
{
    MessageListModel model;
    model.addPending(QStringLiteral("c-1"), QStringLiteral("mine"), QDateTime::currentDateTime());
    model.setPendingFailed(QStringLiteral("c-1"), true);
    MessageView view;
    view.setModel(&model);
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy retry(&view, &MessageView::retryRequested);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      view.visualRect(model.index(0)).center());
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.at(0).at(0).toString(), QStringLiteral("c-1"));
}

void TestMessageView::ctrlCCopiesTheMessage()
{
    MessageListModel model;
    model.addMessage(message(1, QStringLiteral("copy <me>")));
    MessageView view;
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setCurrentIndex(model.index(0));
    QApplication::clipboard()->clear();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("copy <me>"));
}

QTEST_MAIN(TestMessageView)
#include "tst_messageview.moc"
