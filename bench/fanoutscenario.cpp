#include "fanoutscenario.h"

#include "loadloop.h"
#include "processstats.h"
#include "textstamp.h"
#include "wsconnection.h"

#include <QJsonObject>

namespace {
constexpr size_t RingSize = 8192;
constexpr int64_t LostAfterNs = 5'000'000'000;
constexpr int64_t Second = 1'000'000'000;
} // namespace

FanoutScenario::FanoutScenario(const Options& options)
    : m_options(options)
    , m_slots(RingSize)
{}

QJsonObject FanoutScenario::run(LoadLoop& loop)
{
    m_loop = &loop;
    QJsonObject result;
    const int64_t setupStart = LoadLoop::nowNs();
    // Connection 0 is the publisher; all join room r0.
    const int joined = loop.connectAll(
        m_options.subscribers + 1, 200, [](int) { return 0; }, setupStart + 60 * Second);
    result[QStringLiteral("joined")] = joined;
    result[QStringLiteral("setup_s")] = double(LoadLoop::nowNs() - setupStart) / 1e9;
    m_publisher = loop.connections().front().get();
    if (m_publisher->state != WsConnection::State::Joined || joined < 2) {
        result[QStringLiteral("error")] =
            QStringLiteral("setup failed: %1").arg(QString::fromStdString(loop.firstFailure()));
        return result;
    }
    m_subscribersJoined = joined - 1;
    // Let the presence events of the joins drain before measuring.
    loop.runUntilQuiet(300'000'000, LoadLoop::nowNs() + 15 * Second);

    m_windowStartNs = LoadLoop::nowNs() + int64_t(m_options.warmupS * 1e9);
    m_windowEndNs = m_windowStartNs + int64_t(m_options.durationS * 1e9);
    m_publishing = true;
    publish(LoadLoop::nowNs());
    loop.runUntil(m_windowStartNs);
    const double serverCpu0 = ProcessStats::cpuSeconds(m_options.serverPids);
    const double selfCpu0 = ProcessStats::selfCpuSeconds();
    loop.runUntil(m_windowEndNs);
    const double serverCpu = ProcessStats::cpuSeconds(m_options.serverPids) - serverCpu0;
    const double selfCpu = ProcessStats::selfCpuSeconds() - selfCpu0;
    m_publishing = false;

    const double seconds = m_options.durationS;
    result[QStringLiteral("subscribers")] = m_subscribersJoined;
    result[QStringLiteral("deliveries")] = double(m_deliveries);
    result[QStringLiteral("deliveries_per_s")] = double(m_deliveries) / seconds;
    result[QStringLiteral("messages_completed")] = double(m_completed);
    result[QStringLiteral("lost_deliveries")] = double(m_lostDeliveries);
    result[QStringLiteral("latency_p50_us")] = double(m_latency.percentileNs(50)) / 1e3;
    result[QStringLiteral("latency_p99_us")] = double(m_latency.percentileNs(99)) / 1e3;
    result[QStringLiteral("latency_max_us")] = double(m_latency.maxNs()) / 1e3;
    result[QStringLiteral("server_cpu_s")] = serverCpu;
    result[QStringLiteral("deliveries_per_server_cpu_s")] =
        serverCpu > 0 ? double(m_deliveries) / serverCpu : 0.0;
    result[QStringLiteral("bench_cpu_fraction")] = selfCpu / seconds;
    result[QStringLiteral("failed_connections")] = loop.failedCount();
    return result;
}

void FanoutScenario::publish(int64_t nowNs)
{
    while (m_publishing && m_inFlight < m_options.inFlight &&
           m_publisher->state == WsConnection::State::Joined) {
        const int64_t seq = m_nextSeq++;
        Slot& slot = m_slots[size_t(seq) % RingSize];
        if (slot.seq >= 0)
            retire(slot); // far behind: count what is missing as lost
        slot.seq = seq;
        slot.sentNs = nowNs;
        slot.remaining = m_subscribersJoined;
        m_order.push_back(seq);
        ++m_inFlight;
        m_loop->sendMessage(*m_publisher, TextStamp::format(nowNs, seq));
    }
}

void FanoutScenario::retire(Slot& slot)
{
    m_lostDeliveries += slot.remaining;
    slot.seq = -1;
    --m_inFlight;
}

void FanoutScenario::onMessage(WsConnection& connection, std::string_view text, int64_t nowNs)
{
    if (&connection == m_publisher)
        return;
    int64_t sentNs = 0;
    int64_t seq = 0;
    if (!TextStamp::parse(text, &sentNs, &seq))
        return;
    if (nowNs >= m_windowStartNs && nowNs < m_windowEndNs) {
        ++m_deliveries;
        m_latency.record(nowNs - sentNs);
    }
    Slot& slot = m_slots[size_t(seq) % RingSize];
    if (slot.seq != seq)
        return; // retired already
    if (--slot.remaining == 0) {
        slot.seq = -1;
        --m_inFlight;
        ++m_completed;
        publish(nowNs);
    }
}

void FanoutScenario::onTick(int64_t nowNs)
{
    while (!m_order.empty()) {
        Slot& slot = m_slots[size_t(m_order.front()) % RingSize];
        if (slot.seq != m_order.front()) {
            m_order.pop_front(); // completed
            continue;
        }
        if (nowNs - slot.sentNs < LostAfterNs)
            break;
        retire(slot);
        m_order.pop_front();
    }
    publish(nowNs);
}

int64_t FanoutScenario::nextWakeNs() const
{
    if (m_order.empty())
        return INT64_MAX;
    // The front may be completed already; waking early is harmless.
    return m_slots[size_t(m_order.front()) % RingSize].sentNs + LostAfterNs;
}
