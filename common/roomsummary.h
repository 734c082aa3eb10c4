#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

/// One entry of `list_rooms` and `GET /rooms`: `{"room","members","last_activity"}`.
struct RoomSummary
{
    QString room;           ///< canonical room name
    int members = 0;        ///< distinct users currently in the room
    QDateTime lastActivity; ///< latest message or membership change (UTC)

    QJsonObject toJson() const;
    /// @return false unless room is a string and members a non-negative number.
    static bool fromJson(const QJsonObject& object, RoomSummary* out);

    friend bool operator==(const RoomSummary&, const RoomSummary&) = default;
};
