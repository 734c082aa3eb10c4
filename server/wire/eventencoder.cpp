#include "eventencoder.h"

#include "protocolevents.h"
#include "socketioencoder.h"

#include <QJsonDocument>

namespace {

QJsonObject seedMessage(const ChatMessage& message)
{
    return QJsonObject{{QStringLiteral("room"), message.room},
                       {QStringLiteral("message"), message.text},
                       {QStringLiteral("username"), message.handle},
                       {QStringLiteral("timestamp"), message.ts.toMSecsSinceEpoch()},
                       {QStringLiteral("id"), message.id},
                       {QStringLiteral("seq"), message.seq},
                       {QStringLiteral("user_id"), message.userId},
                       {QStringLiteral("ts"), message.toJson().value(QStringLiteral("ts"))}};
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
        if (const auto* message = std::get_if<ChatMessage>(&event))
            return SocketIoEncoder::event(ProtocolEvents::Message, seedMessage(*message));
        break;
    case WireFormat::Json: {
        QJsonObject object = payload(event);
        object.insert(QStringLiteral("type"), QString(eventName(event)));
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }
    }
    return SocketIoEncoder::event(eventName(event), payload(event));
}
