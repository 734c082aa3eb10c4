#pragma once

#include <QByteArray>
#include <QList>

/**
 * A Prometheus histogram (cumulative buckets, sum and count) of durations in seconds, the
 * unit Prometheus metric names use. Observing is O(buckets) with no allocation.
 */
class Histogram
{
public:
    /// @param upperBounds bucket upper bounds in seconds, ascending; "+Inf" is implicit.
    explicit Histogram(QList<double> upperBounds);

    /// Records one duration, in seconds (negative values count as 0).
    void observe(double seconds);

    quint64 count() const { return m_count; }
    double sum() const { return m_sum; }

    /**
     * The exposition lines: HELP, TYPE histogram, `<name>_bucket{le="..."}` for each bound
     * and `+Inf`, `<name>_sum`, `<name>_count`.
     */
    void render(QByteArray* out, const char* name, const char* help) const;

private:
    QList<double> m_upperBounds;
    QList<quint64> m_counts; ///< per bucket, not cumulative
    quint64 m_count = 0;
    double m_sum = 0;
};
