#pragma once

#include <QStyledItemDelegate>

class QTextLayout;

/**
 * Paints one row of a MessageListModel: local time (HH:mm), the author's handle in a
 * stable colour per handle, "(you)" and a tinted background for the user's own messages,
 * pending messages dimmed with "sending…", failed ones marked "not sent", and join/leave
 * lines in grey italics. Message text is laid out with QTextLayout as plain text and
 * wrapped to the view's width: nothing from the network is ever interpreted as markup.
 */
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit MessageDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// Local time of the row as shown, "HH:mm".
    static QString timeText(const QModelIndex& index);
    /**
     * The header line as painted: for a message "<handle>[ (you)][ · sending…|not sent]",
     * for a presence line "<handle> joined" / "<handle> left".
     */
    static QString headerText(const QModelIndex& index);
    /// Everything the row shows, as one line: "HH:mm <header>: <text>" (for tests, a11y).
    static QString summaryText(const QModelIndex& index);

private:
    struct Geometry;
    Geometry layoutRow(const QStyleOptionViewItem& option, const QModelIndex& index,
                       QTextLayout* body) const;
};
