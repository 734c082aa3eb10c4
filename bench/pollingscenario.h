#pragma once

#include "latencyhistogram.h"

#include <QJsonObject>

#include <cstdint>
#include <sys/types.h>
#include <vector>

/**
 * polling: `clients` virtual browsers on Engine.IO HTTP long-polling (PollingClient), each
 * playing rounds back to back: handshake, Socket.IO CONNECT, join_room, send_message with
 * its ack and its `message`, close. Client i joins room "poll<i>", so that a round's
 * message reaches its sender only. Counts the rounds that end in the measurement window
 * (after a warm-up): rounds per second and per server CPU-second, round latency
 * percentiles, and failures (any failure makes the run an error).
 *
 * It has its own epoll loop (LoadLoop speaks WebSocket only).
 */
class PollingScenario
{
public:
    struct Options
    {
        uint16_t port = 0;
        int clients = 64;
        double warmupS = 2;
        double durationS = 10;
        /// The server process first (its RSS is reported), then any more whose CPU counts
        /// as the server's (a cluster's other nodes and Redis); never empty.
        std::vector<pid_t> serverPids;
    };

    explicit PollingScenario(const Options& options);

    /// Runs the scenario to the end. @return its results (units in the key names).
    QJsonObject run();

private:
    Options m_options;
    LatencyHistogram m_latency;
};
