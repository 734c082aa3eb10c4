// UnixSignalWatcher: a POSIX signal arrives as signalReceived() on the event loop; one
// watcher per process; and once it is gone the signal's previous disposition is back.

#include "unixsignalwatcher.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

namespace {

volatile sig_atomic_t g_previousHandlerCalls = 0;

void previousHandler(int)
{
    g_previousHandlerCalls = g_previousHandlerCalls + 1;
}

/// The handler installed for @p signalNumber now.
void (*currentHandler(int signalNumber))(int)
{
    struct sigaction current = {};
    ::sigaction(signalNumber, nullptr, &current);
    return current.sa_handler;
}

} // namespace

class tst_UnixSignalWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signalArrivesOnTheEventLoop()
    {
        UnixSignalWatcher watcher;
        QVERIFY(watcher.watch(SIGUSR1));
        QVERIFY(watcher.watch(SIGUSR2));
        QSignalSpy received(&watcher, &UnixSignalWatcher::signalReceived);
        QCOMPARE(::raise(SIGUSR1), 0);
        QCOMPARE(::raise(SIGUSR2), 0);
        QCOMPARE(received.count(), 0); // not within the handler: on the event loop
        QTRY_COMPARE(received.count(), 2);
        QCOMPARE(received.at(0).at(0).toInt(), SIGUSR1);
        QCOMPARE(received.at(1).at(0).toInt(), SIGUSR2);
    }

    void secondWatcherWatchesNothing()
    {
        UnixSignalWatcher first;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("already exists")));
        UnixSignalWatcher second;
        QVERIFY(!second.watch(SIGUSR1));
        QVERIFY(first.watch(SIGUSR1));
    }

    void aNewWatcherWorksAfterTheFirstIsGone()
    {
        {
            UnixSignalWatcher first;
            QVERIFY(first.watch(SIGUSR1));
        }
        UnixSignalWatcher again;
        QVERIFY(again.watch(SIGUSR1));
        QSignalSpy received(&again, &UnixSignalWatcher::signalReceived);
        QCOMPARE(::raise(SIGUSR1), 0);
        QTRY_COMPARE(received.count(), 1);
    }

    void destructionRestoresThePreviousHandler()
    {
        struct sigaction previous = {};
        previous.sa_handler = previousHandler;
        sigemptyset(&previous.sa_mask);
        QCOMPARE(::sigaction(SIGUSR2, &previous, nullptr), 0);
        {
            UnixSignalWatcher watcher;
            QVERIFY(watcher.watch(SIGUSR2));
            QVERIFY(currentHandler(SIGUSR2) != previousHandler);
        }
        // Without this, SIGUSR2 would go to a handler writing to a closed descriptor (or
        // to whatever reuses its number) and the program's own handler would be lost.
        QVERIFY(currentHandler(SIGUSR2) == previousHandler);
        g_previousHandlerCalls = 0;
        QCOMPARE(::raise(SIGUSR2), 0);
        QCOMPARE(int(g_previousHandlerCalls), 1);
        struct sigaction defaults = {};
        defaults.sa_handler = SIG_DFL;
        ::sigaction(SIGUSR2, &defaults, nullptr);
    }

    void watchingTwiceKeepsTheFirstPreviousHandler()
    {
        struct sigaction ignore = {};
        ignore.sa_handler = SIG_IGN;
        QCOMPARE(::sigaction(SIGUSR1, &ignore, nullptr), 0);
        {
            UnixSignalWatcher watcher;
            QVERIFY(watcher.watch(SIGUSR1));
            QVERIFY(watcher.watch(SIGUSR1)); // again: must not record its own handler
        }
        QVERIFY(currentHandler(SIGUSR1) == SIG_IGN);
        struct sigaction defaults = {};
        defaults.sa_handler = SIG_DFL;
        ::sigaction(SIGUSR1, &defaults, nullptr);
    }
};

QTEST_GUILESS_MAIN(tst_UnixSignalWatcher)
#include "tst_unixsignalwatcher.moc"
