#include "messageinput.h"

#include <QKeyEvent>
#include <QTextBlock>

MessageInput::MessageInput(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("messageInput"));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &QWidget::updateGeometry);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &QWidget::updateGeometry);
}

QSize MessageInput::sizeHint() const
{
    // Visual lines (wrapped), not just paragraphs.
    int lines = 0;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next())
        lines += std::max(1, block.layout() ? block.layout()->lineCount() : 1);
    return {QPlainTextEdit::sizeHint().width(),
            heightForLines(std::clamp(lines, 1, MaxVisibleLines))};
}

QSize MessageInput::minimumSizeHint() const
{
    return {100, heightForLines(1)};
}

bool MessageInput::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const Qt::KeyboardModifiers mods = key->modifiers();
        const bool ctrl = mods & Qt::ControlModifier;
        const bool alt = mods & Qt::AltModifier;
        switch (key->key()) {
        case Qt::Key_K:
        case Qt::Key_W:
        case Qt::Key_F:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            if (ctrl)
                return false; // not overridden: the window's shortcut runs
            break;
        case Qt::Key_Up:
        case Qt::Key_Down:
            if (alt)
                return false;
            break;
        default:
            break;
        }
    }
    return QPlainTextEdit::event(event);
}

void MessageInput::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT submitted();
        event->accept();
        return;
    }
    if (enter) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

int MessageInput::heightForLines(int lines) const
{
    const int margins = contentsMargins().top() + contentsMargins().bottom() +
                        int(2 * document()->documentMargin());
    return fontMetrics().lineSpacing() * lines + margins + 2;
}
