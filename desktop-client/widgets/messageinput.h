#pragma once

#include <QPlainTextEdit>

/**
 * The multi-line message field: Enter sends (submitted()), Shift+Enter starts a new line;
 * it grows with its text up to MaxVisibleLines and scrolls beyond. Plain text only (pasted
 * rich text arrives as plain text). The window's room shortcuts (Ctrl+K, Ctrl+Tab,
 * Alt+Up/Down, ...) win over the editor's own bindings (on X11 Ctrl+K would delete to the
 * end of the line). objectName "messageInput".
 */
class MessageInput : public QPlainTextEdit
{
    Q_OBJECT

public:
    /// Lines shown before the field scrolls.
    static constexpr int MaxVisibleLines = 6;

    explicit MessageInput(QWidget* parent = nullptr);

    /// The text as typed.
    QString text() const { return toPlainText(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// Enter was pressed (without Shift): send the text.
    void submitted();

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    int heightForLines(int lines) const;
};
