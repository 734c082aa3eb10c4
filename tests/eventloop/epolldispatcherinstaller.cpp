// Linked into server test executables: before main() runs, installs the dispatcher that
// CHAT_EVENT_DISPATCHER names (default: Qt's own), so that one QtTest binary runs under
// both dispatchers; CTest registers the `_epoll` variants with CHAT_EVENT_DISPATCHER=epoll.

#include "eventdispatcherinstaller.h"

#include <QtGlobal>

namespace {

void installChosenDispatcher()
{
    EventDispatcherInstaller::installFromEnvironment(EventDispatcherInstaller::Kind::Qt);
}

} // namespace

Q_CONSTRUCTOR_FUNCTION(installChosenDispatcher)
