#include "pollingclient.h"

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr char RecordSeparator = '\x1e'; // between packets of a polling body (Engine.IO v4)

// The value of header @p name in @p head (case-insensitive name), or an empty view.
std::string_view headerValue(std::string_view head, std::string_view name)
{
    size_t line = head.find("\r\n");
    while (line != std::string_view::npos && line + 2 < head.size()) {
        const size_t start = line + 2;
        const size_t end = head.find("\r\n", start);
        const std::string_view field =
            head.substr(start, (end == std::string_view::npos ? head.size() : end) - start);
        const size_t colon = field.find(':');
        if (colon == name.size() && ::strncasecmp(field.data(), name.data(), name.size()) == 0) {
            std::string_view value = field.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            return value;
        }
        line = end;
    }
    return {};
}

// The value of the first `"name":` in @p packet: a string's characters (no escapes: tokens
// and numbers have none) or a number's digits; "" when absent.
std::string_view jsonField(std::string_view packet, std::string_view name)
{
    const std::string key = "\"" + std::string(name) + "\":";
    const size_t at = packet.find(key);
    if (at == std::string_view::npos)
        return {};
    size_t start = at + key.size();
    if (start < packet.size() && packet[start] == '"') {
        ++start;
        const size_t end = packet.find('"', start);
        return end == std::string_view::npos ? std::string_view()
                                             : packet.substr(start, end - start);
    }
    size_t end = start;
    while (end < packet.size() && packet[end] >= '0' && packet[end] <= '9')
        ++end;
    return packet.substr(start, end - start);
}

} // namespace

PollingClient::PollingClient(uint16_t port, std::string room)
    : m_port(port)
    , m_room(std::move(room))
    , m_lastSeq("0")
{}

PollingClient::~PollingClient()
{
    closeSocket();
}

bool PollingClient::start()
{
    if (m_fd < 0 && !connectSocket())
        return false;
    m_sid.clear();
    m_connectSeen = m_sessionSeen = m_ackSeen = m_messageSeen = m_pongDue = false;
    m_step = Step::Handshake;
    request("GET", {});
    return true;
}

bool PollingClient::connectSocket()
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    ++m_connectionCount;
    if (m_fd < 0) {
        fail("socket() failed");
        return false;
    }
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0 &&
        errno != EINPROGRESS) {
        fail("connect() failed");
        return false;
    }
    m_serverCloses = false;
    m_in.clear();
    return true;
}

void PollingClient::request(std::string_view method, std::string_view body)
{
    std::string packets;
    if (m_pongDue && !body.empty()) {
        packets = "3";
        packets += RecordSeparator;
        m_pongDue = false;
    }
    packets += body;
    m_out.clear();
    m_outOffset = 0;
    m_out += method;
    m_out += " /socket.io/?EIO=4&transport=polling";
    if (!m_sid.empty()) {
        m_out += "&sid=";
        m_out += m_sid;
    }
    m_out += " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (method == "POST") {
        m_out += "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: ";
        m_out += std::to_string(packets.size());
        m_out += "\r\n\r\n";
        m_out += packets;
    } else {
        m_out += "\r\n";
    }
    flush();
}

void PollingClient::flush()
{
    while (m_fd >= 0 && m_outOffset < m_out.size()) {
        const ssize_t written =
            ::send(m_fd, m_out.data() + m_outOffset, m_out.size() - m_outOffset, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)
                fail("send() failed");
            return;
        }
        m_outOffset += size_t(written);
    }
}

void PollingClient::onWritable()
{
    flush();
}

bool PollingClient::onReadable()
{
    char buffer[16384];
    for (;;) {
        const ssize_t count = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (count > 0) {
            m_in.append(buffer, size_t(count));
            continue;
        }
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // The server closed the connection: fine between rounds when it said so.
        const bool expected = m_serverCloses && m_in.empty();
        closeSocket();
        if (!expected || m_step != Step::Idle)
            fail("the server closed the connection");
        return false;
    }
    const Step before = m_step;
    while (m_fd >= 0 && m_step != Step::Idle) {
        const size_t headEnd = m_in.find("\r\n\r\n");
        if (headEnd == std::string::npos)
            break;
        const std::string_view head(m_in.data(), headEnd);
        if (head.size() < 12 || head.compare(0, 5, "HTTP/") != 0) {
            fail("not an HTTP response");
            return false;
        }
        const int status = std::atoi(head.data() + 9);
        const std::string_view length = headerValue(head, "Content-Length");
        if (length.empty()) {
            fail("response without Content-Length");
            return false;
        }
        const size_t bodySize = size_t(std::strtoul(std::string(length).c_str(), nullptr, 10));
        if (m_in.size() < headEnd + 4 + bodySize)
            break;
        const std::string_view connection = headerValue(head, "Connection");
        m_serverCloses =
            connection.size() == 5 && ::strncasecmp(connection.data(), "close", 5) == 0;
        const std::string body = m_in.substr(headEnd + 4, bodySize);
        m_in.erase(0, headEnd + 4 + bodySize);
        handleResponse(status, body);
        if (m_serverCloses && m_fd >= 0)
            closeSocket(); // a fresh connection for the next request
    }
    return before != Step::Idle && m_step == Step::Idle && m_failure.empty();
}

