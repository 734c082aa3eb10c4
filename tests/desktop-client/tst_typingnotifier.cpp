#include "typingnotifier.h"

#include <QSignalSpy>
#include <QTest>

class TestTypingNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstEditSendsTrueOnce();
    void refreshesWhileTypingAndStopsWhenIdle();
    void stoppedSendsFalseOnceAndResetSendsNothing();
};

void TestTypingNotifier::firstEditSendsTrueOnce()
{
    TypingNotifier notifier;
    QSignalSpy sent(&notifier, &TypingNotifier::typingChanged);
    for (int i = 0; i < 20; ++i)
        notifier.edited(QStringLiteral("lobby"));
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toString(), QStringLiteral("lobby"));
    QCOMPARE(sent.at(0).at(1).toBool(), true);
    notifier.edited(QStringLiteral("qt")); // per room
    QCOMPARE(sent.count(), 2);
}

void TestTypingNotifier::refreshesWhileTypingAndStopsWhenIdle()
{
    TypingNotifier notifier;
    notifier.setIntervals(100, 400);
    QSignalSpy sent(&notifier, &TypingNotifier::typingChanged);
    notifier.edited(QStringLiteral("lobby"));
    // Keep typing past the refresh interval: true again.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            notifier.edited(QStringLiteral("lobby"));
            return sent.count() >= 2;
        }(),
        2000);
    QCOMPARE(sent.at(1).at(1).toBool(), true);
    // Then stop typing: false by itself after the idle time.
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 3, 2000);
    QCOMPARE(sent.at(2).at(1).toBool(), false);
}

void TestTypingNotifier::stoppedSendsFalseOnceAndResetSendsNothing()
{
    TypingNotifier notifier;
    QSignalSpy sent(&notifier, &TypingNotifier::typingChanged);
    notifier.stopped(QStringLiteral("lobby")); // never typed: nothing to stop
    QCOMPARE(sent.count(), 0);
    notifier.edited(QStringLiteral("lobby"));
    notifier.stopped(QStringLiteral("lobby"));
    notifier.stopped(QStringLiteral("lobby"));
    QCOMPARE(sent.count(), 2);
    QCOMPARE(sent.at(1).at(1).toBool(), false);
    notifier.edited(QStringLiteral("lobby"));
    notifier.reset();
    notifier.stopped(QStringLiteral("lobby"));
    QCOMPARE(sent.count(), 3);
}

QTEST_GUILESS_MAIN(TestTypingNotifier)
#include "tst_typingnotifier.moc"
