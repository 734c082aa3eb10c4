#include "histogram.h"

Histogram::Histogram(QList<double> upperBounds)
    : m_upperBounds(std::move(upperBounds))
    , m_counts(m_upperBounds.size() + 1, 0)
{}

void Histogram::observe(double seconds)
{
    seconds = qMax(0.0, seconds);
    qsizetype bucket = 0;
    while (bucket < m_upperBounds.size() && seconds > m_upperBounds[bucket])
        ++bucket;
    ++m_counts[bucket];
    ++m_count;
    m_sum += seconds;
}

void Histogram::render(QByteArray* out, const char* name, const char* help) const
{
    out->append("# HELP ").append(name).append(' ').append(help).append('\n');
    out->append("# TYPE ").append(name).append(" histogram\n");
    quint64 cumulative = 0;
    for (qsizetype i = 0; i <= m_upperBounds.size(); ++i) {
        cumulative += m_counts[i];
        const QByteArray le =
            i < m_upperBounds.size() ? QByteArray::number(m_upperBounds[i], 'g', 6) : "+Inf";
        out->append(name).append("_bucket{le=\"").append(le).append("\"} ");
        out->append(QByteArray::number(cumulative)).append('\n');
    }
    out->append(name).append("_sum ").append(QByteArray::number(m_sum, 'g', 12)).append('\n');
    out->append(name).append("_count ").append(QByteArray::number(m_count)).append('\n');
}
