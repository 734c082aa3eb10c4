#pragma once

#include <QHash>
#include <QStyledItemDelegate>
#include <QUrl>

class QTextLayout;

/**
 * Paints one row of a MessageListModel, chat style:
 * - a day separator ("Today", "Yesterday", the date) above the first row of each day;
 * - a message: local time (HH:mm; the full timestamp is the row's tooltip), the author's
 *   handle in a stable colour per handle (with the user_id suffix when two share it),
 *   "(you)" and a tint for our own messages, a check mark once delivered, "sending…" while
 *   pending, "not sent" in red when it failed (click to retry); consecutive messages of
 *   one author within MessageListModel::GroupWindowMs share one header;
 * - join/leave lines in grey italics; "N messages not available" markers centred.
 * Text is laid out with QTextLayout as plain text, wrapped to the view's width, with
 * http(s):// and www. links underlined: nothing from the network is ever read as markup.
 * Row heights are cached (by what the row shows and the width), so that QListView's
 * relayout after each insertion costs a hash lookup per row, not a text layout.
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
     * for a presence line "<handle> joined" / "<handle> left", for a marker its sentence.
     */
    static QString headerText(const QModelIndex& index);
    /// Everything the row shows, as one line: "HH:mm <header>: <text>" (for tests, a11y).
    static QString summaryText(const QModelIndex& index);
    /// The day separator's label for @p date: "Today", "Yesterday" or the long date.
    static QString dayText(const QDate& date);

    /// A link found in message text: [start, start + length) in UTF-16 units.
    struct Link
    {
        int start = 0;
        int length = 0;
        QUrl url;
    };
    /// The http(s):// and www. links in @p text (trailing punctuation excluded).
    static QList<Link> findLinks(const QString& text);

    /**
     * The link under @p pos (viewport coordinates) in the row @p index painted with
     * @p option (whose rect is the row's visual rect); an invalid QUrl when none.
     */
    QUrl linkAt(const QStyleOptionViewItem& option, const QModelIndex& index,
                const QPoint& pos) const;

    /// Forgets the cached row heights (after a font change; widths are part of the key).
    void clearSizeCache() { m_sizeCache.clear(); }

private:
    struct Geometry;
    struct SizeKey
    {
        QString text;
        QString header;
        int width = 0;
        int flags = 0;
        qreal fontSize = 0;
        friend bool operator==(const SizeKey&, const SizeKey&) = default;
        friend size_t qHash(const SizeKey& key, size_t seed = 0)
        {
            return qHashMulti(seed, key.text, key.header, key.width, key.flags, key.fontSize);
        }
    };
    static constexpr int MaxCachedSizes = 20000;

    Geometry layoutRow(const QStyleOptionViewItem& option, const QModelIndex& index,
                       QTextLayout* body) const;
    void paintDaySeparator(QPainter* painter, const QStyleOptionViewItem& option, const QRect& band,
                           const QModelIndex& index) const;
    void paintCentred(QPainter* painter, const QStyleOptionViewItem& option, const QRect& rect,
                      const QString& text) const;

    mutable QHash<SizeKey, QSize> m_sizeCache;
};
