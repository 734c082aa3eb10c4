#include "serverreply.h"

#include "clientlogging.h"

#include <QJsonArray>
#include <QJsonObject>

bool ServerReply::isOk(const QJsonValue& reply)
{
    return reply.toObject().value(QLatin1String("ok")).toBool();
}

ChatError ServerReply::error(const QJsonValue& reply)
{
    ChatError error;
    if (!ChatError::fromJson(reply.toObject().value(QLatin1String("error")).toObject(), &error))
        error.message = QStringLiteral("malformed reply from the server");
    return error;
}

QList<ChatMessage> ServerReply::messages(const QJsonValue& array)
{
    QList<ChatMessage> messages;
    const QJsonArray values = array.toArray();
    for (const QJsonValue& value : values) {
        ChatMessage message;
        QString error;
        if (ChatMessage::fromJson(value.toObject(), &message, &error))
            messages.append(message);
        else
            qCWarning(lcClientSession) << "skipping malformed history entry:" << error;
    }
    return messages;
}
