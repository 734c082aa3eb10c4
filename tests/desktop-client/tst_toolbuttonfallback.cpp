// ToolButtonFallback: an icon that cannot be drawn makes the button show its text.
#include "toolbuttonfallback.h"

#include <QIcon>
#include <QTest>
#include <QToolButton>

class TestToolButtonFallback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drawableIconStaysIconOnly();
    void missingIconShowsTheText();
};

void TestToolButtonFallback::drawableIconStaysIconOnly()
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::red);
    QToolButton button;
    button.setText(QStringLiteral("Members"));
    button.setIcon(QIcon(pixmap));
    QVERIFY(ToolButtonFallback::canDraw(button.icon()));
    ToolButtonFallback::apply(&button);
    QCOMPARE(button.toolButtonStyle(), Qt::ToolButtonIconOnly);
}

void TestToolButtonFallback::missingIconShowsTheText()
{
    // A file that is not there and a theme name no theme has: both "non-null" engines or
    // null icons that draw nothing.
    for (const QIcon& icon : {QIcon(QStringLiteral(":/no/such/icon.svg")),
                              QIcon::fromTheme(QStringLiteral("no-such-icon-anywhere")), QIcon()}) {
        QToolButton button;
        button.setText(QStringLiteral("Members"));
        button.setIcon(icon);
        QVERIFY(!ToolButtonFallback::canDraw(icon));
        ToolButtonFallback::apply(&button);
        QCOMPARE(button.toolButtonStyle(), Qt::ToolButtonTextOnly);
    }
}

QTEST_MAIN(TestToolButtonFallback)
#include "tst_toolbuttonfallback.moc"
