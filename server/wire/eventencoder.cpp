#include "eventencoder.h"

#include "protocolevents.h"
#include "socketioencoder.h"

namespace {

QByteArray socketIo(const RoomEvent& event)
{
    if (const auto* message = std::get_if<ChatMessage>(&event))
        return SocketIoEncoder::event(ProtocolEvents::Message, message->toJson());
    if (const auto* presence = std::get_if<PresenceEvent>(&event))
        return SocketIoEncoder::event(presence->kind == PresenceEvent::Kind::Joined
                                          ? ProtocolEvents::UserJoined
                                          : ProtocolEvents::UserLeft,
                                      presence->toJson());
    return SocketIoEncoder::event(ProtocolEvents::Typing, std::get<TypingEvent>(event).toJson());
}

} // namespace

QByteArray EventEncoder::encode(WireFormat format, const RoomEvent& event)
{
    switch (format) {
    case WireFormat::SocketIo:
        break;
    }
    return socketIo(event);
}
