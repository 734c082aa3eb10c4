// MemoryTrimmer: a burst of freed heap is given back once, nothing below the threshold,
// and the residue a trim leaves does not trigger the next one.

#include "memorytrimmer.h"

#include <QTest>

#include <memory>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

/// Allocates @p bytes in small blocks (below the mmap threshold: on the heap), then frees
/// them, oldest first, so that they coalesce into free memory at the top of the heap; with
/// free()'s own trimming turned off (M_TRIM_THRESHOLD), as after a burst of long-lived
/// objects, that memory stays with the allocator.
void burst(qint64 bytes)
{
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
    constexpr int Block = 1024;
    std::vector<std::unique_ptr<char[]>> blocks;
    blocks.reserve(size_t(bytes / Block));
    for (qint64 i = 0; i < bytes / Block; ++i) {
        blocks.emplace_back(new char[Block]);
        blocks.back()[0] = char(i); // touch it
    }
    for (auto& block : blocks)
        block.reset();
}

qint64 freeHeapBytes()
{
#if defined(__GLIBC__)
    return qint64(mallinfo2().fordblks);
#else
    return 0;
#endif
}

} // namespace

class tst_MemoryTrimmer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
#if !defined(__GLIBC__)
        QSKIP("malloc_trim is glibc only");
#endif
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("the sanitizer's allocator keeps no glibc heap");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
        QSKIP("the sanitizer's allocator keeps no glibc heap");
#endif
#endif
    }

    void burstIsGivenBackOnce()
    {
        const qint64 threshold = 4 * 1024 * 1024;
        MemoryTrimmer trimmer(3600000, threshold); // the timer never fires here
        trimmer.trimIfWorthIt();                   // start from a trimmed heap
        burst(32 * 1024 * 1024);
        QVERIFY2(freeHeapBytes() > threshold, "the burst left no free heap to trim");
        const qint64 released = trimmer.trimIfWorthIt();
        QVERIFY2(released > threshold, qPrintable(QString::number(released)));
        QVERIFY(freeHeapBytes() < threshold);
        // Nothing new since: no second trim.
        QCOMPARE(trimmer.trimIfWorthIt(), 0);
    }

    void belowTheThresholdNothingIsTrimmed()
    {
        MemoryTrimmer trimmer(3600000, qint64(1) << 40); // 1 TiB: never reached
        burst(8 * 1024 * 1024);
        const qint64 before = freeHeapBytes();
        QCOMPARE(trimmer.trimIfWorthIt(), 0);
        QCOMPARE(freeHeapBytes(), before); // malloc_trim was not called
    }
};

QTEST_GUILESS_MAIN(tst_MemoryTrimmer)
#include "tst_memorytrimmer.moc"
