#pragma once

#include <QJsonObject>
#include <QString>

/// A room member as `join_room` acks list it: `{"user_id","handle"}`.
struct Member
{
    QString userId;
    QString handle;

    QJsonObject toJson() const;
    /// @return false unless both fields are non-empty strings.
    static bool fromJson(const QJsonObject& object, Member* out);

    friend bool operator==(const Member&, const Member&) = default;
};
