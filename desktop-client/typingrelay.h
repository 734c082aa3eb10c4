#pragma once

#include "member.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class SocketIoClient;
class TypingNotifier;
class TypingTracker;

/**
 * Both directions of `typing` (shared protocol, "typing"): our own state goes out as
 * `{"room","typing"}` events paced by a TypingNotifier (true at the first edit, repeated
 * every TypingNotifier::RefreshMs, false when idle or sent); others' arrive as
 * `{"room","user_id","handle","typing"}` and are tracked with an expiry by a TypingTracker.
 * Our own user's events (another connection of ours) are ignored.
 */
class TypingRelay : public QObject
{
    Q_OBJECT

public:
    /// Says whether @p room is joined on a ready connection (typing is sent only then).
    using JoinedCheck = std::function<bool(const QString& room)>;

    /**
     * @param connection events are sent there and its `typing` events read; not owned.
     * @param isJoined   asked before sending and for each received event.
     */
    TypingRelay(SocketIoClient* connection, JoinedCheck isJoined, QObject* parent = nullptr);
    ~TypingRelay() override;

    /// Our user id: its `typing` events are ignored.
    void setOwnUserId(const QString& userId) { m_ownUserId = userId; }

    /// Our typing state in @p room: true on every edit, false when stopped (see
    /// ChatClient::setTyping). Edits are ignored unless the room is joined.
    void setTyping(const QString& room, bool typing);
    /// Others typing in @p room, in the order they started.
    QList<Member> typing(const QString& room) const;
    /// @p userId of @p room stopped typing (their message or user_left arrived).
    void remove(const QString& room, const QString& userId);
    /// Forgets @p room (we left it; the server forgets our state with the membership).
    void leave(const QString& room);
    /// Forgets everything without sending (the connection dropped).
    void reset();

    /// The underlying pieces, for tests that shorten their intervals.
    TypingNotifier* notifier() const { return m_notifier; }
    TypingTracker* tracker() const { return m_tracker; }

Q_SIGNALS:
    /// The list of others typing in @p room changed.
    void typingChanged(const QString& room);

private:
    void onEventReceived(const QString& name, const QJsonValue& argument);
    void send(const QString& room, bool typing);

    SocketIoClient* m_connection;
    JoinedCheck m_isJoined;
    TypingTracker* m_tracker;
    TypingNotifier* m_notifier;
    QString m_ownUserId;
};
