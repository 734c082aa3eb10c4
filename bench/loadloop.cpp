#include "loadloop.h"

#include "scenario.h"
#include "wsconnection.h"

#include <arpa/inet.h>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

namespace {

constexpr size_t ScratchBytes = 256 * 1024;
constexpr int MaxEvents = 512;
constexpr int64_t DoneCheckNs = 10'000'000; // how often runUntil() tests its condition when idle

// `4` (message) + `2` (EVENT) + `["message",`: the one event whose content is measured.
constexpr std::string_view MessageEventPrefix = "2[\"message\",";
constexpr std::string_view TextKey = "\"text\":\"";

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

} // namespace

LoadLoop::LoadLoop(uint16_t port, Scenario* scenario)
    : m_port(port)
    , m_scenario(scenario)
    , m_scratch(ScratchBytes)
{
    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    m_upgradeRequest = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                       "Host: 127.0.0.1:" +
                       std::to_string(port) +
                       "\r\n"
                       "Upgrade: websocket\r\n"
                       "Connection: Upgrade\r\n"
                       "Sec-WebSocket-Key: Y2hhdC1iZW5jaC1rZXkxMg==\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n";
    m_now = nowNs();
    m_lastReceiveNs = m_now;
}

LoadLoop::~LoadLoop()
{
    for (auto& c : m_connections) {
        if (c->state != WsConnection::State::Closed)
            ::close(c->fd);
    }
    ::close(m_epollFd);
}

int64_t LoadLoop::nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

int LoadLoop::connectAll(int count, int concurrency, const std::function<int(int)>& roomOf,
                         int64_t deadlineNs)
{
    const int joinedBefore = m_joined;
    const int failedBefore = m_failed;
    int opened = 0;
    auto pump = [&] {
        while (opened < count && m_handshaking < concurrency) {
            open(roomOf(opened));
            ++opened;
        }
        return (m_joined - joinedBefore) + (m_failed - failedBefore) >= count;
    };
    runUntil(deadlineNs, pump);
    return m_joined - joinedBefore;
}

WsConnection& LoadLoop::open(int room)
{
    auto owned = std::make_unique<WsConnection>();
    WsConnection& c = *owned;
    c.index = int(m_connections.size());
    c.room = room;
    c.openedNs = nowNs();
    m_connections.push_back(std::move(owned));
    ++m_handshaking;

    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        fail(c, "socket() failed");
        return c;
    }
    const int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port2 != 0 && c.index % 2 == 1 ? m_port2 : m_port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT;
    event.data.u32 = uint32_t(c.index);
    c.writeArmed = true;
    epoll_ctl(m_epollFd, EPOLL_CTL_ADD, c.fd, &event);
    if (::connect(c.fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
        startUpgrade(c);
    else if (errno != EINPROGRESS)
        fail(c, "connect() failed");
    return c;
}

void LoadLoop::startUpgrade(WsConnection& c)
{
    c.state = WsConnection::State::Upgrading;
    c.out += m_upgradeRequest;
    queueFlush(c);
}

int64_t LoadLoop::sendMessage(WsConnection& c, std::string_view text)
{
    const int64_t ackId = c.nextAckId++;
    m_packetBuffer.clear();
    m_packetBuffer += "42";
    m_packetBuffer += std::to_string(ackId);
    m_packetBuffer += "[\"send_message\",{\"room\":\"r";
    m_packetBuffer += std::to_string(c.room);
    m_packetBuffer += "\",\"text\":\"";
    m_packetBuffer += text;
    m_packetBuffer += "\"}]";
    send(c, m_packetBuffer);
    return ackId;
}

bool LoadLoop::runUntil(int64_t deadlineNs, const std::function<bool()>& done)
{
    epoll_event events[MaxEvents];
    for (;;) {
        if (done && done())
            return true;
        m_now = nowNs();
        if (m_now >= deadlineNs)
            return false;
        m_scenario->onTick(m_now);
        flushAll();
        int64_t wake = std::min(deadlineNs, m_scenario->nextWakeNs());
        // A condition such as "quiet for 300 ms" can turn true without any event.
        if (done)
            wake = std::min(wake, m_now + DoneCheckNs);
        const int64_t waitNs = wake - nowNs();
        const int timeoutMs =
            waitNs <= 0 ? 0 : int(std::min<int64_t>((waitNs + 999999) / 1000000, INT_MAX));
        const int count = epoll_wait(m_epollFd, events, MaxEvents, timeoutMs);
        for (int i = 0; i < count; ++i) {
            WsConnection& c = *m_connections[events[i].data.u32];
            if (c.state != WsConnection::State::Closed)
                onEvent(c, events[i].events);
        }
        flushAll();
    }
}

void LoadLoop::runUntilQuiet(int64_t quietNs, int64_t deadlineNs)
{
    m_lastReceiveNs = nowNs();
    runUntil(deadlineNs, [this, quietNs] { return nowNs() - m_lastReceiveNs >= quietNs; });
}

void LoadLoop::onEvent(WsConnection& c, uint32_t events)
{
    if (c.state == WsConnection::State::Connecting) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) {
            fail(c, "connection refused or reset");
            return;
        }
        if (events & (EPOLLOUT | EPOLLIN)) {
            setWriteArmed(c, false);
            startUpgrade(c);
        }
        return;
    }
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        onReadable(c);
    if ((events & EPOLLOUT) && c.state != WsConnection::State::Closed)
        writeOut(c);
}

