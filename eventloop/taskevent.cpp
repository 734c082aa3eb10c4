#include "taskevent.h"

#include "threadsanitizer.h"

#include <QCoreApplication>

#include <condition_variable>
#include <mutex>

namespace {

// Qt queues posted events under a QMutex inside uninstrumented QtCore, and the receiving
// thread may take an event before the dispatcher's wakeUp() (EpollEventDispatcher's own
// annotation): the task's hand-off is published here, before it is queued.
char g_handOff = 0;

} // namespace

TaskEvent::TaskEvent(std::function<void()> task)
    : QEvent(eventType())
    , m_task(std::move(task))
{}

QEvent::Type TaskEvent::eventType()
{
    static const QEvent::Type type = QEvent::Type(QEvent::registerEventType());
    return type;
}

void TaskEvent::post(QObject* receiver, std::function<void()> task)
{
    auto* event = new TaskEvent(std::move(task));
    ThreadSanitizer::release(&g_handOff);
    QCoreApplication::postEvent(receiver, event);
}

void TaskEvent::postAndWait(QObject* receiver, const std::function<void()>& task)
{
    std::mutex mutex;
    std::condition_variable ran;
    bool done = false;
    post(receiver, [&] {
        task();
        const std::lock_guard lock(mutex);
        done = true;
        ran.notify_one();
    });
    std::unique_lock lock(mutex);
    ran.wait(lock, [&] { return done; });
}

bool TaskEvent::runIf(QEvent* event)
{
    ThreadSanitizer::acquire(&g_handOff);
    if (event->type() != eventType())
        return false;
    auto* taskEvent = static_cast<TaskEvent*>(event);
    if (taskEvent->m_task)
        std::exchange(taskEvent->m_task, nullptr)();
    return true;
}
