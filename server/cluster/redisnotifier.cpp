#include "redisnotifier.h"

#include <QSocketNotifier>

#include <hiredis/async.h>

RedisNotifier::RedisNotifier(redisAsyncContext* context, QObject* parent)
    : QObject(parent)
    , m_context(context)
{
    context->ev.data = this;
    context->ev.addRead = &RedisNotifier::addRead;
    context->ev.delRead = &RedisNotifier::delRead;
    context->ev.addWrite = &RedisNotifier::addWrite;
    context->ev.delWrite = &RedisNotifier::delWrite;
    context->ev.cleanup = &RedisNotifier::cleanup;
}

RedisNotifier::~RedisNotifier()
{
    if (m_context)
        m_context->ev.data = nullptr;
    drop(&m_read);
    drop(&m_write);
}

void RedisNotifier::addRead(void* self)
{
    auto* notifier = static_cast<RedisNotifier*>(self);
    if (!notifier || notifier->m_read)
        return;
    notifier->m_read =
        new QSocketNotifier(notifier->m_context->c.fd, QSocketNotifier::Read, notifier);
    redisAsyncContext* context = notifier->m_context;
    connect(notifier->m_read, &QSocketNotifier::activated, notifier,
            [context] { redisAsyncHandleRead(context); });
}

void RedisNotifier::delRead(void* self)
{
    if (auto* notifier = static_cast<RedisNotifier*>(self))
        drop(&notifier->m_read);
}

void RedisNotifier::addWrite(void* self)
{
    auto* notifier = static_cast<RedisNotifier*>(self);
    if (!notifier || notifier->m_write)
        return;
    notifier->m_write =
        new QSocketNotifier(notifier->m_context->c.fd, QSocketNotifier::Write, notifier);
    redisAsyncContext* context = notifier->m_context;
    connect(notifier->m_write, &QSocketNotifier::activated, notifier,
            [context] { redisAsyncHandleWrite(context); });
}

void RedisNotifier::delWrite(void* self)
{
    if (auto* notifier = static_cast<RedisNotifier*>(self))
        drop(&notifier->m_write);
}

void RedisNotifier::cleanup(void* self)
{
    auto* notifier = static_cast<RedisNotifier*>(self);
    if (!notifier)
        return;
    drop(&notifier->m_read);
    drop(&notifier->m_write);
    notifier->m_context = nullptr; // freed by hiredis right after this
}

void RedisNotifier::drop(QSocketNotifier** notifier)
{
    if (!*notifier)
        return;
    (*notifier)->setEnabled(false);
    (*notifier)->disconnect();
    (*notifier)->deleteLater();
    *notifier = nullptr;
}
