#pragma once

#include "chatmessage.h"
#include "handledirectory.h"
#include "messagerows.h"
#include "presenceevent.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <memory>

/**
 * The timeline of one room as the client shows it: stored messages in seq order, presence
 * lines and "N messages not available" markers where they arrived, and the user's own
 * pending (not yet acknowledged) messages last.
 *
 * Adding a message whose seq is already present does nothing, so replays after a reconnect
 * never show a message twice; a stored message with the client_id of a pending one replaces
 * it. Display text is always plain (views must not interpret it as rich text).
 *
 * Window: the model holds at most maxRows() rows (plus pending ones), so a room with 100k
 * messages costs bounded memory. Appending beyond it drops the oldest rows (fetch them
 * again with `history`, see canFetchOlder()); loading older pages beyond it drops the
 * newest rows, after which live messages only advance lastSeq() until the newer pages are
 * loaded again (isAtLatest(), addNewerMessages()).
 *
 * Rows, their order, days and groups: MessageRows; handles shared by users: HandleDirectory.
 */
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString ownUserId READ ownUserId WRITE setOwnUserId NOTIFY ownUserIdChanged)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind
        SeqRole,                     ///< qint64, 0 for presence lines, markers, pending messages
        MessageIdRole,               ///< QString
        UserIdRole,                  ///< QString
        HandleRole,                  ///< QString
        TextRole,                    ///< QString (plain text)
        TimestampRole,               ///< QDateTime (UTC; local time for pending messages)
        ClientIdRole,                ///< QString
        IsOwnRole,                   ///< bool: written by ownUserId
        DeliveryRole,                ///< Delivery
        GapCountRole,                ///< int: messages a Gap marker stands for, else 0
        FirstOfDayRole,              ///< bool: first row, or a local date other than the row above
        GroupedRole,       ///< bool: a delivered message continuing the previous row's author
        DisplayHandleRole, ///< QString: handle, "#" + user_id tail when it is shared
    };
    Q_ENUM(Role)

    /// What a row is (declared with MessageRow, which the rows are made of).
    using Kind = MessageRow::Kind;
    /// Whether a row of the user's own is stored yet.
    using Delivery = MessageRow::Delivery;

    /// Rows kept by default (pending rows come on top of it).
    static constexpr int DefaultMaxRows = 2000;
    /// Messages of one author closer than this (ms) are grouped under one header.
    static constexpr qint64 GroupWindowMs = MessageRows::GroupWindowMs;

    explicit MessageListModel(QObject* parent = nullptr);
    ~MessageListModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    /// DisplayRole: text, or the marker's sentence for a Gap; ToolTipRole: the full local
    /// timestamp (QLocale long format); other roles as in Role.
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString ownUserId() const { return m_ownUserId; }
    /// Sets whose messages IsOwnRole marks; existing rows are updated.
    void setOwnUserId(const QString& userId);
    /// Handle shown on pending messages (they carry none from the server yet).
    void setOwnHandle(const QString& handle) { m_ownHandle = handle; }

    /// Largest number of non-pending rows held; at least 100. Takes effect at the next insert.
    void setMaxRows(int rows);
    int maxRows() const { return m_maxRows; }

    /**
     * Inserts a stored message in seq order.
     * @return false when a message with that seq is already present (nothing changes);
     *         true for a new message, also when it is newer than the loaded window and so
     *         only advances lastSeq() (see isAtLatest()).
     */
    bool addMessage(const ChatMessage& message);
    /// addMessage() for each; used for join_room history and gap fills.
    void addMessages(const QList<ChatMessage>& messages);
    /**
     * Inserts a `history` page older than everything loaded, in one insertion at the top;
     * messages not older than firstSeq() or already present are skipped.
     * @param hasMore the ack's has_more: false means nothing older exists on the server.
     * @return the number of messages inserted.
     */
    int addOlderMessages(const QList<ChatMessage>& messages, bool hasMore);
    /**
     * Appends a `history` page newer than newestLoadedSeq() while !isAtLatest(); the
     * window is at the latest again once it reaches lastSeq().
     * @return the number of messages inserted.
     */
    int addNewerMessages(const QList<ChatMessage>& messages);
    /// Appends a join or leave line.
    void addPresence(const PresenceEvent& event);
    /// Appends a marker row for @p count messages the server no longer has (count > 0).
    void addGap(int count);
    /**
     * Appends the user's own message before the server has stored it.
     * @param clientId the idempotency key the message is sent with; must be unique.
     */
    void addPending(const QString& clientId, const QString& text, const QDateTime& localTime);
    /// Marks the pending message @p clientId as failed (or pending again when @p failed is false).
    void setPendingFailed(const QString& clientId, bool failed);
    /// Client ids and texts of pending (or failed) messages, oldest first.
    QList<std::pair<QString, QString>> pendingMessages() const;

    /**
     * Records that @p userId goes by @p handle (from members lists and messages), so that
     * DisplayHandleRole can tell apart two users who share a handle.
     */
    void noteUser(const QString& userId, const QString& handle);
    /// The handle as shown (HandleDirectory::displayHandle()): @p handle, plus " #" and the
    /// last 4 characters of @p userId when another known user has the same handle.
    QString displayHandle(const QString& userId, const QString& handle) const;

    /// Highest stored seq seen (loaded or not), 0 when none: the `since` for a rejoin.
    qint64 lastSeq() const { return m_lastSeq; }
    /// Lowest seq loaded, 0 when none.
    qint64 firstSeq() const;
    /// Highest seq loaded, 0 when none.
    qint64 newestLoadedSeq() const;
    /// True when older messages may exist on the server (firstSeq() > 1 and no `history`
    /// answered has_more false since).
    bool canFetchOlder() const;
    /// False after older pages pushed the newest rows out of the window.
    bool isAtLatest() const { return !m_newerTrimmed; }
    /// Removes every row.
    void clear();

Q_SIGNALS:
    void ownUserIdChanged();

private:
    void insertEntries(int row, const QList<MessageRow>& rows);
    void removeEntries(int row, int count);
    void neighboursChanged(int row);
    void trimOldest();
    void trimNewest();
    void dropPending(const ChatMessage& message);

    std::unique_ptr<MessageRows> m_rows;
    qint64 m_lastSeq = 0;
    QString m_ownUserId;
    QString m_ownHandle;
    int m_maxRows = DefaultMaxRows;
    bool m_olderExhausted = false;
    bool m_newerTrimmed = false;
    HandleDirectory m_handles;
};
