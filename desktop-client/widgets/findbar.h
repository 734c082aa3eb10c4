#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

/**
 * Find in the room (Ctrl+F): a search field ("findEdit"; Enter finds the next match
 * upwards, i.e. older, Shift+Enter the next one downwards), previous/next buttons, a
 * "not found" note ("findStatus") and a close button; Esc closes it.
 */
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(QWidget* parent = nullptr);

    /// Shows the bar and focuses the field with its text selected.
    void activate();
    /// The text searched for.
    QString text() const;
    /// Shows whether the last search found something.
    void setFound(bool found);

Q_SIGNALS:
    /// Find @p text: the next match above the current one when @p older, else below.
    void findRequested(const QString& text, bool older);
    /// The text was edited to @p text (not empty): find it from the current match on.
    void textEdited(const QString& text);
    /// The bar was closed (Esc or the close button).
    void closed();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void close();

    QLineEdit* m_edit;
    QToolButton* m_older;
    QToolButton* m_newer;
    QToolButton* m_close;
    QLabel* m_status;
};
