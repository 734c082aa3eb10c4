#pragma once

#include "chatmessage.h"
#include "presenceevent.h"

#include <QAbstractListModel>
#include <QList>
#include <QSet>

/**
 * The timeline of one room as the client shows it: stored messages in seq order, presence
 * lines where they arrived, and the user's own pending (not yet acknowledged) messages last.
 *
 * Adding a message whose seq is already present does nothing, so replays after a reconnect
 * never show a message twice; a stored message with the client_id of a pending one replaces
 * it. Display text is always plain (views must not interpret it as rich text).
 */
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString ownUserId READ ownUserId WRITE setOwnUserId NOTIFY ownUserIdChanged)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind
        SeqRole,                     ///< qint64, 0 for presence lines and pending messages
        MessageIdRole,               ///< QString
        UserIdRole,                  ///< QString
        HandleRole,                  ///< QString
        TextRole,                    ///< QString (plain text)
        TimestampRole,               ///< QDateTime (UTC; local time for pending messages)
        ClientIdRole,                ///< QString
        IsOwnRole,                   ///< bool: written by ownUserId
        DeliveryRole,                ///< Delivery
    };
    Q_ENUM(Role)

    enum class Kind { Message, Joined, Left };
    Q_ENUM(Kind)

    enum class Delivery { Delivered, Pending, Failed };
    Q_ENUM(Delivery)

    explicit MessageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    /// DisplayRole and ToolTipRole give text and full timestamp; other roles as in Role.
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString ownUserId() const { return m_ownUserId; }
    /// Sets whose messages IsOwnRole marks; existing rows are updated.
    void setOwnUserId(const QString& userId);

    /**
     * Inserts a stored message in seq order.
     * @return false when a message with that seq is already present (nothing changes).
     */
    bool addMessage(const ChatMessage& message);
    /// addMessage() for each; used for join_room history and gap fills.
    void addMessages(const QList<ChatMessage>& messages);
    /// Appends a join or leave line.
    void addPresence(const PresenceEvent& event);
    /**
     * Appends the user's own message before the server has stored it.
     * @param clientId the idempotency key the message is sent with; must be unique.
     */
    void addPending(const QString& clientId, const QString& text, const QDateTime& localTime);
    /// Marks the pending message @p clientId as failed (or pending again when @p failed is false).
    void setPendingFailed(const QString& clientId, bool failed);
    /// Client ids and texts of pending (or failed) messages, oldest first.
    QList<std::pair<QString, QString>> pendingMessages() const;

    /// Highest stored seq in the model, 0 when none.
    qint64 lastSeq() const { return m_lastSeq; }
    /// Removes every row.
    void clear();

Q_SIGNALS:
    void ownUserIdChanged();

private:
    struct Entry
    {
        Kind kind = Kind::Message;
        Delivery delivery = Delivery::Delivered;
        ChatMessage message;
        QString reason;
    };

    int insertionRowFor(qint64 seq) const;
    int firstPendingRow() const;
    int rowOfPending(const QString& clientId) const;

    QList<Entry> m_entries;
    QSet<qint64> m_seqs;
    qint64 m_lastSeq = 0;
    QString m_ownUserId;
};
