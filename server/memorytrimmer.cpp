#include "memorytrimmer.h"

#include "serverlogging.h"

#include <QTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

MemoryTrimmer::MemoryTrimmer(int intervalMs, qint64 thresholdBytes, QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
    , m_thresholdBytes(thresholdBytes)
{
    connect(m_timer, &QTimer::timeout, this, &MemoryTrimmer::trimIfWorthIt);
    m_timer->start(intervalMs);
}

qint64 MemoryTrimmer::trimIfWorthIt()
{
#if defined(__GLIBC__)
    const struct mallinfo2 before = mallinfo2();
    if (qint64(before.fordblks) < m_thresholdBytes)
        return 0;
    malloc_trim(0);
    const struct mallinfo2 after = mallinfo2();
    const qint64 released = qint64(before.fordblks) - qint64(after.fordblks);
    qCDebug(lcServerNet) << "returned" << released / 1024 << "KiB of free heap to the system";
    return released;
#else
    return 0;
#endif
}
