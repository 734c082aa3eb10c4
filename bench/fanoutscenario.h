#pragma once

#include "latencyhistogram.h"
#include "scenario.h"

#include <deque>
#include <sys/types.h>
#include <vector>

/**
 * fanout: one room, `subscribers` listeners and one publisher that keeps `inFlight`
 * messages in flight. A message is in flight from its send until every subscriber has
 * it (or 5 s passed: then the missing deliveries count as lost). Measures deliveries per
 * second and per server CPU-second, and delivery latency (send to receipt), over a window
 * after a warm-up.
 */
class FanoutScenario : public Scenario
{
public:
    struct Options
    {
        int subscribers = 1000;
        int inFlight = 64;
        double warmupS = 2;
        double durationS = 10;
        /// The server process first (its RSS is reported), then any more whose CPU counts
        /// as the server's (a cluster's other nodes and Redis); never empty.
        std::vector<pid_t> serverPids;
    };

    explicit FanoutScenario(const Options& options);

    QJsonObject run(LoadLoop& loop) override;
    void onMessage(WsConnection& connection, std::string_view text, int64_t nowNs) override;
    void onTick(int64_t nowNs) override;
    int64_t nextWakeNs() const override;

private:
    struct Slot
    {
        int64_t seq = -1;
        int64_t sentNs = 0;
        int remaining = 0;
    };

    void publish(int64_t nowNs);
    void retire(Slot& slot);

    Options m_options;
    LoadLoop* m_loop = nullptr;
    WsConnection* m_publisher = nullptr;
    int m_subscribersJoined = 0;
    bool m_publishing = false;
    std::vector<Slot> m_slots;   ///< ring indexed by seq
    std::deque<int64_t> m_order; ///< in-flight seqs, oldest first (completed ones lazily)
    int m_inFlight = 0;
    int64_t m_nextSeq = 0;
    int64_t m_windowStartNs = 0;
    int64_t m_windowEndNs = 0;
    int64_t m_deliveries = 0;
    int64_t m_lostDeliveries = 0;
    int64_t m_completed = 0;
    LatencyHistogram m_latency;
};
