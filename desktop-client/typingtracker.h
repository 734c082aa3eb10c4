#pragma once

#include "member.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

/**
 * Who is typing in which room, from the server's `typing` events
 * (`{"room","user_id","handle","typing"}`). An entry expires on its own ExpiryMs after the
 * last `typing:true` of that user, so a lost `typing:false` (a dropped connection, a
 * client that never sends it) never leaves "X is typing…" on screen for ever. Senders
 * repeat `typing:true` well within ExpiryMs while the user keeps typing (ChatClient does
 * every TypingNotifier::RefreshMs, through TypingRelay).
 */
class TypingTracker : public QObject
{
    Q_OBJECT

public:
    /// How long a `typing:true` counts without a refresh, in milliseconds.
    static constexpr int ExpiryMs = 6000;

    explicit TypingTracker(QObject* parent = nullptr);

    /**
     * Applies one event: @p typing true adds @p member to @p room or refreshes its expiry,
     * false removes it. Emits typingChanged() when the room's list changes.
     */
    void update(const QString& room, const Member& member, bool typing);
    /// Removes @p userId from @p room (e.g. a message from them or their user_left arrived).
    void remove(const QString& room, const QString& userId);
    /// Forgets everything about @p room (left), or every room (@p room empty: disconnected).
    void clear(const QString& room = {});

    /// The members typing in @p room, in the order they started.
    QList<Member> typing(const QString& room) const;

    /// Changes the expiry (tests); applies to later updates.
    void setExpiryMs(int ms) { m_expiryMs = ms; }

Q_SIGNALS:
    /// The list of typing members of @p room changed.
    void typingChanged(const QString& room);

private:
    struct Typist
    {
        Member member;
        QDeadlineTimer expiry;
    };

    void onExpiryTimer();
    void scheduleExpiry();

    QHash<QString, QList<Typist>> m_rooms;
    QTimer m_timer; // single shot, at the earliest expiry
    int m_expiryMs = ExpiryMs;
};
