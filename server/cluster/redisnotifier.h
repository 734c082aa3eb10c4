#pragma once

#include <QObject>

class QSocketNotifier;
struct redisAsyncContext;

/**
 * Runs one hiredis asynchronous context on the Qt event loop: hiredis asks for read and
 * write readiness of its socket through the hooks this installs (redisAsyncContext::ev),
 * and QSocketNotifiers call redisAsyncHandleRead()/Write() when it comes. (hiredis' own
 * adapters/qt.h uses Qt 5's activated(int) string connection, which Qt 6 does not have.)
 * One per context; hiredis calls cleanup when it frees the context, after which the
 * notifier does nothing and may be deleted.
 */
class RedisNotifier : public QObject
{
    Q_OBJECT

public:
    /// Installs the hooks on @p context (which must have none yet).
    explicit RedisNotifier(redisAsyncContext* context, QObject* parent = nullptr);
    ~RedisNotifier() override;

private:
    static void addRead(void* self);
    static void delRead(void* self);
    static void addWrite(void* self);
    static void delWrite(void* self);
    static void cleanup(void* self);
    /// Stops and drops @p notifier later: it may be the one whose signal is running.
    static void drop(QSocketNotifier** notifier);

    redisAsyncContext* m_context;
    QSocketNotifier* m_read = nullptr;
    QSocketNotifier* m_write = nullptr;
};
