#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

class Scenario;
struct WsConnection;

/**
 * chat-bench's engine: one thread, one epoll set, many client WebSockets to one server on
 * 127.0.0.1. It connects, upgrades, answers Engine.IO pings, joins each client's room and
 * hands `message` events and acks to the Scenario. Outgoing frames are queued per
 * connection and written once per loop turn (one write() per connection per turn), so the
 * generator stays cheap next to the server it loads.
 */
class LoadLoop
{
public:
    LoadLoop(uint16_t port, Scenario* scenario);
    ~LoadLoop();
    /// A second node of a cluster (--port2): every odd-numbered connection goes there.
    void setSecondPort(uint16_t port) { m_port2 = port; }
    LoadLoop(const LoadLoop&) = delete;
    LoadLoop& operator=(const LoadLoop&) = delete;

    /// CLOCK_MONOTONIC, ns (the same clock in every process on the machine).
    static int64_t nowNs();

    /**
     * Opens @p count connections, at most @p concurrency of them in their handshake at a
     * time, client i joining room "r<roomOf(i)>"; returns when all have joined or failed,
     * or at @p deadlineNs. @return the number that joined.
     */
    int connectAll(int count, int concurrency, const std::function<int(int)>& roomOf,
                   int64_t deadlineNs);

    /**
     * Queues `42<ack>["send_message",{"room":"r<room>","text":"<text>"}]` on @p connection.
     * @return the ack id used.
     */
    int64_t sendMessage(WsConnection& connection, std::string_view text);

    /// Runs the loop until @p deadlineNs, or earlier once @p done returns true.
    /// @return whether @p done returned true.
    bool runUntil(int64_t deadlineNs, const std::function<bool()>& done = {});
    /// Runs until nothing was received for @p quietNs (or @p deadlineNs).
    void runUntilQuiet(int64_t quietNs, int64_t deadlineNs);

    const std::vector<std::unique_ptr<WsConnection>>& connections() const { return m_connections; }
    int joinedCount() const { return m_joined; }
    int failedCount() const { return m_failed; }
    /// The first failure's reason ("" when none).
    const std::string& firstFailure() const { return m_firstFailure; }
    int64_t framesReceived() const { return m_framesReceived; }

private:
    WsConnection& open(int room);
    void startUpgrade(WsConnection& c);
    void onEvent(WsConnection& c, uint32_t events);
    void onReadable(WsConnection& c);
    size_t process(WsConnection& c, std::string_view data);
    void handleFrame(WsConnection& c, int opcode, bool fin, std::string_view payload);
    void handlePacket(WsConnection& c, std::string_view packet);
    void handleSocketIo(WsConnection& c, std::string_view packet);
    void send(WsConnection& c, std::string_view enginePacket);
    void queueFlush(WsConnection& c);
    void flushAll();
    void writeOut(WsConnection& c);
    void setWriteArmed(WsConnection& c, bool armed);
    void fail(WsConnection& c, const char* why);

    uint16_t m_port;
    uint16_t m_port2 = 0; ///< 0: every connection to m_port
    Scenario* m_scenario;
    int m_epollFd = -1;
    std::string m_upgradeRequest;
    std::vector<std::unique_ptr<WsConnection>> m_connections;
    std::vector<int> m_flushList;
    std::vector<char> m_scratch;
    std::string m_packetBuffer;
    int64_t m_now = 0;
    int64_t m_lastReceiveNs = 0;
    int64_t m_framesReceived = 0;
    int m_handshaking = 0;
    int m_joined = 0;
    int m_failed = 0;
    std::string m_firstFailure;
};
