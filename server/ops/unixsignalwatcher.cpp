#include "unixsignalwatcher.h"

#include "opslogging.h"

#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// Write end of the pipe, read by the async-signal-safe handler. Process-wide by nature.
volatile sig_atomic_t g_writeFd = -1;

void handleSignal(int signalNumber)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    if (g_writeFd >= 0)
        (void)::write(g_writeFd, &byte, 1);
    errno = savedErrno;
}

} // namespace

UnixSignalWatcher::UnixSignalWatcher(QObject* parent)
    : QObject(parent)
{
    if (g_writeFd >= 0) {
        qCWarning(lcProcess) << "a UnixSignalWatcher already exists; signals not watched";
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, m_fds) != 0) {
        qCWarning(lcProcess) << "socketpair failed:" << strerror(errno);
        m_fds[0] = m_fds[1] = -1;
        return;
    }
    g_writeFd = m_fds[1];
    m_notifier = new QSocketNotifier(m_fds[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &UnixSignalWatcher::onReadable);
}

UnixSignalWatcher::~UnixSignalWatcher()
{
    if (m_fds[1] >= 0) {
        // Handlers first: a signal arriving meanwhile still finds the pipe open.
        for (const auto& [signalNumber, previous] : std::as_const(m_previous))
            ::sigaction(signalNumber, &previous, nullptr);
        g_writeFd = -1;
        ::close(m_fds[0]);
        ::close(m_fds[1]);
    }
}

bool UnixSignalWatcher::watch(int signalNumber)
{
    if (m_fds[1] < 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = handleSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    struct sigaction previous = {};
    if (::sigaction(signalNumber, &action, &previous) != 0) {
        qCWarning(lcProcess) << "sigaction failed for signal" << signalNumber;
        return false;
    }
    const bool known =
        std::any_of(m_previous.cbegin(), m_previous.cend(),
                    [signalNumber](const auto& entry) { return entry.first == signalNumber; });
    if (!known) // watched again: the first previous disposition is the one to restore
        m_previous.append({signalNumber, previous});
    return true;
}

void UnixSignalWatcher::onReadable()
{
    unsigned char byte = 0;
    while (::read(m_fds[0], &byte, 1) == 1)
        Q_EMIT signalReceived(int(byte));
}
