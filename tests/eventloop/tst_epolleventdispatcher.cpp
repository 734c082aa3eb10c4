// EpollEventDispatcher as the main thread's dispatcher: timers, posted events, wake-ups
// from other threads and processEvents flags (sockets: tst_epollsocketnotifiers.cpp).

#include "epolleventdispatcher.h"
#include "socketpair.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <numeric>
#include <sys/resource.h>
#include <thread>
#include <vector>

namespace {

// Timers may fire late on a loaded machine, never early; this bounds "late".
constexpr qint64 LateToleranceMs = 250;

// Records QTimerEvents (QObject::startTimer), for tests of the raw dispatcher interface.
class TimerRecorder : public QObject
{
public:
    std::vector<int> fired;
    std::function<void(int)> onTimer;

protected:
    void timerEvent(QTimerEvent* event) override
    {
        fired.push_back(event->timerId());
        if (onTimer)
            onTimer(event->timerId());
    }
};

class PingEvent : public QEvent
{
public:
    static QEvent::Type kind() { return QEvent::Type(QEvent::User + 7); }
    explicit PingEvent(int value)
        : QEvent(kind())
        , value(value)
    {}
    int value;
};

class PingReceiver : public QObject
{
public:
    std::vector<int> values;

protected:
    bool event(QEvent* event) override
    {
        if (event->type() != PingEvent::kind())
            return QObject::event(event);
        values.push_back(static_cast<PingEvent*>(event)->value);
        return true;
    }
};

EpollEventDispatcher* dispatcher()
{
    return qobject_cast<EpollEventDispatcher*>(QCoreApplication::eventDispatcher());
}

} // namespace

class tst_EpollEventDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isInstalled();
    void singleShotTimerFiresOnTime_data();
    void singleShotTimerFiresOnTime();
    void timersFireInDeadlineOrder();
    void repeatingTimerKeepsItsPace();
    void zeroTimerRunsEveryTurnWithoutStarvingSockets();
    void timerStoppedOrDeletedInsideItsEvent();
    void nestedLoopInsideTimerDoesNotReenterIt();
    void registeredTimersAndRemainingTime();
    void coarseTimersStayWithinFivePercent();
    void postedEventsAndDeleteLater();
    void wakeUpFromAnotherThread();
    void queuedCallFromAnotherThread();
    void interruptFromAnotherThread();
    void processEventsWithoutWaitReturns();
};

void tst_EpollEventDispatcher::isInstalled()
{
    QVERIFY(dispatcher());
    QCOMPARE(QThread::currentThread()->eventDispatcher(), dispatcher());
}

void tst_EpollEventDispatcher::singleShotTimerFiresOnTime_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<Qt::TimerType>("type");
    QTest::newRow("precise 1") << 1 << Qt::PreciseTimer;
    QTest::newRow("precise 50") << 50 << Qt::PreciseTimer;
    QTest::newRow("coarse 10 (precise below 20)") << 10 << Qt::CoarseTimer;
    QTest::newRow("coarse 200") << 200 << Qt::CoarseTimer;
}

void tst_EpollEventDispatcher::singleShotTimerFiresOnTime()
{
    QFETCH(int, intervalMs);
    QFETCH(Qt::TimerType, type);
    QElapsedTimer clock;
    qint64 firedAfter = -1;
    int count = 0;
    clock.start();
    QTimer::singleShot(intervalMs, type, this, [&] {
        firedAfter = clock.elapsed();
        ++count;
    });
    QTRY_COMPARE(count, 1);
    // Coarse timers may fire up to 5% early.
    const qint64 earliest = type == Qt::CoarseTimer ? intervalMs * 95 / 100 : intervalMs;
    QVERIFY2(firedAfter >= earliest, qPrintable(QString::number(firedAfter)));
    QVERIFY2(firedAfter <= intervalMs + LateToleranceMs, qPrintable(QString::number(firedAfter)));
    // Single-shot: nothing more after another full interval.
    QTest::qWait(intervalMs + 20);
    QCOMPARE(count, 1);
}

void tst_EpollEventDispatcher::timersFireInDeadlineOrder()
{
    std::vector<int> order;
    for (int ms : {40, 10, 30, 0, 20})
        QTimer::singleShot(ms, Qt::PreciseTimer, this, [&order, ms] { order.push_back(ms); });
    QTRY_COMPARE(order.size(), size_t(5));
    QCOMPARE(order, (std::vector<int>{0, 10, 20, 30, 40}));
}

