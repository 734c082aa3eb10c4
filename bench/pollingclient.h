#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/**
 * One virtual browser on Engine.IO v4 HTTP long-polling, for chat-bench's polling scenario.
 * It keeps one keep-alive HTTP/1.1 connection to 127.0.0.1 and plays rounds, one request at
 * a time: the handshake GET, POST `40` (Socket.IO CONNECT, from the second round on with the
 * token of the first `session`, as a returning browser resumes its identity), GETs until the
 * CONNECT answer and the `session` event, POST `join_room` with an ack (with `since`: the seq
 * of the last message it saw), GETs until the ack, POST `send_message` with an ack, GETs
 * until both its ack and the `message` event came, then POST `1` (close).
 * A GET the server holds (nothing queued yet) simply waits for its answer.
 *
 * The owner (PollingScenario) runs the epoll loop: it calls onReadable()/onWritable() when
 * the descriptor is ready and start() for each round.
 */
class PollingClient
{
public:
    /// Where the client is in its round.
    enum class Step {
        Idle,
        Handshake,
        Connect,
        AwaitSession,
        Join,
        AwaitJoinAck,
        Send,
        AwaitSendAck,
        Close,
    };

    /// @p port: the server's on 127.0.0.1; @p room: the room this client joins every round.
    PollingClient(uint16_t port, std::string room);
    ~PollingClient();
    PollingClient(const PollingClient&) = delete;
    PollingClient& operator=(const PollingClient&) = delete;

    /// The descriptor to watch (-1 before the first round or after a failure).
    int fd() const { return m_fd; }
    /// Counts the connections opened so far: a new value means a new descriptor to watch,
    /// even when the number of the descriptor is the same as before.
    int64_t connectionCount() const { return m_connectionCount; }
    Step step() const { return m_step; }
    /// Whether a request is still (partly) unwritten: watch for EPOLLOUT then.
    bool wantsWrite() const { return m_outOffset < m_out.size(); }
    /// The first failure's reason, or "" (a failed client stays Idle).
    const std::string& failure() const { return m_failure; }

    /**
     * Starts a round (connecting first when there is no connection). @return false when
     * the connection could not be opened (see failure()).
     */
    bool start();
    /// The descriptor is readable: reads and advances the round. @return true when the
    /// round just ended (the client is Idle again).
    bool onReadable();
    /// The descriptor is writable: writes what is left of the request.
    void onWritable();

private:
    bool connectSocket();
    void request(std::string_view method, std::string_view body);
    void handleResponse(int status, std::string_view body);
    bool handlePackets(std::string_view body);
    void fail(const char* why);
    void closeSocket();
    void flush();

    uint16_t m_port;
    std::string m_room;
    int m_fd = -1;
    int64_t m_connectionCount = 0;
    Step m_step = Step::Idle;
    std::string m_sid;
    std::string m_token;   // from the first `session` event
    std::string m_lastSeq; // of the last `message` event, as JSON digits
    std::string m_out;
    size_t m_outOffset = 0;
    std::string m_in;
    bool m_connectSeen = false;
    bool m_sessionSeen = false;
    bool m_ackSeen = false;
    bool m_messageSeen = false;
    bool m_pongDue = false;
    bool m_serverCloses = false;
    std::string m_failure;
};
