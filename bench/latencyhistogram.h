#pragma once

#include <array>
#include <cstdint>

/**
 * Latencies in nanoseconds, in log-linear buckets (32 per power of two: about 3% relative
 * precision) so that recording one costs a few instructions and no allocation, however
 * many million deliveries a run sees.
 */
class LatencyHistogram
{
public:
    /// Records one latency; negative values count as 0.
    void record(int64_t ns);
    /// Number of recorded latencies.
    int64_t count() const { return m_count; }
    /// The latency at @p percentile (0-100], ns (the bucket's midpoint); 0 when empty.
    int64_t percentileNs(double percentile) const;
    /// The largest recorded latency's bucket, ns.
    int64_t maxNs() const { return percentileNs(100.0); }

private:
    static constexpr int SubBits = 5;
    static constexpr int SubBuckets = 1 << SubBits;
    static int indexFor(uint64_t ns);
    static int64_t lowerBound(int index);

    std::array<int64_t, 64 * SubBuckets> m_buckets{};
    int64_t m_count = 0;
};