void LoadLoop::onReadable(WsConnection& c)
{
    const ssize_t n = ::read(c.fd, m_scratch.data(), m_scratch.size());
    if (n == 0) {
        fail(c, "closed by the server");
        return;
    }
    if (n < 0) {
        if (errno != EAGAIN && errno != EINTR)
            fail(c, "read error");
        return;
    }
    m_now = nowNs();
    m_lastReceiveNs = m_now;
    if (c.in.empty()) {
        // Usual case: parse straight from the scratch buffer, keep only a partial frame.
        const std::string_view data(m_scratch.data(), size_t(n));
        const size_t used = process(c, data);
        if (c.state != WsConnection::State::Closed && used < data.size())
            c.in.assign(data.substr(used));
    } else {
        c.in.append(m_scratch.data(), size_t(n));
        const std::string pending = std::move(c.in);
        c.in.clear();
        const size_t used = process(c, pending);
        if (c.state != WsConnection::State::Closed && used < pending.size())
            c.in.assign(pending, used, std::string::npos);
    }
}

size_t LoadLoop::process(WsConnection& c, std::string_view data)
{
    size_t pos = 0;
    if (c.state == WsConnection::State::Upgrading) {
        const size_t end = data.find("\r\n\r\n");
        if (end == std::string_view::npos) {
            if (data.size() > 16384)
                fail(c, "oversized upgrade response");
            return 0;
        }
        if (!startsWith(data, "HTTP/1.1 101")) {
            fail(c, "upgrade refused");
            return data.size();
        }
        c.state = WsConnection::State::WaitingOpen;
        pos = end + 4;
    }
    while (pos < data.size() && c.state != WsConnection::State::Closed) {
        size_t used = 0;
        int opcode = 0;
        bool fin = false;
        std::string_view payload;
        const auto result =
            WsConnection::parseFrame(data.substr(pos), &used, &opcode, &fin, &payload);
        if (result == WsConnection::Parse::NeedMore)
            break;
        if (result == WsConnection::Parse::Error) {
            fail(c, "malformed frame");
            return data.size();
        }
        pos += used;
        ++m_framesReceived;
        handleFrame(c, opcode, fin, payload);
    }
    return pos;
}

void LoadLoop::handleFrame(WsConnection& c, int opcode, bool fin, std::string_view payload)
{
    switch (opcode) {
    case 0x1: // text
        if (fin) {
            handlePacket(c, payload);
        } else {
            c.fragment.assign(payload);
        }
        return;
    case 0x0: // continuation
        c.fragment.append(payload);
        if (fin) {
            const std::string whole = std::move(c.fragment);
            c.fragment.clear();
            handlePacket(c, whole);
        }
        return;
    case 0x8:
        fail(c, "close frame from the server");
        return;
    case 0x9:
        c.queuePong(payload);
        queueFlush(c);
        return;
    default:
        return; // pong, binary: not used by the chat protocol
    }
}

