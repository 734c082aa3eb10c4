#include "violationwindow.h"

ViolationWindow::ViolationWindow(int limit, int windowMs)
    : m_limit(limit)
    , m_windowMs(windowMs)
{
    m_clock.start();
}

bool ViolationWindow::record()
{
    return recordAt(m_clock.elapsed());
}

bool ViolationWindow::recordAt(qint64 now)
{
    m_times.append(now);
    while (!m_times.isEmpty() && now - m_times.first() > m_windowMs)
        m_times.removeFirst();
    return int(m_times.size()) > m_limit;
}
