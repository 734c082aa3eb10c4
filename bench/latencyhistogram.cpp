#include "latencyhistogram.h"

#include <bit>
#include <cmath>

int LatencyHistogram::indexFor(uint64_t ns)
{
    if (ns < SubBuckets)
        return int(ns);
    const int msb = 63 - std::countl_zero(ns); // >= SubBits
    const int sub = int((ns >> (msb - SubBits)) & (SubBuckets - 1));
    return (msb - SubBits + 1) * SubBuckets + sub;
}

int64_t LatencyHistogram::lowerBound(int index)
{
    if (index < SubBuckets)
        return index;
    const int msb = index / SubBuckets + SubBits - 1;
    const int sub = index % SubBuckets;
    return (int64_t(1) << msb) + (int64_t(sub) << (msb - SubBits));
}

void LatencyHistogram::record(int64_t ns)
{
    ++m_buckets[size_t(indexFor(ns < 0 ? 0 : uint64_t(ns)))];
    ++m_count;
}

int64_t LatencyHistogram::percentileNs(double percentile) const
{
    if (m_count == 0)
        return 0;
    const int64_t rank =
        std::max<int64_t>(1, int64_t(std::ceil(percentile / 100.0 * double(m_count))));
    int64_t seen = 0;
    for (size_t i = 0; i < m_buckets.size(); ++i) {
        seen += m_buckets[i];
        if (seen >= rank) {
            const int64_t low = lowerBound(int(i));
            const int64_t high = lowerBound(int(i) + 1);
            return (low + high) / 2;
        }
    }
    return lowerBound(int(m_buckets.size()) - 1);
}
