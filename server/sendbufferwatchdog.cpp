#include "sendbufferwatchdog.h"

#include <QTimer>

SendBufferWatchdog::SendBufferWatchdog(std::function<qint64()> unsentBytes, qint64 limitBytes,
                                       int graceMs, QObject* parent)
    : QObject(parent)
    , m_unsentBytes(std::move(unsentBytes))
    , m_limitBytes(limitBytes)
    , m_grace(new QTimer(this))
{
    m_grace->setSingleShot(true);
    m_grace->setInterval(graceMs);
    connect(m_grace, &QTimer::timeout, this, &SendBufferWatchdog::onGraceOver);
}

void SendBufferWatchdog::onBytesQueued()
{
    if (m_fired)
        return;
    const qint64 unsent = m_unsentBytes();
    if (unsent <= m_limitBytes)
        return;
    if (unsent > HardLimitFactor * m_limitBytes) {
        fire(unsent);
        return;
    }
    if (!m_grace->isActive())
        m_grace->start();
}

void SendBufferWatchdog::onGraceOver()
{
    const qint64 unsent = m_unsentBytes();
    if (unsent > m_limitBytes)
        fire(unsent);
}

void SendBufferWatchdog::fire(qint64 unsentBytes)
{
    if (m_fired)
        return;
    m_fired = true;
    m_grace->stop();
    Q_EMIT overflowed(unsentBytes);
}
