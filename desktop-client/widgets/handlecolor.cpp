#include "handlecolor.h"

#include <QHash>
#include <QPalette>

QColor HandleColor::of(const QString& handle, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    const int hue = 30 + int(qHash(handle, 0x5eed) % 300);
    return QColor::fromHsl(hue, 170, dark ? 170 : 90);
}
