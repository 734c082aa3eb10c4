#pragma once

#include <QEvent>

#include <functional>

class QObject;

/**
 * A task run by the thread of the object it is posted to (QCoreApplication::postEvent()),
 * for the hand-offs between the server's threads and the main thread (IoWorker and
 * IoWorkerPool in server/net, SqliteMessageStore and its worker in server/storage).
 * Unlike QMetaObject::invokeMethod() with a functor, nothing is shared between the threads
 * but the event itself, which the receiving thread owns once it is posted: the functor's
 * slot object, whose reference count Qt drops inside (uninstrumented) QtCore, was a data
 * race as ThreadSanitizer sees it (the tsan preset, issue 18).
 *
 * The receiver's event() override calls runIf() first.
 */
class TaskEvent : public QEvent
{
public:
    /// @p task runs once, on the receiver's thread.
    explicit TaskEvent(std::function<void()> task);

    /// The event type, registered once (QEvent::registerEventType()).
    static QEvent::Type eventType();

    /// Posts @p task to @p receiver (any thread; ownership of the event passes to Qt).
    static void post(QObject* receiver, std::function<void()> task);
    /**
     * Posts @p task to @p receiver and blocks until it has run (instead of a
     * Qt::BlockingQueuedConnection, whose wait ThreadSanitizer cannot see). Never call it
     * from @p receiver's own thread: that would wait forever.
     */
    static void postAndWait(QObject* receiver, const std::function<void()>& task);

    /**
     * Runs the task when @p event is a TaskEvent.
     * @return true when it was one (the receiver's event() then returns true).
     */
    static bool runIf(QEvent* event);

private:
    std::function<void()> m_task;
};
