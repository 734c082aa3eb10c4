#include "sendbufferwatchdog.h"

#include <QTimer>

SendBufferWatchdog::SendBufferWatchdog(std::function<qint64()> unsentBytes,
                                       std::function<void()> flush, qint64 limitBytes, int graceMs,
                                       QObject* parent)
    : QObject(parent)
    , m_unsentBytes(std::move(unsentBytes))
    , m_flush(std::move(flush))
    , m_limitBytes(limitBytes)
    , m_grace(new QTimer(this))
{
    m_grace->setSingleShot(true);
    m_grace->setInterval(graceMs);
    connect(m_grace, &QTimer::timeout, this, &SendBufferWatchdog::onGraceOver);
}

void SendBufferWatchdog::onBytesQueued()
{
    if (m_fired || m_grace->isActive() || m_unsentBytes() <= m_limitBytes)
        return;
    m_flush();
    const qint64 unsent = m_unsentBytes();
    if (unsent > m_limitBytes) {
        m_lastLook = unsent;
        m_grace->start();
    }
}

void SendBufferWatchdog::onGraceOver()
{
    const qint64 unsent = m_unsentBytes();
    if (unsent <= m_limitBytes || m_fired)
        return;
    if (unsent < m_lastLook) { // draining: give it another period
        m_lastLook = unsent;
        m_grace->start();
        return;
    }
    m_fired = true;
    Q_EMIT overflowed(unsent);
}
