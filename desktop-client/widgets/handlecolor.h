#pragma once

#include <QColor>
#include <QString>

class QPalette;

/// The colour a handle is drawn in: stable across sessions and windows (a fixed hash of the
/// handle picks the hue), readable on @p palette's base colour (light or dark).
class HandleColor
{
public:
    /**
     * @param handle  the user's handle (colour per handle, so a user is recognisable).
     * @param palette the palette drawn on; its Base lightness chooses light or dark text.
     * @return a colour with a hue in 30..330 degrees (pure red is kept for errors).
     */
    static QColor of(const QString& handle, const QPalette& palette);
    /**
     * The hash that picks the hue: 32-bit FNV-1a of @p handle's UTF-16 code units (offset
     * basis 0x811c9dc5, prime 0x01000193), the same in every process and in the web client.
     */
    static quint32 hash(const QString& handle);
};
