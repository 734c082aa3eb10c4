#include "eventdispatcherinstaller.h"

#include "epolleventdispatcher.h"
#include "eventlooplogging.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QtGlobal>

EventDispatcherInstaller::Kind EventDispatcherInstaller::installFromEnvironment(Kind fallback)
{
    const QByteArray value = qgetenv("CHAT_EVENT_DISPATCHER").trimmed().toLower();
    Kind kind = fallback;
    if (value == "epoll") {
        kind = Kind::Epoll;
    } else if (value == "qt") {
        kind = Kind::Qt;
    } else if (!value.isEmpty()) {
        qCWarning(lcEventLoop, "CHAT_EVENT_DISPATCHER: unknown value '%s' (epoll or qt); using %s",
                  value.constData(), name(fallback));
    }
    if (kind == Kind::Epoll)
        QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    qCDebug(lcEventLoop, "event dispatcher: %s", name(kind));
    return kind;
}

QAbstractEventDispatcher* EventDispatcherInstaller::createLikeMainThread()
{
    QCoreApplication* application = QCoreApplication::instance();
    QAbstractEventDispatcher* main =
        QAbstractEventDispatcher::instance(application ? application->thread() : nullptr);
    if (dynamic_cast<EpollEventDispatcher*>(main))
        return new EpollEventDispatcher;
    return nullptr;
}

const char* EventDispatcherInstaller::name(Kind kind)
{
    return kind == Kind::Epoll ? "epoll" : "qt";
}
