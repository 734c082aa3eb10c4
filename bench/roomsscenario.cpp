#include "roomsscenario.h"

#include "loadloop.h"
#include "processstats.h"
#include "textstamp.h"
#include "wsconnection.h"

#include <QJsonObject>

namespace {
constexpr int64_t Second = 1'000'000'000;
} // namespace

RoomsScenario::RoomsScenario(const Options& options)
    : m_options(options)
    , m_roomSizes(size_t(options.rooms), 0)
{}

int64_t RoomsScenario::gapNs()
{
    std::uniform_real_distribution<double> spread(0.5, 1.5);
    return int64_t(spread(m_random) / m_options.rate * 1e9);
}

QJsonObject RoomsScenario::run(LoadLoop& loop)
{
    m_loop = &loop;
    QJsonObject result;
    const int64_t setupStart = LoadLoop::nowNs();
    const int rooms = m_options.rooms;
    const int joined = loop.connectAll(
        m_options.clients, 200, [rooms](int i) { return i % rooms; }, setupStart + 60 * Second);
    result[QStringLiteral("joined")] = joined;
    result[QStringLiteral("setup_s")] = double(LoadLoop::nowNs() - setupStart) / 1e9;
    if (joined == 0) {
        result[QStringLiteral("error")] =
            QStringLiteral("setup failed: %1").arg(QString::fromStdString(loop.firstFailure()));
        return result;
    }
    loop.runUntilQuiet(300'000'000, LoadLoop::nowNs() + 15 * Second);

    const int64_t start = LoadLoop::nowNs();
    std::uniform_real_distribution<double> phase(0.0, 1.0 / m_options.rate);
    for (const auto& c : loop.connections()) {
        if (c->state != WsConnection::State::Joined)
            continue;
        ++m_roomSizes[size_t(c->room)];
        m_schedule.push(Due{start + int64_t(phase(m_random) * 1e9), c->index});
    }
    m_windowStartNs = start + int64_t(m_options.warmupS * 1e9);
    m_windowEndNs = m_windowStartNs + int64_t(m_options.durationS * 1e9);
    m_sending = true;
    loop.runUntil(m_windowStartNs);
    const double serverCpu0 = ProcessStats::cpuSeconds(m_options.serverPids);
    const double selfCpu0 = ProcessStats::selfCpuSeconds();
    loop.runUntil(m_windowEndNs);
    const double serverCpu = ProcessStats::cpuSeconds(m_options.serverPids) - serverCpu0;
    const double selfCpu = ProcessStats::selfCpuSeconds() - selfCpu0;
    m_sending = false;
    // Late deliveries of the window's messages still count, up to the drain time.
    loop.runUntil(m_windowEndNs + int64_t(m_options.drainS * 1e9),
                  [this] { return m_delivered >= m_expected; });

    const double seconds = m_options.durationS;
    result[QStringLiteral("clients")] = joined;
    result[QStringLiteral("messages_sent")] = double(m_sentInWindow);
    result[QStringLiteral("deliveries_expected")] = double(m_expected);
    result[QStringLiteral("deliveries")] = double(m_delivered);
    result[QStringLiteral("deliveries_per_s")] = double(m_delivered) / seconds;
    result[QStringLiteral("loss")] =
        m_expected > 0 ? 1.0 - double(m_delivered) / double(m_expected) : 0.0;
    result[QStringLiteral("latency_p50_us")] = double(m_latency.percentileNs(50)) / 1e3;
    result[QStringLiteral("latency_p99_us")] = double(m_latency.percentileNs(99)) / 1e3;
    result[QStringLiteral("latency_p999_us")] = double(m_latency.percentileNs(99.9)) / 1e3;
    result[QStringLiteral("latency_max_us")] = double(m_latency.maxNs()) / 1e3;
    result[QStringLiteral("server_cpu_s")] = serverCpu;
    result[QStringLiteral("deliveries_per_server_cpu_s")] =
        serverCpu > 0 ? double(m_delivered) / serverCpu : 0.0;
    result[QStringLiteral("bench_cpu_fraction")] = selfCpu / seconds;
    result[QStringLiteral("failed_connections")] = loop.failedCount();
    return result;
}

void RoomsScenario::onTick(int64_t nowNs)
{
    while (m_sending && !m_schedule.empty() && m_schedule.top().atNs <= nowNs) {
        Due due = m_schedule.top();
        m_schedule.pop();
        WsConnection& c = *m_loop->connections()[size_t(due.connection)];
        if (c.state != WsConnection::State::Joined)
            continue;
        if (nowNs >= m_windowStartNs && nowNs < m_windowEndNs) {
            ++m_sentInWindow;
            m_expected += m_roomSizes[size_t(c.room)];
        }
        m_loop->sendMessage(c, TextStamp::format(nowNs, m_seq++));
        due.atNs += gapNs();
        m_schedule.push(due);
    }
}

int64_t RoomsScenario::nextWakeNs() const
{
    return m_sending && !m_schedule.empty() ? m_schedule.top().atNs : INT64_MAX;
}

void RoomsScenario::onMessage(WsConnection& connection, std::string_view text, int64_t nowNs)
{
    (void)connection;
    int64_t sentNs = 0;
    int64_t seq = 0;
    if (!TextStamp::parse(text, &sentNs, &seq))
        return;
    if (sentNs >= m_windowStartNs && sentNs < m_windowEndNs) {
        ++m_delivered;
        m_latency.record(nowNs - sentNs);
    }
}
