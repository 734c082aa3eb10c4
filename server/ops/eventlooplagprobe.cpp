#include "eventlooplagprobe.h"

#include "histogram.h"

#include <QTimer>

EventLoopLagProbe::EventLoopLagProbe(Histogram* histogram, int intervalMs, QObject* parent)
    : QObject(parent)
    , m_histogram(histogram)
    , m_intervalMs(intervalMs)
    , m_timer(new QTimer(this))
{
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &EventLoopLagProbe::onTick);
    m_clock.start();
    m_expectedNs = qint64(m_intervalMs) * 1000000;
    m_timer->start(m_intervalMs);
}

void EventLoopLagProbe::onTick()
{
    const qint64 nowNs = m_clock.nsecsElapsed();
    m_lastLagMs = qMax<qint64>(0, nowNs - m_expectedNs) / 1e6;
    m_histogram->observe(m_lastLagMs / 1000.0);
    // Re-armed from now (single shot), so that one long stall counts once, not as a burst
    // of catch-up ticks.
    m_expectedNs = nowNs + qint64(m_intervalMs) * 1000000;
    m_timer->start(m_intervalMs);
    Q_EMIT measured(m_lastLagMs);
}