void LoadLoop::handlePacket(WsConnection& c, std::string_view packet)
{
    if (packet.empty())
        return;
    switch (packet[0]) {
    case '0': // Engine.IO open: connect to the default namespace
        if (c.state == WsConnection::State::WaitingOpen) {
            c.state = WsConnection::State::WaitingConnect;
            send(c, "40");
        }
        return;
    case '2': { // ping
        std::string pong = "3";
        pong += packet.substr(1);
        send(c, pong);
        return;
    }
    case '1':
        fail(c, "Engine.IO close");
        return;
    case '4':
        handleSocketIo(c, packet.substr(1));
        return;
    default:
        return;
    }
}

void LoadLoop::handleSocketIo(WsConnection& c, std::string_view packet)
{
    if (packet.empty())
        return;
    switch (packet[0]) {
    case '0': // CONNECT accepted: join the room, ack id 0
        if (c.state == WsConnection::State::WaitingConnect) {
            c.state = WsConnection::State::Joining;
            std::string join = "420[\"join_room\",{\"room\":\"r" + std::to_string(c.room) + "\"}]";
            send(c, join);
        }
        return;
    case '4':
        fail(c, "CONNECT refused");
        return;
    case '2':
        if (startsWith(packet, MessageEventPrefix)) {
            const size_t key = packet.find(TextKey, MessageEventPrefix.size());
            if (key == std::string_view::npos)
                return;
            const size_t start = key + TextKey.size();
            const size_t end = packet.find('"', start);
            if (end != std::string_view::npos)
                m_scenario->onMessage(c, packet.substr(start, end - start), m_now);
        }
        return; // session, user_joined, ...: not measured
    case '3': {
        size_t i = 1;
        int64_t ackId = 0;
        while (i < packet.size() && packet[i] >= '0' && packet[i] <= '9')
            ackId = ackId * 10 + (packet[i++] - '0');
        const std::string_view payload = packet.substr(i);
        if (ackId == 0 && c.state == WsConnection::State::Joining) {
            if (payload.find("\"ok\":true") == std::string_view::npos) {
                fail(c, "join_room refused");
                return;
            }
            c.state = WsConnection::State::Joined;
            --m_handshaking;
            ++m_joined;
            m_scenario->onJoined(c, m_now);
            return;
        }
        m_scenario->onAck(c, ackId, payload, m_now);
        return;
    }
    default:
        return;
    }
}

void LoadLoop::send(WsConnection& c, std::string_view enginePacket)
{
    if (c.state == WsConnection::State::Closed)
        return;
    c.queueText(enginePacket);
    queueFlush(c);
}

void LoadLoop::queueFlush(WsConnection& c)
{
    if (c.flushQueued)
        return;
    c.flushQueued = true;
    m_flushList.push_back(c.index);
}

void LoadLoop::flushAll()
{
    // Index loop: writeOut() may fail a connection, which never adds to the list.
    for (size_t i = 0; i < m_flushList.size(); ++i) {
        WsConnection& c = *m_connections[size_t(m_flushList[i])];
        c.flushQueued = false;
        if (c.state != WsConnection::State::Closed && c.state != WsConnection::State::Connecting)
            writeOut(c);
    }
    m_flushList.clear();
}

void LoadLoop::writeOut(WsConnection& c)
{
    size_t written = 0;
    while (written < c.out.size()) {
        const ssize_t n =
            ::send(c.fd, c.out.data() + written, c.out.size() - written, MSG_NOSIGNAL);
        if (n > 0) {
            written += size_t(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            break;
        fail(c, "write error");
        return;
    }
    c.out.erase(0, written);
    setWriteArmed(c, !c.out.empty());
}

void LoadLoop::setWriteArmed(WsConnection& c, bool armed)
{
    if (c.writeArmed == armed)
        return;
    c.writeArmed = armed;
    epoll_event event{};
    event.events = EPOLLIN | (armed ? EPOLLOUT : 0u);
    event.data.u32 = uint32_t(c.index);
    epoll_ctl(m_epollFd, EPOLL_CTL_MOD, c.fd, &event);
}

void LoadLoop::fail(WsConnection& c, const char* why)
{
    if (c.state == WsConnection::State::Closed)
        return;
    if (c.state != WsConnection::State::Joined)
        --m_handshaking;
    else
        --m_joined;
    ++m_failed;
    if (m_firstFailure.empty())
        m_firstFailure = why;
    c.state = WsConnection::State::Closed;
    if (c.fd >= 0)
        ::close(c.fd);
}
