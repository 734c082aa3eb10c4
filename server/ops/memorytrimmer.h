#pragma once

#include <QObject>

class QTimer;

/**
 * Gives freed heap memory back to the operating system (docs/security.md, "Memory").
 * glibc keeps the memory of freed objects for reuse; after a burst (thousands of
 * connections opened and closed, a flood of large frames) the server's RSS would stay at
 * its peak although the memory is free. Every intervalMs this checks how much free memory
 * the allocator holds and, when it has grown by more than thresholdBytes since the last
 * trim, calls malloc_trim(0). No-op on C libraries other than glibc.
 */
class MemoryTrimmer : public QObject
{
    Q_OBJECT

public:
    /**
     * @param intervalMs     how often to check, ms.
     * @param thresholdBytes free bytes held by the allocator that trigger a trim.
     */
    MemoryTrimmer(int intervalMs, qint64 thresholdBytes, QObject* parent = nullptr);

    /// Checks now (and trims when over the threshold); returns the bytes the allocator gave
    /// back from its top (pages released inside the heap are not counted), or 0.
    qint64 trimIfWorthIt();

private:
    QTimer* m_timer = nullptr;
    const qint64 m_thresholdBytes;
    qint64 m_residueBytes = 0; ///< free heap bytes the last trim left, bytes
};
