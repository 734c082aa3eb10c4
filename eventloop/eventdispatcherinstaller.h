#pragma once

class QAbstractEventDispatcher;

/**
 * Chooses and installs the main thread's event dispatcher, before the application object
 * exists (QCoreApplication::setEventDispatcher has no effect afterwards).
 *
 * The environment variable CHAT_EVENT_DISPATCHER selects it: `epoll` (EpollEventDispatcher)
 * or `qt` (Qt's default, glib or UNIX). Unset or empty means the caller's default; any
 * other value logs a warning and uses the default. chat-server defaults to epoll; the test
 * suites run under Qt's default and, in their `_epoll` CTest variants, under epoll.
 */
class EventDispatcherInstaller
{
public:
    enum class Kind { Epoll, Qt };

    /**
     * Reads CHAT_EVENT_DISPATCHER and installs the dispatcher it names (nothing for `qt`).
     * Call from main() before constructing Q(Core)Application.
     * @return the kind installed.
     */
    static Kind installFromEnvironment(Kind fallback);

    /**
     * A new dispatcher of the main thread's kind, for a worker thread
     * (QThread::setEventDispatcher() before start()): an EpollEventDispatcher when the
     * main thread runs one, else null (the thread then makes Qt's default).
     */
    static QAbstractEventDispatcher* createLikeMainThread();

    /// "epoll" or "qt".
    static const char* name(Kind kind);
};
