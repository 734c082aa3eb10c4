#include "member.h"

QJsonObject Member::toJson() const
{
    return QJsonObject{{QStringLiteral("user_id"), userId}, {QStringLiteral("handle"), handle}};
}

bool Member::fromJson(const QJsonObject& object, Member* out)
{
    const QString userId = object.value(QStringLiteral("user_id")).toString();
    const QString handle = object.value(QStringLiteral("handle")).toString();
    if (userId.isEmpty() || handle.isEmpty())
        return false;
    out->userId = userId;
    out->handle = handle;
    return true;
}
