#include "eventencoder.h"

#include "jsonwriter.h"
#include "messagejson.h"
#include "protocolevents.h"
#include "socketioencoder.h"
#include "timestamp.h"

namespace {

// The payloads below are written field by field with JsonWriter instead of through a
// QJsonObject (a third of the instructions per delivered message, docs/benchmarks.md). Their
// members come in QJsonObject's order (sorted by name), so the bytes are those that
// QJsonDocument wrote before; tst_eventencoder and tst_jsonwriter compare the two.

void writeSeedMessage(JsonWriter* json, const ChatMessage& message)
{
    json->beginObject();
    json->key(QLatin1StringView("id"));
    json->string(message.id);
    json->key(QLatin1StringView("message"));
    json->string(message.text);
    json->key(QLatin1StringView("room"));
    json->string(message.room);
    json->key(QLatin1StringView("seq"));
    json->integer(message.seq);
    json->key(QLatin1StringView("timestamp"));
    json->integer(message.ts.toMSecsSinceEpoch());
    json->key(QLatin1StringView("ts"));
    json->string(Timestamp::format(message.ts));
    json->key(QLatin1StringView("user_id"));
    json->string(message.userId);
    json->key(QLatin1StringView("username"));
    json->string(message.handle);
    json->endObject();
}

/// The `type` member of the /ws format, written where it sorts among the others.
void writeType(JsonWriter* json, QLatin1StringView type)
{
    if (!type.isEmpty()) {
        json->key(QLatin1StringView("type"));
        json->asciiString(type);
    }
}

void writePresence(JsonWriter* json, const PresenceEvent& presence, QLatin1StringView type)
{
    json->beginObject();
    json->key(QLatin1StringView("handle"));
    json->string(presence.handle);
    if (presence.kind == PresenceEvent::Kind::Left) {
        json->key(QLatin1StringView("reason"));
        json->string(presence.reason);
    }
    json->key(QLatin1StringView("room"));
    json->string(presence.room);
    json->key(QLatin1StringView("ts"));
    json->string(Timestamp::format(presence.ts));
    writeType(json, type);
    json->key(QLatin1StringView("user_id"));
    json->string(presence.userId);
    json->endObject();
}

void writeTyping(JsonWriter* json, const TypingEvent& typing, QLatin1StringView type)
{
    json->beginObject();
    json->key(QLatin1StringView("handle"));
    json->string(typing.handle);
    json->key(QLatin1StringView("room"));
    json->string(typing.room);
    writeType(json, type);
    json->key(QLatin1StringView("typing"));
    json->boolean(typing.typing);
    json->key(QLatin1StringView("user_id"));
    json->string(typing.userId);
    json->endObject();
}

/// @p event's payload, with a `type` member when @p type is not empty.
void writePayload(JsonWriter* json, const RoomEvent& event, QLatin1StringView type)
{
    if (const auto* message = std::get_if<ChatMessage>(&event))
        MessageJson::write(json, *message, type);
    else if (const auto* presence = std::get_if<PresenceEvent>(&event))
        writePresence(json, *presence, type);
    else
        writeTyping(json, std::get<TypingEvent>(event), type);
}

/// `42["name",payload]`, as SocketIoEncoder::eventJson() writes it.
QByteArray socketIoFrame(QLatin1StringView name, const RoomEvent& event, bool seed)
{
    QByteArray frame;
    frame.reserve(256);
    frame.append("42[\"", 4);
    frame.append(name.data(), name.size()); // a protocol constant: nothing to escape
    frame.append("\",", 2);
    JsonWriter json(&frame);
    if (seed)
        writeSeedMessage(&json, std::get<ChatMessage>(event));
    else
        writePayload(&json, event, {});
    frame.append(']');
    return frame;
}

} // namespace

QLatin1StringView EventEncoder::eventName(const RoomEvent& event)
{
    if (std::holds_alternative<ChatMessage>(event))
        return ProtocolEvents::Message;
    if (const auto* presence = std::get_if<PresenceEvent>(&event))
        return presence->kind == PresenceEvent::Kind::Joined ? ProtocolEvents::UserJoined
                                                             : ProtocolEvents::UserLeft;
    return ProtocolEvents::Typing;
}

QJsonObject EventEncoder::payload(const RoomEvent& event)
{
    return std::visit([](const auto& value) { return value.toJson(); }, event);
}

WireFormat EventEncoder::sameEncodingAs(WireFormat format, const RoomEvent& event)
{
    if (format == WireFormat::SeedSocketIo && !std::holds_alternative<ChatMessage>(event))
        return WireFormat::SocketIo;
    return format;
}

QByteArray EventEncoder::encode(WireFormat format, const RoomEvent& event)
{
    switch (format) {
    case WireFormat::SocketIo:
        break;
    case WireFormat::SeedSocketIo:
        if (std::holds_alternative<ChatMessage>(event))
            return socketIoFrame(ProtocolEvents::Message, event, true);
        break;
    case WireFormat::Json: {
        QByteArray text;
        text.reserve(256);
        JsonWriter json(&text);
        writePayload(&json, event, eventName(event));
        return text;
    }
    }
    return socketIoFrame(eventName(event), event, false);
}
