#pragma once

#include "member.h"

#include <QHash>
#include <QObject>
#include <QString>

class QTimer;

/**
 * Server-side expiry of typing indicators (docs/security.md, "Flood control"): a client
 * that sends `typing:true` and then vanishes, or never sends `typing:false`, must not
 * leave the others with an indicator that never goes away.
 *
 * One entry per (room, user) while the user is typing there. expired() fires timeoutMs
 * after the latest `typing:true`; the service then broadcasts `typing:false`. Pure
 * bookkeeping with timers: no sockets, no encoding.
 */
class TypingExpiry : public QObject
{
    Q_OBJECT

public:
    /// @param timeoutMs how long a `typing:true` holds without being repeated, ms.
    explicit TypingExpiry(int timeoutMs, QObject* parent = nullptr);
    ~TypingExpiry() override;

    /// Records that @p user is (@p typing true: restarts the expiry) or stopped typing.
    void update(const QString& room, const Member& user, bool typing);
    /**
     * Forgets that user @p userId is typing in @p room (they left or dropped).
     * @return true when they were typing (broadcast `typing:false`).
     */
    bool clear(const QString& room, const QString& userId);
    /// True while @p userId is typing in @p room.
    bool isTyping(const QString& room, const QString& userId) const;
    /// Number of (room, user) entries.
    int count() const { return int(m_entries.size()); }

Q_SIGNALS:
    /// @p user sent no `typing` for timeoutMs after `typing:true`; the entry is gone.
    void expired(const QString& room, const Member& user);

private:
    struct Entry
    {
        QString room;
        Member user;
        QTimer* timer = nullptr;
    };
    static QString key(const QString& room, const QString& userId);

    const int m_timeoutMs;
    QHash<QString, Entry> m_entries;
};
