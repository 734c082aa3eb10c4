// libFuzzer target: the packet codec and the pure request parsers, fed one Engine.IO text
// frame per input. Checks, beyond "no crash, no leak, no undefined behaviour", that every
// Socket.IO packet decode() accepts survives encode() and decode() unchanged, and that a
// trusted proxy's forwarding headers always resolve to an address.

#include "chattext.h"
#include "enginehandshake.h"
#include "enginepacket.h"
#include "httprequest.h"
#include "requestparser.h"
#include "roomname.h"
#include "socketpacket.h"
#include "trustedproxies.h"

#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

namespace {

void parseRequests(const QJsonValue& argument)
{
    ChatError error;
    RequestParser::JoinRoom join;
    RequestParser::parseJoinRoom(argument, &join, &error);
    RequestParser::RoomOnly leave;
    RequestParser::parseLeaveRoom(argument, &leave, &error);
    RequestParser::SendMessage send;
    if (RequestParser::parseSendMessage(argument, &send, &error)) {
        // What the parser accepts obeys the text rules after hygiene.
        if (ChatText::isBlank(send.text) ||
            ChatText::codePointCount(send.text) > ChatText::MaxMessageCodePoints ||
            ChatText::sanitized(send.text) != send.text)
            std::abort();
    }
    RequestParser::parseListRooms(argument, &error);
    RequestParser::History history;
    if (RequestParser::parseHistory(argument, &history, &error) &&
        (history.limit < 1 || history.limit > RequestParser::MaxHistoryLimit))
        std::abort();
    RequestParser::Typing typing;
    RequestParser::parseTyping(argument, &typing, &error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView frame(reinterpret_cast<const char*>(data), qsizetype(size));

    // The HTTP front door's parser sees raw bytes too.
    HttpRequest request;
    qsizetype headBytes = 0;
    if (HttpRequest::parseHead(frame, 8192, &request, &headBytes) == HttpRequest::Parse::Complete) {
        (void)request.queryValue(QStringLiteral("EIO"));
        // X-Forwarded-For / X-Real-IP from a trusted proxy: the result is an address.
        static const TrustedProxies proxies = [] {
            TrustedProxies parsed;
            QString error;
            if (!TrustedProxies::parse({QStringLiteral("127.0.0.0/8"), QStringLiteral("fd00::/8")},
                                       &parsed, &error))
                std::abort();
            return parsed;
        }();
        if (proxies.clientAddress(QHostAddress::LocalHost, request).isNull())
            std::abort();
    }
    (void)TrustedProxies::parseForwardedAddress(frame);

    const QString text = QString::fromUtf8(frame);
    QString canonical;
    QString reason;
    if (RoomName::canonicalize(text, &canonical, &reason)) {
        QString again;
        if (!RoomName::canonicalize(canonical, &again, &reason) || again != canonical)
            std::abort(); // the canonical form is a fixed point
    }
    (void)ChatText::sanitized(text);

    EnginePacket packet;
    QString error;
    if (!EnginePacket::decode(frame, &packet, &error))
        return 0;
    if (packet.type == EnginePacket::Type::Open) {
        EngineHandshake handshake;
        EngineHandshake::fromJson(packet.payload, &handshake, &error);
        return 0;
    }
    if (packet.type != EnginePacket::Type::Message)
        return 0;
    SocketPacket socketPacket;
    if (!SocketPacket::decode(packet.payload, &socketPacket, &error))
        return 0;
    SocketPacket again;
    if (!SocketPacket::decode(socketPacket.encode(), &again, &error) ||
        again.type != socketPacket.type || again.nsp != socketPacket.nsp ||
        again.id != socketPacket.id || again.data != socketPacket.data)
        std::abort();
    if (socketPacket.type == SocketPacket::Type::Event) {
        (void)socketPacket.eventName();
        parseRequests(socketPacket.eventArgument());
    }
    return 0;
}
