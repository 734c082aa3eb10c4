#include "messagelistmodel.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace {
// How much a window may overshoot maxRows before it is trimmed, so that a busy room trims
// in chunks and not on every message.
int slack(int maxRows)
{
    return std::max(10, maxRows / 10);
}

// QDateTime::toLocalTime() goes through the C library, which stats /etc/localtime on every
// call; the system QTimeZone computes offsets from its own copy of the rules.
QDate localDateOf(const QDateTime& ts)
{
    static const QTimeZone zone = QTimeZone::systemTimeZone();
    return ts.isValid() ? ts.toTimeZone(zone).date() : QDate();
}
} // namespace

MessageListModel::MessageListModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int MessageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& entry = m_entries.at(index.row());
    const ChatMessage& m = entry.message;
    switch (role) {
    case Qt::DisplayRole:
        if (entry.kind == Kind::Gap)
            return tr("%n message(s) not available", nullptr, entry.gapCount);
        return m.text;
    case TextRole:
        return m.text;
    case Qt::ToolTipRole:
        return m.ts.isValid() ? QLocale().toString(m.ts.toLocalTime(), QLocale::LongFormat)
                              : QString();
    case KindRole:
        return QVariant::fromValue(entry.kind);
    case SeqRole:
        return m.seq;
    case MessageIdRole:
        return m.id;
    case UserIdRole:
        return m.userId;
    case HandleRole:
        return m.handle;
    case TimestampRole:
        return m.ts;
    case ClientIdRole:
        return m.clientId;
    case IsOwnRole:
        return entry.kind == Kind::Message && !m_ownUserId.isEmpty() && m.userId == m_ownUserId;
    case DeliveryRole:
        return QVariant::fromValue(entry.delivery);
    case GapCountRole:
        return entry.gapCount;
    case FirstOfDayRole:
        return isFirstOfDay(index.row());
    case GroupedRole:
        return isGrouped(index.row());
    case DisplayHandleRole:
        return displayHandle(m.userId, m.handle);
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({
        {KindRole, "kind"},
        {SeqRole, "seq"},
        {MessageIdRole, "messageId"},
        {UserIdRole, "userId"},
        {HandleRole, "handle"},
        {TextRole, "text"},
        {TimestampRole, "timestamp"},
        {ClientIdRole, "clientId"},
        {IsOwnRole, "isOwn"},
        {DeliveryRole, "delivery"},
        {GapCountRole, "gapCount"},
        {FirstOfDayRole, "firstOfDay"},
        {GroupedRole, "grouped"},
        {DisplayHandleRole, "displayHandle"},
    });
    return names;
}

void MessageListModel::setOwnUserId(const QString& userId)
{
    if (userId == m_ownUserId)
        return;
    m_ownUserId = userId;
    for (Entry& entry : m_entries) {
        if (entry.delivery != Delivery::Delivered)
            entry.message.userId = userId; // pending rows are always ours
    }
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {IsOwnRole, GroupedRole});
    Q_EMIT ownUserIdChanged();
}

void MessageListModel::setMaxRows(int rows)
{
    m_maxRows = std::max(100, rows);
}

bool MessageListModel::addMessage(const ChatMessage& message)
{
    if (message.seq <= 0 || m_seqs.contains(message.seq))
        return false;
    noteUser(message.userId, message.handle);
    dropPending(message);
    if (m_newerTrimmed && message.seq > newestLoadedSeq()) {
        // Outside the window: shown when the newer pages are loaded again.
        m_lastSeq = std::max(m_lastSeq, message.seq);
        return true;
    }
    const int row = insertionRowFor(message.seq);
    m_seqs.insert(message.seq);
    m_lastSeq = std::max(m_lastSeq, message.seq);
    insertEntries(row, {makeEntry(Kind::Message, Delivery::Delivered, message)});
    trimOldest();
    return true;
}

void MessageListModel::addMessages(const QList<ChatMessage>& messages)
{
    // The usual join or gap fill: all newer than everything, ascending. One insertion.
    bool appendOnly = !m_newerTrimmed;
    qint64 previous = m_lastSeq;
    for (const ChatMessage& message : messages) {
        if (message.seq <= previous) {
            appendOnly = false;
            break;
        }
        previous = message.seq;
    }
    if (!appendOnly) {
        for (const ChatMessage& message : messages)
            addMessage(message);
        return;
    }
    QList<Entry> entries;
    entries.reserve(messages.size());
    for (const ChatMessage& message : messages) {
        noteUser(message.userId, message.handle);
        dropPending(message);
        m_seqs.insert(message.seq);
        m_lastSeq = message.seq;
        entries.append(makeEntry(Kind::Message, Delivery::Delivered, message));
    }
    insertEntries(firstPendingRow(), entries);
    trimOldest();
}

