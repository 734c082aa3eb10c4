#include "messagejson.h"

#include "chatmessage.h"
#include "jsonwriter.h"
#include "timestamp.h"

void MessageJson::write(JsonWriter* json, const ChatMessage& message, QLatin1StringView type)
{
    json->beginObject();
    json->key(QLatin1StringView("client_id"));
    if (message.clientId.isEmpty())
        json->null();
    else
        json->string(message.clientId);
    json->key(QLatin1StringView("handle"));
    json->string(message.handle);
    json->key(QLatin1StringView("id"));
    json->string(message.id);
    json->key(QLatin1StringView("room"));
    json->string(message.room);
    json->key(QLatin1StringView("seq"));
    json->integer(message.seq);
    json->key(QLatin1StringView("text"));
    json->string(message.text);
    json->key(QLatin1StringView("ts"));
    json->string(Timestamp::format(message.ts));
    if (!type.isEmpty()) {
        json->key(QLatin1StringView("type"));
        json->asciiString(type);
    }
    json->key(QLatin1StringView("user_id"));
    json->string(message.userId);
    json->endObject();
}

void MessageJson::writeArray(JsonWriter* json, const QList<ChatMessage>& messages)
{
    json->beginArray();
    for (const ChatMessage& message : messages)
        write(json, message);
    json->endArray();
}
