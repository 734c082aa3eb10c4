#include "appearance.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

Appearance::Appearance(QApplication* app)
    : m_app(app)
    , m_systemStyle(app->style()->name())
    , m_systemPalette(QApplication::palette())
    , m_systemFont(QApplication::font())
{}

QPalette Appearance::paletteFor(ClientSettings::Theme theme) const
{
    if (theme == ClientSettings::Theme::System)
        return m_systemPalette;
    const bool dark = theme == ClientSettings::Theme::Dark;
    const QColor window = dark ? QColor(0x2b, 0x2d, 0x31) : QColor(0xf3, 0xf4, 0xf6);
    const QColor base = dark ? QColor(0x1f, 0x20, 0x23) : QColor(0xff, 0xff, 0xff);
    const QColor text = dark ? QColor(0xe6, 0xe7, 0xe9) : QColor(0x1d, 0x1f, 0x23);
    const QColor button = dark ? QColor(0x38, 0x3a, 0x40) : QColor(0xe8, 0xea, 0xed);
    const QColor highlight = dark ? QColor(0x4a, 0x8c, 0xe0) : QColor(0x2f, 0x6f, 0xd1);
    const QColor dim = dark ? QColor(0x9a, 0x9d, 0xa3) : QColor(0x6b, 0x70, 0x78);
    QPalette palette(button, window);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, dim);
    palette.setColor(QPalette::Link, dark ? QColor(0x7a, 0xb4, 0xff) : QColor(0x1a, 0x5f, 0xc8));
    palette.setColor(QPalette::BrightText, Qt::red);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, dim);
    return palette;
}

void Appearance::apply(ClientSettings::Theme theme, int fontPoints)
{
    if (theme == ClientSettings::Theme::System) {
        m_app->setStyle(QStyleFactory::create(m_systemStyle));
        QApplication::setPalette(m_systemPalette);
    } else {
        m_app->setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(paletteFor(theme));
    }
    QFont font = m_systemFont;
    if (fontPoints > 0)
        font.setPointSize(fontPoints);
    QApplication::setFont(font);
}
