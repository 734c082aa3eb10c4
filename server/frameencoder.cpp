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
