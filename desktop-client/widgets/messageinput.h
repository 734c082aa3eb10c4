#pragma once

#include <QPlainTextEdit>

/**
 * The multi-line message field: Enter sends (submitted()), Shift+Enter starts a new line;
 * it grows with its text up to MaxVisibleLines and scrolls beyond. Plain text only (pasted
 * rich text arrives as plain text). objectName "messageInput".
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
    void keyPressEvent(QKeyEvent* event) override;

private:
    int heightForLines(int lines) const;
};
