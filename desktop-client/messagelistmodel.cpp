#include "messagelistmodel.h"

#include "messagerows.h"

#include <QLocale>

#include <algorithm>

namespace {
// How much a window may overshoot maxRows before it is trimmed, so that a busy room trims
// in chunks and not on every message.
int slack(int maxRows)
{
    return std::max(10, maxRows / 10);
}
} // namespace

MessageListModel::MessageListModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_rows(std::make_unique<MessageRows>())
{}

MessageListModel::~MessageListModel() = default;

int MessageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows->size();
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MessageRow& entry = m_rows->at(index.row());
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
        return m_rows->isFirstOfDay(index.row());
    case GroupedRole:
        return m_rows->isGrouped(index.row());
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
    for (int row = 0; row < m_rows->size(); ++row) {
        MessageRow& entry = m_rows->rowAt(row);
        if (entry.delivery != Delivery::Delivered)
            entry.message.userId = userId; // pending rows are always ours
    }
    if (!m_rows->isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {IsOwnRole, GroupedRole});
    Q_EMIT ownUserIdChanged();
}

void MessageListModel::setMaxRows(int rows)
{
    m_maxRows = std::max(100, rows);
}

bool MessageListModel::addMessage(const ChatMessage& message)
{
    if (message.seq <= 0 || m_rows->containsSeq(message.seq))
        return false;
    noteUser(message.userId, message.handle);
    dropPending(message);
    if (m_newerTrimmed && message.seq > newestLoadedSeq()) {
        // Outside the window: shown when the newer pages are loaded again.
        m_lastSeq = std::max(m_lastSeq, message.seq);
        return true;
    }
    const int row = m_rows->insertionRowFor(message.seq);
    m_lastSeq = std::max(m_lastSeq, message.seq);
    insertEntries(row, {MessageRows::storedRow(message)});
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
    QList<MessageRow> entries;
    entries.reserve(messages.size());
    for (const ChatMessage& message : messages) {
        noteUser(message.userId, message.handle);
        dropPending(message);
        m_lastSeq = message.seq;
        entries.append(MessageRows::storedRow(message));
    }
    insertEntries(m_rows->firstPendingRow(), entries);
    trimOldest();
}

int MessageListModel::addOlderMessages(const QList<ChatMessage>& messages, bool hasMore)
{
    const QList<ChatMessage> older = m_rows->olderThanHeld(messages);
    m_olderExhausted = !hasMore;
    if (older.isEmpty())
        return 0;
    QList<MessageRow> entries;
    entries.reserve(older.size());
    for (const ChatMessage& message : older) {
        noteUser(message.userId, message.handle);
        m_lastSeq = std::max(m_lastSeq, message.seq);
        entries.append(MessageRows::storedRow(message));
    }
    insertEntries(0, entries);
    trimNewest();
    return int(entries.size());
}

int MessageListModel::addNewerMessages(const QList<ChatMessage>& messages)
{
    QList<MessageRow> entries;
    for (const ChatMessage& message : m_rows->newerThanHeld(messages)) {
        noteUser(message.userId, message.handle);
        m_lastSeq = std::max(m_lastSeq, message.seq);
        entries.append(MessageRows::storedRow(message));
    }
    insertEntries(m_rows->firstPendingRow(), entries);
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
    insertEntries(m_rows->firstPendingRow(), {MessageRows::presenceRow(event)});
    trimOldest();
}

void MessageListModel::addGap(int count)
{
    if (count <= 0)
        return;
    insertEntries(m_rows->firstPendingRow(),
                  {MessageRows::gapRow(count, QDateTime::currentDateTimeUtc())});
}

void MessageListModel::addPending(const QString& clientId, const QString& text,
                                  const QDateTime& localTime)
{
    insertEntries(rowCount(),
                  {MessageRows::pendingRow(clientId, text, localTime, m_ownUserId, m_ownHandle)});
}

void MessageListModel::setPendingFailed(const QString& clientId, bool failed)
{
    const int row = m_rows->rowOfPending(clientId);
    if (row < 0)
        return;
    m_rows->rowAt(row).delivery = failed ? Delivery::Failed : Delivery::Pending;
    Q_EMIT dataChanged(index(row), index(row), {DeliveryRole});
}

QList<std::pair<QString, QString>> MessageListModel::pendingMessages() const
{
    return m_rows->pendingMessages();
}

void MessageListModel::noteUser(const QString& userId, const QString& handle)
{
    if (m_handles.note(userId, handle) && !m_rows->isEmpty()) // the handle became ambiguous
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {DisplayHandleRole});
}

QString MessageListModel::displayHandle(const QString& userId, const QString& handle) const
{
    return m_handles.displayHandle(userId, handle);
}

qint64 MessageListModel::firstSeq() const
{
    return m_rows->firstSeq();
}

qint64 MessageListModel::newestLoadedSeq() const
{
    return m_rows->newestSeq();
}

bool MessageListModel::canFetchOlder() const
{
    return firstSeq() > 1 && !m_olderExhausted;
}

void MessageListModel::clear()
{
    beginResetModel();
    m_rows->clear();
    m_lastSeq = 0;
    m_olderExhausted = false;
    m_newerTrimmed = false;
    endResetModel();
}

void MessageListModel::insertEntries(int row, const QList<MessageRow>& rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, row, row + int(rows.size()) - 1);
    m_rows->insert(row, rows);
    endInsertRows();
    neighboursChanged(row + int(rows.size()));
}

void MessageListModel::removeEntries(int row, int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, row, row + count - 1);
    m_rows->remove(row, count);
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
    const int kept = m_rows->firstPendingRow();
    if (kept <= m_maxRows + slack(m_maxRows))
        return;
    removeEntries(0, kept - m_maxRows);
    m_olderExhausted = false;
}

void MessageListModel::trimNewest()
{
    const int kept = m_rows->firstPendingRow();
    if (kept <= m_maxRows + slack(m_maxRows))
        return;
    removeEntries(m_maxRows, kept - m_maxRows);
    m_newerTrimmed = newestLoadedSeq() < m_lastSeq;
}

void MessageListModel::dropPending(const ChatMessage& message)
{
    if (message.clientId.isEmpty() || message.userId != m_ownUserId)
        return;
    const int pending = m_rows->rowOfPending(message.clientId);
    if (pending >= 0) {
        beginRemoveRows({}, pending, pending);
        m_rows->remove(pending, 1);
        endRemoveRows();
        neighboursChanged(pending);
    }
}
