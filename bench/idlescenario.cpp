#include "idlescenario.h"

#include "loadloop.h"
#include "processstats.h"

#include <QJsonObject>

IdleScenario::IdleScenario(const Options& options)
    : m_options(options)
{}

QJsonObject IdleScenario::run(LoadLoop& loop)
{
    QJsonObject result;
    const int64_t rssBefore = ProcessStats::rssKiB(m_options.serverPids.front());
    const double serverCpu0 = ProcessStats::cpuSeconds(m_options.serverPids);
    const double selfCpu0 = ProcessStats::selfCpuSeconds();
    const int64_t start = LoadLoop::nowNs();
    const int rooms = m_options.rooms;
    const int joined = loop.connectAll(
        m_options.connections, m_options.concurrency, [rooms](int i) { return i % rooms; },
        start + int64_t(m_options.timeoutS * 1e9));
    const double seconds = double(LoadLoop::nowNs() - start) / 1e9;
    const double serverCpu = ProcessStats::cpuSeconds(m_options.serverPids) - serverCpu0;
    const double selfCpu = ProcessStats::selfCpuSeconds() - selfCpu0;

    // Idle for a moment (presence events drain, pings are answered), then weigh the server.
    loop.runUntil(LoadLoop::nowNs() + int64_t(m_options.settleS * 1e9));
    const int64_t rssAfter = ProcessStats::rssKiB(m_options.serverPids.front());
    const int stillJoined = loop.joinedCount();

    result[QStringLiteral("joined")] = joined;
    result[QStringLiteral("still_joined")] = stillJoined;
    result[QStringLiteral("failed_connections")] = loop.failedCount();
    if (!loop.firstFailure().empty())
        result[QStringLiteral("first_failure")] = QString::fromStdString(loop.firstFailure());
    result[QStringLiteral("connect_join_s")] = seconds;
    result[QStringLiteral("connect_join_per_s")] = seconds > 0 ? joined / seconds : 0.0;
    result[QStringLiteral("server_cpu_s")] = serverCpu;
    result[QStringLiteral("connect_join_per_server_cpu_s")] =
        serverCpu > 0 ? joined / serverCpu : 0.0;
    result[QStringLiteral("bench_cpu_fraction")] = seconds > 0 ? selfCpu / seconds : 0.0;
    result[QStringLiteral("server_rss_before_kib")] = double(rssBefore);
    result[QStringLiteral("server_rss_after_kib")] = double(rssAfter);
    result[QStringLiteral("rss_per_connection_kib")] =
        stillJoined > 0 ? double(rssAfter - rssBefore) / stillJoined : 0.0;
    return result;
}

void IdleScenario::onMessage(WsConnection& connection, std::string_view text, int64_t nowNs)
{
    (void)connection;
    (void)text;
    (void)nowNs;
}
