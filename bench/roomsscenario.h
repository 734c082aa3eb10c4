#pragma once

#include "latencyhistogram.h"
#include "scenario.h"

#include <queue>

#include <random>
#include <sys/types.h>
#include <vector>

/**
 * rooms: `clients` connections in `rooms` rooms (client i in room i % rooms), each sending
 * `rate` messages per second with jitter (gaps uniform in 0.5-1.5 of the mean). Counts the
 * deliveries of messages sent in the measurement window (after a warm-up) against what
 * the room sizes promise: latency percentiles, loss, and deliveries per server CPU-second.
 */
class RoomsScenario : public Scenario
{
public:
    struct Options
    {
        int clients = 2000;
        int rooms = 200;
        double rate = 1.0;
        double warmupS = 2;
        double durationS = 10;
        double drainS = 3;
        /// The server process first (its RSS is reported), then any more whose CPU counts
        /// as the server's (a cluster's other nodes and Redis); never empty.
        std::vector<pid_t> serverPids;
    };

    explicit RoomsScenario(const Options& options);

    QJsonObject run(LoadLoop& loop) override;
    void onMessage(WsConnection& connection, std::string_view text, int64_t nowNs) override;
    void onTick(int64_t nowNs) override;
    int64_t nextWakeNs() const override;

private:
    struct Due
    {
        int64_t atNs;
        int connection;
        bool operator>(const Due& other) const { return atNs > other.atNs; }
    };

    int64_t gapNs();

    Options m_options;
    LoadLoop* m_loop = nullptr;
    std::vector<int> m_roomSizes;
    std::priority_queue<Due, std::vector<Due>, std::greater<Due>> m_schedule;
    std::mt19937_64 m_random{7};
    bool m_sending = false;
    int64_t m_seq = 0;
    int64_t m_windowStartNs = 0;
    int64_t m_windowEndNs = 0;
    int64_t m_sentInWindow = 0;
    int64_t m_expected = 0;
    int64_t m_delivered = 0;
    LatencyHistogram m_latency;
};