void tst_EpollEventDispatcher::repeatingTimerKeepsItsPace()
{
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(20);
    QElapsedTimer clock;
    std::vector<qint64> ticks;
    connect(&timer, &QTimer::timeout, this, [&] {
        ticks.push_back(clock.elapsed());
        if (ticks.size() == 10)
            timer.stop();
    });
    clock.start();
    timer.start();
    QTRY_COMPARE(ticks.size(), size_t(10));
    for (size_t i = 0; i < ticks.size(); ++i)
        QVERIFY2(ticks[i] >= qint64(20 * (i + 1)), qPrintable(QString::number(ticks[i])));
    // Phase is kept: ten ticks take about 200 ms, not ten times (20 ms + lateness).
    QVERIFY2(ticks.back() <= 200 + LateToleranceMs, qPrintable(QString::number(ticks.back())));
    QVERIFY(!timer.isActive());
}

void tst_EpollEventDispatcher::zeroTimerRunsEveryTurnWithoutStarvingSockets()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    int reads = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        pair.drain();
        ++reads;
    });
    int zeroTicks = 0;
    QTimer zero;
    zero.setInterval(0);
    connect(&zero, &QTimer::timeout, this, [&] { ++zeroTicks; });
    zero.start();
    QTRY_VERIFY(zeroTicks > 100);
    pair.send();
    QTRY_COMPARE(reads, 1);
    const int before = zeroTicks;
    QTRY_VERIFY(zeroTicks > before + 100);
}

void tst_EpollEventDispatcher::timerStoppedOrDeletedInsideItsEvent()
{
    // A repeating timer that kills itself on its third tick never ticks again.
    TimerRecorder recorder;
    int id = 0;
    recorder.onTimer = [&](int timerId) {
        if (recorder.fired.size() == 3)
            recorder.killTimer(timerId);
    };
    id = recorder.startTimer(1, Qt::PreciseTimer);
    QVERIFY(id > 0);
    QTRY_COMPARE(recorder.fired.size(), size_t(3));
    QTest::qWait(30);
    QCOMPARE(recorder.fired.size(), size_t(3));
    QCOMPARE(dispatcher()->remainingTime(id), -1);

    // An object deleted inside its own timer event, while another due timer waits.
    auto* doomed = new TimerRecorder;
    QPointer<TimerRecorder> guard(doomed);
    TimerRecorder survivor;
    doomed->onTimer = [doomed](int) {
        delete doomed;
    };
    doomed->startTimer(0);
    survivor.startTimer(0);
    QTRY_VERIFY(guard.isNull());
    QTRY_VERIFY(survivor.fired.size() >= 2);
}

void tst_EpollEventDispatcher::nestedLoopInsideTimerDoesNotReenterIt()
{
    TimerRecorder outer;
    int otherTicks = 0;
    int depth = 0;
    int maxDepth = 0;
    QTimer other;
    other.setInterval(1);
    connect(&other, &QTimer::timeout, this, [&] { ++otherTicks; });
    outer.onTimer = [&](int timerId) {
        ++depth;
        maxDepth = std::max(maxDepth, depth);
        if (outer.fired.size() == 1) {
            // A nested loop inside the timer event: the other timer runs, this one waits.
            other.start();
            QEventLoop loop;
            QTimer::singleShot(60, &loop, &QEventLoop::quit);
            loop.exec();
            other.stop();
        } else {
            outer.killTimer(timerId);
        }
        --depth;
    };
    outer.startTimer(0);
    QTRY_COMPARE(outer.fired.size(), size_t(2));
    QCOMPARE(maxDepth, 1);
    QVERIFY(otherTicks > 5);
}

void tst_EpollEventDispatcher::registeredTimersAndRemainingTime()
{
    TimerRecorder object;
    const int precise = object.startTimer(1000, Qt::PreciseTimer);
    const int veryCoarse = object.startTimer(2400, Qt::VeryCoarseTimer);
    auto timers = dispatcher()->registeredTimers(&object);
    QCOMPARE(timers.size(), 2);
    if (timers[0].timerId != precise)
        std::swap(timers[0], timers[1]);
    QCOMPARE(timers[0].timerId, precise);
    QCOMPARE(timers[0].interval, 1000);
    QCOMPARE(timers[0].timerType, Qt::PreciseTimer);
    QCOMPARE(timers[1].timerId, veryCoarse);
    QCOMPARE(timers[1].interval, 2000); // whole seconds
    QCOMPARE(timers[1].timerType, Qt::VeryCoarseTimer);

    const int left = dispatcher()->remainingTime(precise);
    QVERIFY2(left > 1000 - LateToleranceMs && left <= 1000, qPrintable(QString::number(left)));
    const int coarseLeft = dispatcher()->remainingTime(veryCoarse);
    QVERIFY2(coarseLeft > 1000 && coarseLeft <= 3000, qPrintable(QString::number(coarseLeft)));

    object.killTimer(precise);
    QCOMPARE(dispatcher()->remainingTime(precise), -1);
    QCOMPARE(dispatcher()->registeredTimers(&object).size(), 1);
    QVERIFY(dispatcher()->unregisterTimers(&object));
    QVERIFY(dispatcher()->registeredTimers(&object).isEmpty());
    QVERIFY(!dispatcher()->unregisterTimers(&object));
}

