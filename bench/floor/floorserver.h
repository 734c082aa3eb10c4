#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

/**
 * The cheapest server chat-bench can measure: the kernel's share of a chat server.
 *
 * It speaks just enough of the protocol for chat-bench's scenarios (WebSocket upgrade,
 * Engine.IO open, Socket.IO CONNECT, join_room, send_message) and makes the same system
 * calls a lean chat-server makes for them: one read() per readable connection and turn, and
 * one write() per connection and turn carrying every frame queued for it (the 101 answer
 * with the Engine.IO open packet; the CONNECT answer with a `session` event; a join answer;
 * `user_joined` to the room's other members; a message's ack and its broadcast to every
 * member, the sender included). It does nothing else: no JSON, no identity, no history,
 * no timers, no validation beyond what it needs to find a room and a text. Pinned like the
 * other servers in bench/run.sh, its CPU per delivery is the floor any server pays on this
 * machine for those writes and reads (loopback TCP does both ends' protocol work in the
 * writer's system call).
 *
 * Not a server to use: it trusts its input (malformed input closes the connection, that is
 * all) and never pings.
 */
class FloorServer
{
public:
    /// Listens on 127.0.0.1:@p port. Check ok() afterwards.
    explicit FloorServer(uint16_t port);
    ~FloorServer();
    FloorServer(const FloorServer&) = delete;
    FloorServer& operator=(const FloorServer&) = delete;

    /// True when the listening socket and the epoll set were created.
    bool ok() const { return m_listenFd >= 0 && m_epollFd >= 0; }
    /// Serves until the process is killed; returns only on an epoll error.
    void run();

private:
    struct Connection
    {
        int fd = -1;
        std::string in;  ///< bytes not parsed yet
        std::string out; ///< frames not written yet
        bool upgraded = false;
        bool flushQueued = false;
        bool writeArmed = false; ///< EPOLLOUT requested: the socket buffer was full
        int room = -1;
    };

    void acceptAll();
    void onReadable(Connection& c);
    /// Parses what @p c has received; false when the connection must close.
    bool process(Connection& c);
    /// Handles one Engine.IO packet (a text frame's payload).
    void onPacket(Connection& c, std::string_view packet);
    void onJoin(Connection& c, std::string_view ackId, std::string_view packet);
    void onSend(Connection& c, std::string_view ackId, std::string_view packet);
    /// Appends one unmasked text frame (RFC 6455 §5.2) carrying @p payload to @p out.
    static void appendFrame(std::string* out, std::string_view payload);
    void queue(Connection& c);
    void flushAll();
    void close(Connection& c);

    int m_listenFd = -1;
    int m_epollFd = -1;
    uint64_t m_nextSid = 1;
    std::unordered_map<int, Connection> m_connections; ///< by descriptor
    std::unordered_map<int, std::vector<int>> m_rooms; ///< room number -> descriptors
    std::vector<int> m_flushList;
    std::vector<char> m_scratch;
    std::string m_frame; ///< a broadcast, framed once per message
};
