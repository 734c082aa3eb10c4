#include "handshakereader.h"

#include "netlogging.h"

#include <QNetworkInterface>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// Read beyond the largest head, so that bytes a client sends right after its head (e.g. a
// first WebSocket frame) are handed on rather than left for a later read, bytes.
constexpr qsizetype ReadAheadBytes = 4096;
// One read() at a time, bytes; a typical upgrade request is a few hundred.
constexpr qsizetype ChunkBytes = 4096;
// The sweep runs this many times per deadline: a silent connection lives at most
// 1 + 1/SweepsPerTimeout deadlines.
constexpr int SweepsPerTimeout = 4;

/// The address as QAbstractSocket::peerAddress() reports it (no IPv4-mapped conversion).
QHostAddress addressOf(const sockaddr_storage& storage)
{
    if (storage.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&storage);
        return QHostAddress(ntohl(in->sin_addr.s_addr));
    }
    if (storage.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&storage);
        QHostAddress address(in6->sin6_addr.s6_addr);
        if (in6->sin6_scope_id != 0)
            address.setScopeId(QNetworkInterface::interfaceNameFromIndex(int(in6->sin6_scope_id)));
        return address;
    }
    return {};
}

} // namespace

HandshakeReader::HandshakeReader(int timeoutMs, int maxHeadBytes, HeadHandler onHead,
                                 QObject* parent)
    : QObject(parent)
    , m_timeoutMs(timeoutMs)
    , m_maxHeadBytes(maxHeadBytes)
    , m_onHead(std::move(onHead))
{
    m_clock.start();
}

HandshakeReader::~HandshakeReader()
{
    for (auto& [fd, pending] : m_pending) {
        pending.notifier.reset(); // out of the event loop before the descriptor closes
        ::close(fd);
    }
}

void HandshakeReader::add(int fd)
{
    int on = 1;
    if (::ioctl(fd, FIONBIO, &on) < 0) {
        qCWarning(lcNet) << "cannot make an accepted socket non-blocking:" << std::strerror(errno);
        ::close(fd);
        return;
    }
    // Small frames must not wait for delayed ACKs (../shared/facts.md: p99 7 ms -> 0.7 ms).
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    sockaddr_storage address{};
    socklen_t addressLength = sizeof address;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &addressLength) < 0) {
        qCDebug(lcNet) << "client gone before its handshake:" << std::strerror(errno);
        ::close(fd);
        return;
    }

    Pending pending;
    pending.peer = addressOf(address);
    pending.startMs = m_clock.elapsed();
    // Under load the head has usually arrived by the time the connection is accepted: then
    // it never needs a notifier.
    Head head;
    switch (readHead(fd, pending, &head)) {
    case Progress::Finished:
        finish(fd, pending, std::move(head));
        return;
    case Progress::Gone:
        ::close(fd);
        return;
    case Progress::Waiting:
        break;
    }
    pending.notifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(pending.notifier.get(), &QSocketNotifier::activated, this,
            &HandshakeReader::onReadable);
    m_pending.insert_or_assign(fd, std::move(pending));
    // Stopped by sweep() once nothing is pending, not at every finish: under a steady
    // stream of connections it would otherwise be registered and unregistered each time.
    if (!m_sweep.isActive())
        m_sweep.start(std::max(1, m_timeoutMs / SweepsPerTimeout), Qt::CoarseTimer, this);
}

void HandshakeReader::onReadable(QSocketDescriptor socket)
{
    const int fd = socket;
    const auto it = m_pending.find(fd);
    if (it == m_pending.end())
        return;
    Head head;
    const Progress progress = readHead(fd, it->second, &head);
    if (progress == Progress::Waiting)
        return;
    Pending pending = std::move(it->second);
    m_pending.erase(it);
    // Deleting the notifier that is being activated is safe (QSocketNotifier::event()
    // checks that it is alive after emitting). The descriptor leaves this event loop now,
    // before the handler passes it to another thread or closes it.
    pending.notifier.reset();
    if (progress == Progress::Gone) {
        ::close(fd);
        return;
    }
    finish(fd, pending, std::move(head));
}

HandshakeReader::Progress HandshakeReader::readHead(int fd, Pending& pending, Head* head)
{
    const qsizetype limit = qsizetype(m_maxHeadBytes) + ReadAheadBytes;
    char buffer[ChunkBytes];
    for (;;) {
        const qsizetype room = std::min(ChunkBytes, limit - pending.bytes.size());
        if (room <= 0) { // cannot happen: parseHead() gives up at m_maxHeadBytes
            head->result = HttpRequest::Parse::TooLarge;
            return Progress::Finished;
        }
        const ssize_t count = ::read(fd, buffer, size_t(room));
        if (count < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return Progress::Waiting;
            qCDebug(lcNet) << "connection failed in its handshake:" << std::strerror(errno);
            return Progress::Gone;
        }
        if (count == 0)
            return Progress::Gone; // closed before its head was complete
        pending.bytes.append(buffer, count);
        head->result =
            HttpRequest::parseHead(pending.bytes, m_maxHeadBytes, &head->request, &head->headBytes);
        if (head->result != HttpRequest::Parse::Incomplete)
            return Progress::Finished;
        // A short read almost always drained the socket: wait for the notifier rather than
        // spend a read() on EAGAIN.
        if (count < room)
            return Progress::Waiting;
    }
}

void HandshakeReader::finish(int fd, Pending& pending, Head&& head)
{
    head.fd = fd;
    head.peer = std::move(pending.peer);
    head.bytes = std::move(pending.bytes);
    head.ageMs = m_clock.elapsed() - pending.startMs;
    m_onHead(std::move(head));
}

void HandshakeReader::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_sweep.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    sweep();
}

void HandshakeReader::sweep()
{
    if (m_pending.empty()) {
        m_sweep.stop();
        return;
    }
    const qint64 startedBefore = m_clock.elapsed() - m_timeoutMs;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->second.startMs > startedBefore) {
            ++it;
            continue;
        }
        qCDebug(lcNet) << "handshake deadline passed; closing" << it->second.peer;
        it->second.notifier.reset();
        ::close(it->first);
        it = m_pending.erase(it);
    }
}
