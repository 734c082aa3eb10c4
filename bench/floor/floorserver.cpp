#include "floorserver.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr size_t ScratchBytes = 64 * 1024;
constexpr size_t MaxHeadBytes = 16 * 1024;
constexpr uint64_t MaxFrameBytes = 1024 * 1024;
constexpr int MaxEvents = 512;
constexpr std::string_view RoomKey = "\"room\":\"r";
constexpr std::string_view TextKey = "\"text\":\"";

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

/// The number after @p key in @p packet ("r12" -> 12), -1 when absent.
int roomNumber(std::string_view packet)
{
    const size_t at = packet.find(RoomKey);
    if (at == std::string_view::npos)
        return -1;
    int room = -1;
    const char* begin = packet.data() + at + RoomKey.size();
    const auto [end, error] = std::from_chars(begin, packet.data() + packet.size(), room);
    return error == std::errc() && end != begin ? room : -1;
}

} // namespace

FloorServer::FloorServer(uint16_t port)
    : m_scratch(ScratchBytes)
{
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_listenFd < 0)
        return;
    const int on = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_listenFd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listenFd, 4096) != 0) {
        ::close(m_listenFd);
        m_listenFd = -1;
        return;
    }
    m_epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    epoll_event event = {};
    event.events = EPOLLIN;
    event.data.fd = m_listenFd;
    if (m_epollFd >= 0)
        ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_listenFd, &event);
}

FloorServer::~FloorServer()
{
    for (auto& [fd, connection] : m_connections)
        ::close(fd);
    if (m_epollFd >= 0)
        ::close(m_epollFd);
    if (m_listenFd >= 0)
        ::close(m_listenFd);
}

void FloorServer::run()
{
    epoll_event events[MaxEvents];
    for (;;) {
        const int count = ::epoll_wait(m_epollFd, events, MaxEvents, -1);
        if (count < 0 && errno != EINTR)
            return;
        for (int i = 0; i < count; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_listenFd) {
                acceptAll();
                continue;
            }
            const auto it = m_connections.find(fd);
            if (it == m_connections.end())
                continue;
            if (events[i].events & EPOLLOUT)
                queue(it->second);
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                onReadable(it->second); // may close it
        }
        flushAll();
    }
}

void FloorServer::acceptAll()
{
    for (;;) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        epoll_event event = {};
        event.events = EPOLLIN;
        event.data.fd = fd;
        ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &event);
        m_connections[fd].fd = fd;
    }
}

void FloorServer::onReadable(Connection& c)
{
    const ssize_t n = ::read(c.fd, m_scratch.data(), m_scratch.size());
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0) {
        close(c);
        return;
    }
    c.in.append(m_scratch.data(), size_t(n));
    if (!process(c))
        close(c);
}

