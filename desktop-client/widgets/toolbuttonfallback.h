#pragma once

#include <QSize>

class QIcon;
class QToolButton;

/**
 * Keeps an icon-only tool button readable where its icon cannot be drawn (a Qt without
 * the SVG icon engine, an icon theme without the name): the button then shows its text
 * instead of an empty grey square. Every QToolButton of the client goes through apply(),
 * and every one has a text and a tooltip for it to fall back on.
 */
class ToolButtonFallback
{
public:
    /// True when @p icon renders to a pixmap of @p size (device-independent pixels).
    static bool canDraw(const QIcon& icon, const QSize& size = QSize(16, 16));

    /**
     * Shows @p button as Qt::ToolButtonIconOnly when its icon can be drawn, else as
     * Qt::ToolButtonTextOnly. Call after the icon and text (or default action) are set.
     */
    static void apply(QToolButton* button);
};