int MessageListModel::addOlderMessages(const QList<ChatMessage>& messages, bool hasMore)
{
    const qint64 first = firstSeq();
    QList<ChatMessage> older;
    for (const ChatMessage& message : messages) {
        if (message.seq > 0 && (first == 0 || message.seq < first) && !m_seqs.contains(message.seq))
            older.append(message);
    }
    std::sort(older.begin(), older.end(),
              [](const ChatMessage& a, const ChatMessage& b) { return a.seq < b.seq; });
    older.erase(
        std::unique(older.begin(), older.end(),
                    [](const ChatMessage& a, const ChatMessage& b) { return a.seq == b.seq; }),
        older.end());
    m_olderExhausted = !hasMore;
    if (older.isEmpty())
        return 0;
    QList<Entry> entries;
    entries.reserve(older.size());
    for (const ChatMessage& message : std::as_const(older)) {
        noteUser(message.userId, message.handle);
        m_seqs.insert(message.seq);
        m_lastSeq = std::max(m_lastSeq, message.seq);
        entries.append(makeEntry(Kind::Message, Delivery::Delivered, message));
    }
    insertEntries(0, entries);
    trimNewest();
    return int(entries.size());
}

int MessageListModel::addNewerMessages(const QList<ChatMessage>& messages)
{
    const qint64 newest = newestLoadedSeq();
    QList<ChatMessage> newer;
    for (const ChatMessage& message : messages) {
        if (message.seq > newest && !m_seqs.contains(message.seq))
            newer.append(message);
    }
    std::sort(newer.begin(), newer.end(),
              [](const ChatMessage& a, const ChatMessage& b) { return a.seq < b.seq; });
    QList<Entry> entries;
    for (const ChatMessage& message : std::as_const(newer)) {
        if (!entries.isEmpty() && entries.constLast().message.seq == message.seq)
            continue;
        noteUser(message.userId, message.handle);
        m_seqs.insert(message.seq);
        m_lastSeq = std::max(m_lastSeq, message.seq);
        entries.append(makeEntry(Kind::Message, Delivery::Delivered, message));
    }
    if (!entries.isEmpty())
        insertEntries(firstPendingRow(), entries);
    if (newestLoadedSeq() >= m_lastSeq)
        m_newerTrimmed = false;
    trimOldest();
    return int(entries.size());
}

void MessageListModel::addPresence(const PresenceEvent& event)
{
    if (m_newerTrimmed)
        return; // it belongs after rows that are not loaded
    noteUser(event.userId, event.handle);
    Entry entry;
    entry.kind = event.kind == PresenceEvent::Kind::Joined ? Kind::Joined : Kind::Left;
    entry.message.room = event.room;
    entry.message.userId = event.userId;
    entry.message.handle = event.handle;
    entry.message.ts = event.ts;
    entry.reason = event.reason;
    entry.localDate = localDateOf(entry.message.ts);
    insertEntries(firstPendingRow(), {entry});
    trimOldest();
}

void MessageListModel::addGap(int count)
{
    if (count <= 0)
        return;
    Entry entry;
    entry.kind = Kind::Gap;
    entry.gapCount = count;
    entry.message.ts = QDateTime::currentDateTimeUtc();
    entry.localDate = localDateOf(entry.message.ts);
    insertEntries(firstPendingRow(), {entry});
}

void MessageListModel::addPending(const QString& clientId, const QString& text,
                                  const QDateTime& localTime)
{
    Entry entry;
    entry.delivery = Delivery::Pending;
    entry.message.userId = m_ownUserId;
    entry.message.handle = m_ownHandle;
    entry.message.text = text;
    entry.message.ts = localTime;
    entry.message.clientId = clientId;
    entry.localDate = localDateOf(entry.message.ts);
    insertEntries(rowCount(), {entry});
}

void MessageListModel::setPendingFailed(const QString& clientId, bool failed)
{
    const int row = rowOfPending(clientId);
    if (row < 0)
        return;
    m_entries[row].delivery = failed ? Delivery::Failed : Delivery::Pending;
    Q_EMIT dataChanged(index(row), index(row), {DeliveryRole});
}

QList<std::pair<QString, QString>> MessageListModel::pendingMessages() const
{
    QList<std::pair<QString, QString>> pending;
    for (int row = firstPendingRow(); row < m_entries.size(); ++row) {
        const Entry& entry = m_entries.at(row);
        pending.append({entry.message.clientId, entry.message.text});
    }
    return pending;
}

