#pragma once

#include "messagerow.h"
#include "presenceevent.h"

#include <QList>
#include <QSet>

/**
 * The rows behind a MessageListModel without the model: the entries in display order
 * (stored messages by seq, presence lines and gap markers where they arrived, pending
 * messages last), the set of stored seqs they hold, and the questions asked about them
 * (where a seq goes, where the pending rows start, where a day starts, which rows group
 * under one header). Knows nothing of Qt's model signals or of the window policy; the model
 * brackets every change with them.
 */
class MessageRows
{
public:
    using Kind = MessageRow::Kind;
    using Delivery = MessageRow::Delivery;

    /// Messages of one author closer than this (ms) are grouped under one header.
    static constexpr qint64 GroupWindowMs = 5 * 60 * 1000;

    using Row = MessageRow;

    /// A stored (delivered) message row.
    static Row storedRow(const ChatMessage& message);
    /// A join or leave line.
    static Row presenceRow(const PresenceEvent& event);
    /// A marker for @p count messages the server no longer has, stamped @p ts.
    static Row gapRow(int count, const QDateTime& ts);
    /**
     * The user's own message before the server stored it.
     * @param userId, handle who the user is at the moment (pending rows are always theirs).
     */
    static Row pendingRow(const QString& clientId, const QString& text, const QDateTime& localTime,
                          const QString& userId, const QString& handle);

    int size() const { return int(m_rows.size()); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    /// Row @p row, 0 <= row < size().
    const Row& at(int row) const { return m_rows.at(row); }
    /// Row @p row for changes that keep its seq (delivery, own user id).
    Row& rowAt(int row) { return m_rows[row]; }

    /// Inserts @p rows before row @p row (0..size()) and records their seqs (when > 0).
    void insert(int row, const QList<Row>& rows);
    /// Removes @p count rows from row @p row and forgets their seqs.
    void remove(int row, int count);
    /// Removes every row.
    void clear();

    /// True when a row holds the stored message @p seq.
    bool containsSeq(qint64 seq) const { return m_seqs.contains(seq); }
    /// Lowest seq held, 0 when none.
    qint64 firstSeq() const;
    /// Highest seq held, 0 when none.
    qint64 newestSeq() const;
    /// The messages of @p messages with a seq below firstSeq() (any when empty) not held
    /// yet, ascending by seq without duplicates.
    QList<ChatMessage> olderThanHeld(const QList<ChatMessage>& messages) const;
    /// The messages of @p messages with a seq above newestSeq() not held yet, ascending by
    /// seq without duplicates.
    QList<ChatMessage> newerThanHeld(const QList<ChatMessage>& messages) const;

    /// Where stored message @p seq goes: after every stored row with a lower seq (and after
    /// presence lines when it is the newest), before the pending rows.
    int insertionRowFor(qint64 seq) const;
    /// The first pending (or failed) row; size() when there is none.
    int firstPendingRow() const;
    /// The pending row sent with @p clientId, -1 when none.
    int rowOfPending(const QString& clientId) const;
    /// Client ids and texts of the pending (or failed) rows, oldest first.
    QList<std::pair<QString, QString>> pendingMessages() const;

    /// True for row 0 and for a row whose local date differs from the row above (rows
    /// without a timestamp never start a day).
    bool isFirstOfDay(int row) const;
    /// True for a delivered message by the same author as the message above, on the same
    /// day and less than GroupWindowMs after it.
    bool isGrouped(int row) const;

private:
    QList<Row> m_rows;
    QSet<qint64> m_seqs;
};
