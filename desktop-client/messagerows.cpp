#include "messagerows.h"

#include <QTimeZone>

#include <algorithm>

namespace {
// QDateTime::toLocalTime() goes through the C library, which stats /etc/localtime on every
// call; the system QTimeZone computes offsets from its own copy of the rules.
QDate localDateOf(const QDateTime& ts)
{
    static const QTimeZone zone = QTimeZone::systemTimeZone();
    return ts.isValid() ? ts.toTimeZone(zone).date() : QDate();
}

QList<ChatMessage> sortedUnique(QList<ChatMessage> messages)
{
    std::sort(messages.begin(), messages.end(),
              [](const ChatMessage& a, const ChatMessage& b) { return a.seq < b.seq; });
    messages.erase(
        std::unique(messages.begin(), messages.end(),
                    [](const ChatMessage& a, const ChatMessage& b) { return a.seq == b.seq; }),
        messages.end());
    return messages;
}
} // namespace

MessageRows::Row MessageRows::storedRow(const ChatMessage& message)
{
    Row row;
    row.message = message;
    row.localDate = localDateOf(message.ts);
    return row;
}

MessageRows::Row MessageRows::presenceRow(const PresenceEvent& event)
{
    Row row;
    row.kind = event.kind == PresenceEvent::Kind::Joined ? Kind::Joined : Kind::Left;
    row.message.room = event.room;
    row.message.userId = event.userId;
    row.message.handle = event.handle;
    row.message.ts = event.ts;
    row.reason = event.reason;
    row.localDate = localDateOf(row.message.ts);
    return row;
}

MessageRows::Row MessageRows::gapRow(int count, const QDateTime& ts)
{
    Row row;
    row.kind = Kind::Gap;
    row.gapCount = count;
    row.message.ts = ts;
    row.localDate = localDateOf(ts);
    return row;
}

MessageRows::Row MessageRows::pendingRow(const QString& clientId, const QString& text,
                                         const QDateTime& localTime, const QString& userId,
                                         const QString& handle)
{
    Row row;
    row.delivery = Delivery::Pending;
    row.message.userId = userId;
    row.message.handle = handle;
    row.message.text = text;
    row.message.ts = localTime;
    row.message.clientId = clientId;
    row.localDate = localDateOf(localTime);
    return row;
}

void MessageRows::insert(int row, const QList<Row>& rows)
{
    m_rows.insert(row, rows.size(), Row{});
    std::copy(rows.begin(), rows.end(), m_rows.begin() + row);
    for (const Row& inserted : rows) {
        if (inserted.message.seq > 0)
            m_seqs.insert(inserted.message.seq);
    }
}

void MessageRows::remove(int row, int count)
{
    for (int r = row; r < row + count; ++r)
        m_seqs.remove(m_rows.at(r).message.seq);
    m_rows.remove(row, count);
}

void MessageRows::clear()
{
    m_rows.clear();
    m_seqs.clear();
}

qint64 MessageRows::firstSeq() const
{
    for (const Row& row : m_rows) {
        if (row.message.seq > 0)
            return row.message.seq;
    }
    return 0;
}

qint64 MessageRows::newestSeq() const
{
    for (auto it = m_rows.crbegin(); it != m_rows.crend(); ++it) {
        if (it->message.seq > 0)
            return it->message.seq;
    }
    return 0;
}

QList<ChatMessage> MessageRows::olderThanHeld(const QList<ChatMessage>& messages) const
{
    const qint64 first = firstSeq();
    QList<ChatMessage> older;
    for (const ChatMessage& message : messages) {
        if (message.seq > 0 && (first == 0 || message.seq < first) && !containsSeq(message.seq))
            older.append(message);
    }
    return sortedUnique(std::move(older));
}

QList<ChatMessage> MessageRows::newerThanHeld(const QList<ChatMessage>& messages) const
{
    const qint64 newest = newestSeq();
    QList<ChatMessage> newer;
    for (const ChatMessage& message : messages) {
        if (message.seq > newest && !containsSeq(message.seq))
            newer.append(message);
    }
    return sortedUnique(std::move(newer));
}

int MessageRows::insertionRowFor(qint64 seq) const
{
    const int end = firstPendingRow();
    if (seq > newestSeq())
        return end; // the usual case: newer than everything, after any presence line
    // A back-filled message goes right before the first stored message with a larger seq.
    int row = end;
    for (int r = end - 1; r >= 0; --r) {
        const Row& entry = m_rows.at(r);
        if (entry.kind != Kind::Message)
            continue;
        if (entry.message.seq < seq)
            break;
        row = r;
    }
    return row;
}

int MessageRows::firstPendingRow() const
{
    int row = size();
    while (row > 0 && m_rows.at(row - 1).delivery != Delivery::Delivered)
        --row;
    return row;
}

int MessageRows::rowOfPending(const QString& clientId) const
{
    for (int row = size() - 1; row >= 0; --row) {
        const Row& entry = m_rows.at(row);
        if (entry.delivery == Delivery::Delivered)
            break;
        if (entry.message.clientId == clientId)
            return row;
    }
    return -1;
}

QList<std::pair<QString, QString>> MessageRows::pendingMessages() const
{
    QList<std::pair<QString, QString>> pending;
    for (int row = firstPendingRow(); row < size(); ++row) {
        const Row& entry = m_rows.at(row);
        pending.append({entry.message.clientId, entry.message.text});
    }
    return pending;
}

bool MessageRows::isFirstOfDay(int row) const
{
    if (row == 0)
        return true;
    const QDate date = m_rows.at(row).localDate;
    const QDate previous = m_rows.at(row - 1).localDate;
    return date.isValid() && previous.isValid() && date != previous;
}

bool MessageRows::isGrouped(int row) const
{
    if (row == 0)
        return false;
    const Row& entry = m_rows.at(row);
    const Row& previous = m_rows.at(row - 1);
    if (entry.kind != Kind::Message || previous.kind != Kind::Message)
        return false;
    if (entry.delivery != Delivery::Delivered) // its state is shown in the header
        return false;
    if (entry.message.userId.isEmpty() || entry.message.userId != previous.message.userId)
        return false;
    if (isFirstOfDay(row))
        return false;
    return std::abs(previous.message.ts.msecsTo(entry.message.ts)) < GroupWindowMs;
}