void tst_EpollEventDispatcher::coarseTimersStayWithinFivePercent()
{
    QElapsedTimer clock;
    std::vector<qint64> fired;
    clock.start();
    for (int ms : {100, 130, 170})
        QTimer::singleShot(ms, Qt::CoarseTimer, this,
                           [&fired, &clock, ms] { fired.push_back(clock.elapsed() - ms); });
    QTRY_COMPARE(fired.size(), size_t(3));
    for (qint64 offset : fired)
        QVERIFY2(offset >= -9 && offset <= LateToleranceMs, qPrintable(QString::number(offset)));
}

void tst_EpollEventDispatcher::postedEventsAndDeleteLater()
{
    PingReceiver receiver;
    for (int i = 0; i < 100; ++i)
        QCoreApplication::postEvent(&receiver, new PingEvent(i));
    std::vector<int> expected(100);
    std::iota(expected.begin(), expected.end(), 0);
    QTRY_COMPARE(receiver.values, expected);

    int queued = 0;
    QMetaObject::invokeMethod(
        this, [&queued] { ++queued; }, Qt::QueuedConnection);
    QCOMPARE(queued, 0);
    QTRY_COMPARE(queued, 1);

    auto* object = new QObject;
    QSignalSpy destroyed(object, &QObject::destroyed);
    object->deleteLater();
    QTRY_COMPARE(destroyed.count(), 1);
}

void tst_EpollEventDispatcher::wakeUpFromAnotherThread()
{
    // No timers, no sockets: only the wake-up can end this wait.
    // (A fallback timer ends the wait if the wake-up is lost; the test then fails.)
    std::atomic<bool> woke{false};
    QTimer fallback;
    fallback.setSingleShot(true);
    fallback.start(10000);
    std::thread waker([&] {
        QThread::msleep(50); // lets the main thread block first; not a synchronisation
        woke = true;
        dispatcher()->wakeUp();
    });
    while (!woke.load() && fallback.isActive())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    waker.join();
    QVERIFY(fallback.isActive());
}

void tst_EpollEventDispatcher::queuedCallFromAnotherThread()
{
    int calls = 0;
    std::thread poster([this, &calls] {
        for (int i = 0; i < 1000; ++i)
            QMetaObject::invokeMethod(
                this, [&calls] { ++calls; }, Qt::QueuedConnection);
    });
    QTRY_COMPARE(calls, 1000);
    poster.join();
}

void tst_EpollEventDispatcher::interruptFromAnotherThread()
{
    // interrupt() ends a blocking processEvents() (a fallback timer bounds the test).
    QTimer fallback;
    fallback.setSingleShot(true);
    fallback.start(10000);
    std::atomic<bool> interrupted{false};
    std::thread interrupter([&interrupted] {
        QThread::msleep(50); // lets the main thread block first; not a synchronisation
        interrupted = true;
        dispatcher()->interrupt();
    });
    while (!interrupted.load() && fallback.isActive())
        dispatcher()->processEvents(QEventLoop::WaitForMoreEvents);
    interrupter.join();
    QVERIFY(fallback.isActive());

    // QEventLoop::exit() interrupts the dispatcher too; here quit() arrives from another
    // thread as a queued call.
    QEventLoop loop;
    QTimer::singleShot(10000, &loop, [&loop] { loop.exit(1); });
    std::thread quitter(
        [&loop] { QMetaObject::invokeMethod(&loop, "quit", Qt::QueuedConnection); });
    QCOMPARE(loop.exec(), 0);
    quitter.join();
}

void tst_EpollEventDispatcher::processEventsWithoutWaitReturns()
{
    // Nothing pending: returns at once (no socket, timer or posted event keeps it).
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 100; ++i)
        dispatcher()->processEvents(QEventLoop::AllEvents);
    QVERIFY(clock.elapsed() < 1000);
}

int main(int argc, char* argv[])
{
    // thousandsOfNotifiers needs more than the usual 1024 descriptors.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    // The dispatcher under test must exist before the application object.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    tst_EpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
