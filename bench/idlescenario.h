#pragma once

#include "scenario.h"

#include <sys/types.h>
#include <vector>

/**
 * idle: `connections` clients connect and join (client i in room i % rooms), at most
 * `concurrency` in their handshake at once; measures the connect+join rate, the server's
 * CPU for it, and the server's resident memory per joined connection once they are idle.
 */
class IdleScenario : public Scenario
{
public:
    struct Options
    {
        int connections = 10000;
        int rooms = 1000;
        int concurrency = 256;
        double timeoutS = 120;
        double settleS = 2;
        /// The server process first (its RSS is reported), then any more whose CPU counts
        /// as the server's (a cluster's other nodes and Redis); never empty.
        std::vector<pid_t> serverPids;
    };

    explicit IdleScenario(const Options& options);

    QJsonObject run(LoadLoop& loop) override;
    void onMessage(WsConnection& connection, std::string_view text, int64_t nowNs) override;

private:
    Options m_options;
};