void MessageListModel::noteUser(const QString& userId, const QString& handle)
{
    if (userId.isEmpty() || handle.isEmpty())
        return;
    QStringList& users = m_usersByHandle[handle];
    if (users.contains(userId))
        return;
    users.append(userId);
    if (users.size() == 2 && !m_entries.isEmpty()) // the handle just became ambiguous
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {DisplayHandleRole});
}

QString MessageListModel::displayHandle(const QString& userId, const QString& handle) const
{
    if (m_usersByHandle.value(handle).size() < 2 || userId.isEmpty())
        return handle;
    return handle + QLatin1String(" #") + userId.right(4);
}

qint64 MessageListModel::firstSeq() const
{
    for (const Entry& entry : m_entries) {
        if (entry.message.seq > 0)
            return entry.message.seq;
    }
    return 0;
}

qint64 MessageListModel::newestLoadedSeq() const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->message.seq > 0)
            return it->message.seq;
    }
    return 0;
}

bool MessageListModel::canFetchOlder() const
{
    return firstSeq() > 1 && !m_olderExhausted;
}

void MessageListModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_seqs.clear();
    m_lastSeq = 0;
    m_olderExhausted = false;
    m_newerTrimmed = false;
    endResetModel();
}

MessageListModel::Entry MessageListModel::makeEntry(Kind kind, Delivery delivery,
                                                    const ChatMessage& message)
{
    Entry entry;
    entry.kind = kind;
    entry.delivery = delivery;
    entry.message = message;
    entry.localDate = localDateOf(message.ts);
    return entry;
}

bool MessageListModel::isFirstOfDay(int row) const
{
    if (row == 0)
        return true;
    const QDate date = m_entries.at(row).localDate;
    const QDate previous = m_entries.at(row - 1).localDate;
    return date.isValid() && previous.isValid() && date != previous;
}

bool MessageListModel::isGrouped(int row) const
{
    if (row == 0)
        return false;
    const Entry& entry = m_entries.at(row);
    const Entry& previous = m_entries.at(row - 1);
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

void MessageListModel::insertEntries(int row, const QList<Entry>& entries)
{
    if (entries.isEmpty())
        return;
    beginInsertRows({}, row, row + int(entries.size()) - 1);
    m_entries.insert(row, entries.size(), Entry{});
    std::copy(entries.begin(), entries.end(), m_entries.begin() + row);
    endInsertRows();
    neighboursChanged(row + int(entries.size()));
}

void MessageListModel::removeEntries(int row, int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, row, row + count - 1);
    for (int r = row; r < row + count; ++r)
        m_seqs.remove(m_entries.at(r).message.seq);
    m_entries.remove(row, count);
    endRemoveRows();
    neighboursChanged(row);
}

void MessageListModel::neighboursChanged(int row)
{
    // The row below an insertion or removal may start or stop a day or a group.
    if (row >= 0 && row < rowCount())
        Q_EMIT dataChanged(index(row), index(row), {FirstOfDayRole, GroupedRole});
}

void MessageListModel::trimOldest()
{
    const int kept = firstPendingRow();
    if (kept <= m_maxRows + slack(m_maxRows))
        return;
    removeEntries(0, kept - m_maxRows);
    m_olderExhausted = false;
}

void MessageListModel::trimNewest()
{
    const int kept = firstPendingRow();
    if (kept <= m_maxRows + slack(m_maxRows))
        return;
    removeEntries(m_maxRows, kept - m_maxRows);
    m_newerTrimmed = newestLoadedSeq() < m_lastSeq;
}

int MessageListModel::insertionRowFor(qint64 seq) const
{
    const int end = firstPendingRow();
    if (seq > newestLoadedSeq())
        return end; // the usual case: newer than everything, after any presence line
    // A back-filled message goes right before the first stored message with a larger seq.
    int row = end;
    for (int r = end - 1; r >= 0; --r) {
        const Entry& entry = m_entries.at(r);
        if (entry.kind != Kind::Message)
            continue;
        if (entry.message.seq < seq)
            break;
        row = r;
    }
    return row;
}

int MessageListModel::firstPendingRow() const
{
    int row = rowCount();
    while (row > 0 && m_entries.at(row - 1).delivery != Delivery::Delivered)
        --row;
    return row;
}

int MessageListModel::rowOfPending(const QString& clientId) const
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        const Entry& entry = m_entries.at(row);
        if (entry.delivery == Delivery::Delivered)
            break;
        if (entry.message.clientId == clientId)
            return row;
    }
    return -1;
}

void MessageListModel::dropPending(const ChatMessage& message)
{
    if (message.clientId.isEmpty() || message.userId != m_ownUserId)
        return;
    const int pending = rowOfPending(message.clientId);
    if (pending >= 0) {
        beginRemoveRows({}, pending, pending);
        m_entries.removeAt(pending);
        endRemoveRows();
        neighboursChanged(pending);
    }
}
