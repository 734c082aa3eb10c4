#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

/**
 * Turns the user's edits into few `typing` events: true at the first edit, again at most
 * every RefreshMs while edits continue (receivers expire an entry after
 * TypingTracker::ExpiryMs), and false once, after IdleMs without an edit or when the
 * message is sent. UI-free; TypingRelay sends what typingChanged() asks for.
 */
class TypingNotifier : public QObject
{
    Q_OBJECT

public:
    /// While edits continue, `typing:true` is repeated this often (ms).
    static constexpr int RefreshMs = 3000;
    /// After this long (ms) without an edit, `typing:false` is sent.
    static constexpr int IdleMs = 5000;

    explicit TypingNotifier(QObject* parent = nullptr);

    /// The user edited the input of @p room.
    void edited(const QString& room);
    /// The user stopped typing in @p room (sent the message, cleared the input, left).
    void stopped(const QString& room);
    /// Forgets every room without emitting (the connection dropped: the server forgot too).
    void reset();

    /// Changes both intervals (tests), in ms.
    void setIntervals(int refreshMs, int idleMs);

Q_SIGNALS:
    /// Send `typing` with @p typing for @p room now.
    void typingChanged(const QString& room, bool typing);

private:
    struct State
    {
        qint64 sentAt = 0;   // clock ms of the last true sent
        qint64 lastEdit = 0; // clock ms of the last edit
    };

    void onIdleCheck();

    QHash<QString, State> m_rooms; // rooms where true was sent and false not yet
    QElapsedTimer m_clock;
    QTimer m_idleCheck;
    int m_refreshMs = RefreshMs;
    int m_idleMs = IdleMs;
};
