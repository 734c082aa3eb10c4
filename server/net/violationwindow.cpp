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
    m_times.push_back(now);
    while (!m_times.empty() && now - m_times.front() > m_windowMs)
        m_times.pop_front();
    return int(m_times.size()) > m_limit;
}
