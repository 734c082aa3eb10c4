#include "memorytrimmer.h"

#include "opslogging.h"

#include <QTimer>

#include <algorithm>

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
    // Free memory that a trim left behind is scattered between live objects and stays
    // free in the allocator's view; trimming it again every interval would only stall
    // the event loop (milliseconds on a large heap) and fault the pages back in. Only new
    // free memory beyond that residue, a burst's worth, calls for another trim.
    if (qint64(before.fordblks) - m_residueBytes < m_thresholdBytes) {
        m_residueBytes = std::min(m_residueBytes, qint64(before.fordblks));
        return 0;
    }
    malloc_trim(0);
    m_residueBytes = qint64(mallinfo2().fordblks);
    const qint64 released = qint64(before.fordblks) - m_residueBytes;
    qCDebug(lcProcess) << "returned" << released / 1024 << "KiB of free heap to the system";
    return released;
#else
    return 0;
#endif
}