bool FloorServer::process(Connection& c)
{
    size_t pos = 0;
    if (!c.upgraded) {
        const size_t end = c.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return c.in.size() <= MaxHeadBytes;
        const std::string_view head(c.in.data(), end);
        constexpr std::string_view KeyHeader = "Sec-WebSocket-Key: ";
        const size_t keyAt = head.find(KeyHeader);
        if (keyAt == std::string_view::npos)
            return false;
        const size_t keyEnd = head.find("\r\n", keyAt);
        const std::string_view key =
            head.substr(keyAt + KeyHeader.size(), keyEnd - keyAt - KeyHeader.size());
        // RFC 6455 §4.2.2: base64(SHA-1(key + GUID)).
        QByteArray keyAndGuid(key.data(), qsizetype(key.size()));
        keyAndGuid.append("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
        const QByteArray accept =
            QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
        c.out += "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Accept: ";
        c.out.append(accept.constData(), size_t(accept.size()));
        c.out += "\r\n\r\n";
        // Engine.IO v4 open packet, as chat-server sends it.
        const std::string open = "0{\"sid\":\"floor" + std::to_string(m_nextSid++) +
                                 "\",\"upgrades\":[],\"pingInterval\":25000,"
                                 "\"pingTimeout\":20000,\"maxPayload\":1000000}";
        appendFrame(&c.out, open);
        queue(c);
        c.upgraded = true;
        pos = end + 4;
    }
    // RFC 6455 §5.2 client frames: always masked; unmasked in place.
    while (c.in.size() - pos >= 2) {
        const auto byte = [&c](size_t i) {
            return uint8_t(c.in[i]);
        };
        const int opcode = byte(pos) & 0x0f;
        if (!(byte(pos + 1) & 0x80))
            return false;
        uint64_t length = byte(pos + 1) & 0x7f;
        size_t header = 2;
        if (length == 126) {
            if (c.in.size() - pos < 4)
                break;
            length = (uint64_t(byte(pos + 2)) << 8) | byte(pos + 3);
            header = 4;
        } else if (length == 127) {
            if (c.in.size() - pos < 10)
                break;
            length = 0;
            for (size_t i = 0; i < 8; ++i)
                length = (length << 8) | byte(pos + 2 + i);
            header = 10;
        }
        if (length > MaxFrameBytes)
            return false;
        if (c.in.size() - pos < header + 4 + length)
            break;
        const size_t maskAt = pos + header;
        char* payload = c.in.data() + maskAt + 4;
        for (size_t i = 0; i < length; ++i)
            payload[i] = char(payload[i] ^ c.in[maskAt + (i & 3)]);
        pos = maskAt + 4 + size_t(length);
        if (opcode == 0x8)
            return false;
        if (opcode == 0x1)
            onPacket(c, std::string_view(payload, size_t(length)));
    }
    c.in.erase(0, pos);
    return true;
}

void FloorServer::onPacket(Connection& c, std::string_view packet)
{
    if (packet == "40") {
        const std::string sid = std::to_string(c.fd);
        appendFrame(&c.out, "40{\"sid\":\"s" + sid + "\"}");
        appendFrame(&c.out, "42[\"session\",{\"user_id\":\"u" + sid + "\",\"handle\":\"floor " +
                                sid + "\"}]");
        queue(c);
        return;
    }
    if (!startsWith(packet, "42"))
        return; // Engine.IO pong, Socket.IO disconnect: nothing to do here
    packet.remove_prefix(2);
    const size_t digits = std::min(packet.find_first_not_of("0123456789"), packet.size());
    const std::string_view ackId = packet.substr(0, digits);
    packet.remove_prefix(digits);
    if (startsWith(packet, "[\"join_room\""))
        onJoin(c, ackId, packet);
    else if (startsWith(packet, "[\"send_message\""))
        onSend(c, ackId, packet);
}

void FloorServer::onJoin(Connection& c, std::string_view ackId, std::string_view packet)
{
    const int room = roomNumber(packet);
    if (room < 0 || c.room >= 0)
        return;
    const std::string name = "r" + std::to_string(room);
    std::vector<int>& members = m_rooms[room];
    m_frame.clear();
    appendFrame(&m_frame, "42[\"user_joined\",{\"room\":\"" + name + "\",\"user_id\":\"u" +
                              std::to_string(c.fd) + "\"}]");
    for (const int fd : members) {
        Connection& other = m_connections[fd];
        other.out += m_frame;
        queue(other);
    }
    members.push_back(c.fd);
    c.room = room;
    appendFrame(&c.out, "43" + std::string(ackId) + "[{\"ok\":true,\"room\":\"" + name +
                            "\",\"members\":[]}]");
    queue(c);
}

void FloorServer::onSend(Connection& c, std::string_view ackId, std::string_view packet)
{
    const int room = roomNumber(packet);
    const size_t textAt = packet.find(TextKey);
    if (room != c.room || room < 0 || textAt == std::string_view::npos)
        return;
    const size_t textEnd = packet.find('"', textAt + TextKey.size());
    if (textEnd == std::string_view::npos)
        return;
    const std::string_view text =
        packet.substr(textAt + TextKey.size(), textEnd - textAt - TextKey.size());
    appendFrame(&c.out, "43" + std::string(ackId) + "[{\"ok\":true}]");
    queue(c);
    // Framed once, copied into every member's queue (the sender's too).
    m_frame.clear();
    appendFrame(&m_frame, "42[\"message\",{\"room\":\"r" + std::to_string(room) + "\",\"text\":\"" +
                              std::string(text) + "\"}]");
    for (const int fd : m_rooms[room]) {
        Connection& member = m_connections[fd];
        member.out += m_frame;
        queue(member);
    }
}

void FloorServer::appendFrame(std::string* out, std::string_view payload)
{
    out->push_back(char(0x81)); // FIN + text
    const size_t size = payload.size();
    if (size < 126) {
        out->push_back(char(size));
    } else if (size <= 0xffff) {
        out->push_back(char(126));
        out->push_back(char(size >> 8));
        out->push_back(char(size & 0xff));
    } else {
        out->push_back(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out->push_back(char((uint64_t(size) >> shift) & 0xff));
    }
    out->append(payload);
}

void FloorServer::queue(Connection& c)
{
    if (c.flushQueued)
        return;
    c.flushQueued = true;
    m_flushList.push_back(c.fd);
}

void FloorServer::flushAll()
{
    std::vector<int> failed;
    for (const int fd : m_flushList) {
        const auto it = m_connections.find(fd);
        if (it == m_connections.end())
            continue;
        Connection& c = it->second;
        c.flushQueued = false;
        if (c.out.empty())
            continue;
        const ssize_t n = ::write(fd, c.out.data(), c.out.size());
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            failed.push_back(fd);
            continue;
        }
        if (n > 0)
            c.out.erase(0, size_t(n));
        // Wait for room in the socket buffer only while something is left.
        if (c.writeArmed != !c.out.empty()) {
            c.writeArmed = !c.out.empty();
            epoll_event event = {};
            event.events = c.writeArmed ? EPOLLIN | EPOLLOUT : EPOLLIN;
            event.data.fd = fd;
            ::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, fd, &event);
        }
    }
    m_flushList.clear();
    for (const int fd : failed) {
        const auto it = m_connections.find(fd);
        if (it != m_connections.end())
            close(it->second);
    }
}

void FloorServer::close(Connection& c)
{
    const int fd = c.fd;
    if (c.room >= 0) {
        std::vector<int>& members = m_rooms[c.room];
        members.erase(std::remove(members.begin(), members.end(), fd), members.end());
    }
    ::close(fd); // also leaves the epoll set
    m_connections.erase(fd);
}
