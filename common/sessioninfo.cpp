#include "sessioninfo.h"

QJsonObject SessionInfo::toJson() const
{
    return QJsonObject{
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("handle"), handle},
        {QStringLiteral("token"), token},
        {QStringLiteral("resumed"), resumed},
    };
}

bool SessionInfo::fromJson(const QJsonObject& object, SessionInfo* out)
{
    const QString userId = object.value(QStringLiteral("user_id")).toString();
    const QString handle = object.value(QStringLiteral("handle")).toString();
    const QString token = object.value(QStringLiteral("token")).toString();
    if (userId.isEmpty() || handle.isEmpty() || token.isEmpty())
        return false;
    out->userId = userId;
    out->handle = handle;
    out->token = token;
    out->resumed = object.value(QStringLiteral("resumed")).toBool();
    return true;
}
