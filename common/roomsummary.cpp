#include "roomsummary.h"

#include "timestamp.h"

QJsonObject RoomSummary::toJson() const
{
    return QJsonObject{
        {QStringLiteral("room"), room},
        {QStringLiteral("members"), members},
        {QStringLiteral("last_activity"), lastActivity.isValid()
                                              ? QJsonValue(Timestamp::format(lastActivity))
                                              : QJsonValue(QJsonValue::Null)},
    };
}

bool RoomSummary::fromJson(const QJsonObject& object, RoomSummary* out)
{
    const QJsonValue room = object.value(QStringLiteral("room"));
    const QJsonValue members = object.value(QStringLiteral("members"));
    if (!room.isString() || !members.isDouble() || members.toInt(-1) < 0)
        return false;
    out->room = room.toString();
    out->members = members.toInt();
    out->lastActivity = Timestamp::parse(object.value(QStringLiteral("last_activity")).toString());
    return true;
}
