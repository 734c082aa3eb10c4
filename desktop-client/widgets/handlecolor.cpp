#include "handlecolor.h"

#include <QPalette>

quint32 HandleColor::hash(const QString& handle)
{
    // 32-bit FNV-1a over UTF-16 code units: the web client (resources/web/handlecolor.js)
    // computes the same, so a handle has one colour everywhere. Not qHash(): Qt 6 seeds it
    // per process, which gave a handle another colour at every start.
    quint32 value = 0x811c9dc5u;
    for (const QChar unit : handle) {
        value ^= unit.unicode();
        value *= 0x01000193u;
    }
    return value;
}

QColor HandleColor::of(const QString& handle, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    const int hue = 30 + int(hash(handle) % 300);
    return QColor::fromHsl(hue, 170, dark ? 170 : 90);
}
