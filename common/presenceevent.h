#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

/**
 * A `user_joined` or `user_left` event: `{"room","user_id","handle","ts"[,"reason"]}`.
 * reason is "left" or "disconnected" on user_left and empty on user_joined.
 */
struct PresenceEvent
{
    enum class Kind { Joined, Left };

    Kind kind = Kind::Joined;
    QString room;
    QString userId;
    QString handle;
    QDateTime ts;
    QString reason;

    /// The wire object (reason only for Left).
    QJsonObject toJson() const;
    /// @return false unless room, user_id and handle are strings; @p kind is not on the wire.
    static bool fromJson(Kind kind, const QJsonObject& object, PresenceEvent* out);
};