void PollingClient::handleResponse(int status, std::string_view body)
{
    if (status != 200) {
        fail("HTTP status other than 200");
        return;
    }
    auto next = [this](Step step, std::string_view method, std::string_view payload) {
        m_step = step;
        if (m_fd < 0 && !connectSocket())
            return;
        request(method, payload);
    };
    switch (m_step) {
    case Step::Idle:
        return;
    case Step::Handshake: {
        const size_t at = body.find("\"sid\":\"");
        const size_t end = at == std::string_view::npos ? at : body.find('"', at + 7);
        if (body.empty() || body.front() != '0' || end == std::string_view::npos) {
            fail("no open packet");
            return;
        }
        m_sid = std::string(body.substr(at + 7, end - at - 7));
        next(Step::Connect, "POST", m_token.empty() ? "40" : "40{\"token\":\"" + m_token + "\"}");
        return;
    }
    case Step::Connect:
        next(Step::AwaitSession, "GET", {});
        return;
    case Step::AwaitSession:
        if (!handlePackets(body))
            return;
        if (m_connectSeen && m_sessionSeen)
            next(Step::Join, "POST",
                 "421[\"join_room\",{\"room\":\"" + m_room + "\",\"since\":" + m_lastSeq + "}]");
        else
            next(Step::AwaitSession, "GET", {});
        return;
    case Step::Join:
        next(Step::AwaitJoinAck, "GET", {});
        return;
    case Step::AwaitJoinAck:
        if (!handlePackets(body))
            return;
        if (m_ackSeen) {
            m_ackSeen = m_messageSeen = false;
            next(Step::Send, "POST",
                 "422[\"send_message\",{\"room\":\"" + m_room + "\",\"text\":\"polling\"}]");
        } else {
            next(Step::AwaitJoinAck, "GET", {});
        }
        return;
    case Step::Send:
        next(Step::AwaitSendAck, "GET", {});
        return;
    case Step::AwaitSendAck:
        if (!handlePackets(body))
            return;
        if (m_ackSeen && m_messageSeen)
            next(Step::Close, "POST", "1");
        else
            next(Step::AwaitSendAck, "GET", {});
        return;
    case Step::Close:
        m_step = Step::Idle;
        return;
    }
}

bool PollingClient::handlePackets(std::string_view body)
{
    while (!body.empty()) {
        const size_t end = body.find(RecordSeparator);
        const std::string_view packet = body.substr(0, end);
        body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
        if (packet == "2") {
            m_pongDue = true;
        } else if (packet.starts_with("40")) {
            m_connectSeen = true;
        } else if (packet.starts_with("44")) {
            fail("connect_error");
            return false;
        } else if (packet.starts_with("42[\"session\"")) {
            m_sessionSeen = true;
            if (m_token.empty())
                m_token = std::string(jsonField(packet, "token"));
        } else if (packet.starts_with("42[\"message\"")) {
            m_messageSeen = true;
            if (const std::string_view seq = jsonField(packet, "seq"); !seq.empty())
                m_lastSeq = std::string(seq);
        } else if (packet.starts_with("43")) {
            if (packet.find("\"ok\":true") == std::string_view::npos) {
                fail("an ack with ok:false");
                return false;
            }
            m_ackSeen = true;
        } else if (packet == "1") {
            fail("the server closed the session");
            return false;
        }
    }
    return true;
}

void PollingClient::fail(const char* why)
{
    if (m_failure.empty())
        m_failure = why;
    m_step = Step::Idle;
    closeSocket();
}

void PollingClient::closeSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_out.clear();
    m_outOffset = 0;
}
