#include "chatmessage.h"

#include "timestamp.h"

QJsonObject ChatMessage::toJson() const
{
    return QJsonObject{
        {QStringLiteral("room"), room},
        {QStringLiteral("seq"), seq},
        {QStringLiteral("id"), id},
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("handle"), handle},
        {QStringLiteral("text"), text},
        {QStringLiteral("ts"), Timestamp::format(ts)},
        {QStringLiteral("client_id"),
         clientId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(clientId)},
    };
}

bool ChatMessage::fromJson(const QJsonObject& object, ChatMessage* out, QString* error)
{
    for (const char* key : {"room", "id", "user_id", "handle", "text", "ts"}) {
        if (!object.value(QLatin1String(key)).isString()) {
            *error = QStringLiteral("message field '%1' is missing").arg(QLatin1String(key));
            return false;
        }
    }
    const QJsonValue seq = object.value(QStringLiteral("seq"));
    if (!seq.isDouble() || seq.toDouble() < 1 || seq.toDouble() != double(seq.toInteger())) {
        *error = QStringLiteral("message seq is not a positive integer");
        return false;
    }
    const QDateTime ts = Timestamp::parse(object.value(QStringLiteral("ts")).toString());
    if (!ts.isValid()) {
        *error = QStringLiteral("message ts is not an ISO 8601 timestamp");
        return false;
    }
    out->room = object.value(QStringLiteral("room")).toString();
    out->seq = seq.toInteger();
    out->id = object.value(QStringLiteral("id")).toString();
    out->userId = object.value(QStringLiteral("user_id")).toString();
    out->handle = object.value(QStringLiteral("handle")).toString();
    out->text = object.value(QStringLiteral("text")).toString();
    out->ts = ts;
    out->clientId = object.value(QStringLiteral("client_id")).toString();
    return true;
}
