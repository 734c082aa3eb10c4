#include "frameencoder.h"

#include "chaterror.h"
#include "enginepacket.h"
#include "protocolevents.h"
#include "socketpacket.h"

QString FrameEncoder::event(const QString& name, const QJsonValue& argument)
{
    return QString::fromUtf8(
        EnginePacket::encodeMessage(SocketPacket::event(name, argument).encode()));
}

QString FrameEncoder::ack(qint64 ackId, const QJsonValue& argument)
{
    return QString::fromUtf8(
        EnginePacket::encodeMessage(SocketPacket::ack(ackId, argument).encode()));
}

QString FrameEncoder::ackJson(qint64 ackId, const QByteArray& argumentJson)
{
    QByteArray packet;
    packet.reserve(argumentJson.size() + 24);
    packet.append(char(EnginePacket::Type::Message));
    packet.append(char(SocketPacket::Type::Ack));
    packet.append(QByteArray::number(ackId));
    packet.append('[');
    packet.append(argumentJson);
    packet.append(']');
    return QString::fromUtf8(packet);
}

QString FrameEncoder::error(const ChatError& error, qint64 ackId)
{
    if (ackId >= 0)
        return ack(ackId, error.toAck());
    return event(ProtocolEvents::Error, error.toJson());
}

QString FrameEncoder::engine(char type, const QByteArray& payload)
{
    QString frame;
    frame.reserve(payload.size() + 1);
    frame.append(QLatin1Char(type));
    frame.append(QString::fromUtf8(payload));
    return frame;
}
