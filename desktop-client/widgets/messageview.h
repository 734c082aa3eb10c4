#pragma once

#include <QListView>

class MessageDelegate;

/**
 * The message list of a room (objectName "messageView"), painted by MessageDelegate:
 * - follows new messages while scrolled to the bottom, and keeps what is on screen in
 *   place when older messages are inserted above;
 * - asks for older history when scrolled to the top (olderMessagesWanted()) and, when the
 *   model's window no longer holds the newest messages, for newer ones at the bottom;
 * - links open on click (linkActivated()), failed messages are retried on click
 *   (retryRequested()); the context menu and Ctrl+C copy a message's text or a link;
 * - findText() selects the next message containing a text (Ctrl+F).
 */
class MessageView : public QListView
{
    Q_OBJECT

public:
    explicit MessageView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;

    /**
     * Selects and shows the next row containing @p text (case-insensitive), searching up
     * (older) from the current row when @p older, else down; wraps around. With
     * @p fromCurrent the current row itself is tried first (search as you type).
     * @return false when no row contains it.
     */
    bool findText(const QString& text, bool older, bool fromCurrent = false);

    /// Copies the text of the current message to the clipboard.
    void copyCurrent();

    /// True when the last row is (nearly) fully in view.
    bool isAtBottom() const;

Q_SIGNALS:
    /// The user scrolled to the top: load older messages if there are any.
    void olderMessagesWanted();
    /// The user scrolled to the bottom of a window that lacks the newest messages.
    void newerMessagesWanted();
    /// A link in a message was clicked.
    void linkActivated(const QUrl& url);
    /// A failed message (client id @p clientId) was clicked: send it again.
    void retryRequested(const QString& clientId);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void updateGeometries() override;

private:
    void onRowsAboutToBeInserted(const QModelIndex& parent, int first, int last);
    void onRowsInserted(const QModelIndex& parent, int first, int last);
    void onScrolled(int value);
    QUrl linkAt(const QPoint& pos) const;

    MessageDelegate* m_delegate;
    bool m_followBottom = true; // scrolled to the bottom: stay there as rows arrive
    int m_keepFromBottom = -1;  // distance from the bottom to restore after a prepend
};
