#pragma once

#include <QElapsedTimer>
#include <QObject>

class Histogram;
class QTimer;

/**
 * Measures event-loop lag: a precise timer fires every @p intervalMs and records how late
 * it ran (the time work that is ready waits before the loop gets to it) in a histogram.
 * A busy or blocked loop shows up as lag; an idle one as ~0.
 */
class EventLoopLagProbe : public QObject
{
    Q_OBJECT

public:
    /// @param histogram receives one observation per tick, seconds; must outlive the probe.
    EventLoopLagProbe(Histogram* histogram, int intervalMs, QObject* parent = nullptr);

    /// The lateness of the last tick, ms (0 before the first).
    double lastLagMs() const { return m_lastLagMs; }

Q_SIGNALS:
    /// A tick was measured (for tests).
    void measured(double lagMs);

private:
    void onTick();

    Histogram* m_histogram;
    const int m_intervalMs;
    QTimer* m_timer;
    QElapsedTimer m_clock;
    qint64 m_expectedNs = 0;
    double m_lastLagMs = 0;
};
