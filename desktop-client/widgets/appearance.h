#pragma once

#include "clientsettings.h"

#include <QFont>
#include <QPalette>
#include <QString>

class QApplication;

/**
 * Applies the theme and font size settings to the whole application. Light and Dark use
 * the Fusion style with a fixed palette (so they look the same on every desktop); System
 * restores the style, palette and font the application started with.
 */
class Appearance
{
public:
    /// Remembers @p app's current style, palette and font as the "System" look.
    explicit Appearance(QApplication* app);

    /**
     * @param theme      the colour scheme.
     * @param fontPoints font size in points, 0 for the system's.
     */
    void apply(ClientSettings::Theme theme, int fontPoints);

    /// The palette of a fixed theme (Light or Dark; System gives the remembered one).
    QPalette paletteFor(ClientSettings::Theme theme) const;

private:
    QApplication* m_app;
    QString m_systemStyle;
    QPalette m_systemPalette;
    QFont m_systemFont;
};
