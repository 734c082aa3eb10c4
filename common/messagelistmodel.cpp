#include "messagelistmodel.h"

#include "timestamp.h"

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
    case TextRole:
        return m.text;
    case Qt::ToolTipRole:
        return m.ts.toLocalTime().toString(Qt::TextDate);
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
    });
    return names;
}

void MessageListModel::setOwnUserId(const QString& userId)
{
    if (userId == m_ownUserId)
        return;
    m_ownUserId = userId;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {IsOwnRole});
    Q_EMIT ownUserIdChanged();
}

bool MessageListModel::addMessage(const ChatMessage& message)
{
    if (message.seq <= 0 || m_seqs.contains(message.seq))
        return false;

    if (!message.clientId.isEmpty() && message.userId == m_ownUserId) {
        const int pending = rowOfPending(message.clientId);
        if (pending >= 0) {
            beginRemoveRows({}, pending, pending);
            m_entries.removeAt(pending);
            endRemoveRows();
        }
    }
    const int row = insertionRowFor(message.seq);
    beginInsertRows({}, row, row);
    m_entries.insert(row, Entry{Kind::Message, Delivery::Delivered, message, {}});
    m_seqs.insert(message.seq);
    m_lastSeq = std::max(m_lastSeq, message.seq);
    endInsertRows();
    return true;
}

void MessageListModel::addMessages(const QList<ChatMessage>& messages)
{
    for (const ChatMessage& message : messages)
        addMessage(message);
}

void MessageListModel::addPresence(const PresenceEvent& event)
{
    Entry entry;
    entry.kind = event.kind == PresenceEvent::Kind::Joined ? Kind::Joined : Kind::Left;
    entry.message.room = event.room;
    entry.message.userId = event.userId;
    entry.message.handle = event.handle;
    entry.message.ts = event.ts;
    entry.reason = event.reason;
    const int row = firstPendingRow();
    beginInsertRows({}, row, row);
    m_entries.insert(row, entry);
    endInsertRows();
}

void MessageListModel::addPending(const QString& clientId, const QString& text,
                                  const QDateTime& localTime)
{
    Entry entry;
    entry.delivery = Delivery::Pending;
    entry.message.userId = m_ownUserId;
    entry.message.text = text;
    entry.message.ts = localTime;
    entry.message.clientId = clientId;
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
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
    for (const Entry& entry : m_entries) {
        if (entry.delivery != Delivery::Delivered)
            pending.append({entry.message.clientId, entry.message.text});
    }
    return pending;
}

void MessageListModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_seqs.clear();
    m_lastSeq = 0;
    endResetModel();
}

int MessageListModel::insertionRowFor(qint64 seq) const
{
    const int end = firstPendingRow();
    if (seq > m_lastSeq)
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
        if (entry.delivery != Delivery::Delivered && entry.message.clientId == clientId)
            return row;
    }
    return -1;
}
