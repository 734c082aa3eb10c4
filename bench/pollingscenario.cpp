#include "pollingscenario.h"

#include "loadloop.h"
#include "pollingclient.h"
#include "processstats.h"

#include <QString>

#include <memory>
#include <string>
#include <sys/epoll.h>
#include <unistd.h>
#include <vector>

namespace {

// A client and what epoll knows of it.
struct Slot
{
    std::unique_ptr<PollingClient> client;
    int64_t watchedConnection = -1; // PollingClient::connectionCount() when last added
    bool watchingWrite = false;
    int64_t roundStartNs = 0;
};

// Brings epoll's view of @p slot in line with its client: a new connection is added, a
// pending write arms EPOLLOUT.
void watch(int epollFd, Slot& slot, uint64_t index)
{
    PollingClient& client = *slot.client;
    if (client.fd() < 0)
        return;
    const bool wantWrite = client.wantsWrite();
    epoll_event event{};
    event.events = EPOLLIN | (wantWrite ? EPOLLOUT : 0u);
    event.data.u64 = index;
    if (slot.watchedConnection != client.connectionCount()) {
        ::epoll_ctl(epollFd, EPOLL_CTL_ADD, client.fd(), &event);
        slot.watchedConnection = client.connectionCount();
    } else if (wantWrite != slot.watchingWrite) {
        ::epoll_ctl(epollFd, EPOLL_CTL_MOD, client.fd(), &event);
    }
    slot.watchingWrite = wantWrite;
}

} // namespace

PollingScenario::PollingScenario(const Options& options)
    : m_options(options)
{}

QJsonObject PollingScenario::run()
{
    QJsonObject result;
    const int epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    std::vector<Slot> clients(size_t(m_options.clients));
    std::string failure;
    int failures = 0;
    for (size_t i = 0; i < clients.size(); ++i)
        clients[i].client =
            std::make_unique<PollingClient>(m_options.port, "poll" + std::to_string(i));

    const int64_t start = LoadLoop::nowNs();
    const int64_t windowStart = start + int64_t(m_options.warmupS * 1e9);
    const int64_t windowEnd = windowStart + int64_t(m_options.durationS * 1e9);
    double serverCpu0 = -1;
    double selfCpu0 = 0;
    int64_t rounds = 0;

    auto begin = [&](size_t i, int64_t now) {
        Slot& slot = clients[i];
        slot.roundStartNs = now;
        if (!slot.client->start()) {
            ++failures;
            if (failure.empty())
                failure = slot.client->failure();
        }
        watch(epollFd, slot, i);
    };
    for (size_t i = 0; i < clients.size(); ++i)
        begin(i, start);

    std::vector<epoll_event> events(256);
    for (int64_t now = start; now < windowEnd && failures == 0; now = LoadLoop::nowNs()) {
        if (serverCpu0 < 0 && now >= windowStart) {
            serverCpu0 = ProcessStats::cpuSeconds(m_options.serverPids);
            selfCpu0 = ProcessStats::selfCpuSeconds();
        }
        const int count = ::epoll_wait(epollFd, events.data(), int(events.size()), 100);
        now = LoadLoop::nowNs();
        for (int e = 0; e < count; ++e) {
            const size_t i = size_t(events[size_t(e)].data.u64);
            Slot& slot = clients[i];
            PollingClient& client = *slot.client;
            if (events[size_t(e)].events & EPOLLOUT)
                client.onWritable();
            bool ended = false;
            if (events[size_t(e)].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                ended = client.onReadable();
            if (!client.failure().empty()) {
                ++failures;
                if (failure.empty())
                    failure = client.failure();
                continue;
            }
            if (ended) {
                if (serverCpu0 >= 0 && now < windowEnd) {
                    ++rounds;
                    m_latency.record(now - slot.roundStartNs);
                }
                begin(i, now);
            } else {
                watch(epollFd, slot, i);
            }
        }
    }
    const double seconds = m_options.durationS;
    const double serverCpu = ProcessStats::cpuSeconds(m_options.serverPids) - serverCpu0;
    const double selfCpu = ProcessStats::selfCpuSeconds() - selfCpu0;
    ::close(epollFd);

    if (failures > 0)
        result[QStringLiteral("error")] =
            QString::fromStdString("polling client failed: " + failure);
    result[QStringLiteral("clients")] = m_options.clients;
    result[QStringLiteral("failed_clients")] = failures;
    result[QStringLiteral("rounds")] = double(rounds);
    result[QStringLiteral("rounds_per_s")] = double(rounds) / seconds;
    result[QStringLiteral("server_cpu_s")] = serverCpu;
    result[QStringLiteral("rounds_per_server_cpu_s")] = serverCpu > 0 ? rounds / serverCpu : 0.0;
    result[QStringLiteral("round_p50_us")] = double(m_latency.percentileNs(50)) / 1e3;
    result[QStringLiteral("round_p99_us")] = double(m_latency.percentileNs(99)) / 1e3;
    result[QStringLiteral("bench_cpu_fraction")] = selfCpu / seconds;
    return result;
}
