#include "presenceevent.h"

#include "timestamp.h"

QJsonObject PresenceEvent::toJson() const
{
    QJsonObject object{
        {QStringLiteral("room"), room},
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("handle"), handle},
        {QStringLiteral("ts"), Timestamp::format(ts)},
    };
    if (kind == Kind::Left)
        object.insert(QStringLiteral("reason"), reason);
    return object;
}

bool PresenceEvent::fromJson(Kind kind, const QJsonObject& object, PresenceEvent* out)
{
    const QJsonValue room = object.value(QStringLiteral("room"));
    const QJsonValue userId = object.value(QStringLiteral("user_id"));
    const QJsonValue handle = object.value(QStringLiteral("handle"));
    if (!room.isString() || !userId.isString() || !handle.isString())
        return false;
    out->kind = kind;
    out->room = room.toString();
    out->userId = userId.toString();
    out->handle = handle.toString();
    out->ts = Timestamp::parse(object.value(QStringLiteral("ts")).toString());
    out->reason = object.value(QStringLiteral("reason")).toString();
    return true;
}
