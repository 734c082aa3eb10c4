#include "typingexpiry.h"

#include <QTimer>

TypingExpiry::TypingExpiry(int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_timeoutMs(timeoutMs)
{}

TypingExpiry::~TypingExpiry() = default; // the timers are children

void TypingExpiry::update(const QString& room, const Member& user, bool typing)
{
    if (!typing) {
        clear(room, user.userId);
        return;
    }
    const QString entryKey = key(room, user.userId);
    auto it = m_entries.find(entryKey);
    if (it == m_entries.end()) {
        auto* timer = new QTimer(this);
        timer->setSingleShot(true);
        timer->setInterval(m_timeoutMs);
        connect(timer, &QTimer::timeout, this, [this, entryKey] {
            const auto found = m_entries.find(entryKey);
            if (found == m_entries.end())
                return;
            const Entry entry = found.value();
            m_entries.erase(found);
            entry.timer->deleteLater();
            Q_EMIT expired(entry.room, entry.user);
        });
        it = m_entries.insert(entryKey, Entry{room, user, timer});
    }
    it->user = user;
    it->timer->start();
}

bool TypingExpiry::clear(const QString& room, const QString& userId)
{
    const auto it = m_entries.find(key(room, userId));
    if (it == m_entries.end())
        return false;
    delete it->timer;
    m_entries.erase(it);
    return true;
}

bool TypingExpiry::isTyping(const QString& room, const QString& userId) const
{
    return m_entries.contains(key(room, userId));
}

QString TypingExpiry::key(const QString& room, const QString& userId)
{
    // Room names cannot contain a newline, so the key is unambiguous.
    return room + QLatin1Char('\n') + userId;
}
