#include "enginepacket.h"

bool EnginePacket::decode(QByteArrayView frame, EnginePacket* out, QString* error)
{
    if (frame.isEmpty()) {
        *error = QStringLiteral("empty Engine.IO packet");
        return false;
    }
    const char type = frame.front();
    if (type < '0' || type > '6') {
        *error = QStringLiteral("unknown Engine.IO packet type");
        return false;
    }
    out->type = static_cast<Type>(type);
    out->payload = frame.sliced(1).toByteArray();
    return true;
}

QByteArray EnginePacket::encode() const
{
    QByteArray wire;
    wire.reserve(payload.size() + 1);
    wire.append(static_cast<char>(type));
    wire.append(payload);
    return wire;
}

QByteArray EnginePacket::encodeMessage(QByteArrayView socketPayload)
{
    QByteArray wire;
    wire.reserve(socketPayload.size() + 1);
    wire.append(static_cast<char>(Type::Message));
    wire.append(socketPayload);
    return wire;
}
