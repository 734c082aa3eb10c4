#include "socketioencoder.h"

#include "chaterror.h"
#include "enginepacket.h"
#include "jsontext.h"
#include "protocolevents.h"
#include "socketpacket.h"

#include <QHash>

namespace {

/// An event name as a JSON string; the names are a handful of protocol constants, so each
/// is written once per thread.
QByteArray eventNameJson(const QString& name)
{
    thread_local QHash<QString, QByteArray> written;
    auto it = written.constFind(name);
    if (it == written.constEnd()) {
        if (written.size() > 64)
            written.clear(); // not expected: only the protocol's own names come here
        it = written.insert(name, JsonText::string(name));
    }
    return *it;
}

} // namespace

QByteArray SocketIoEncoder::event(const QString& name, const QJsonValue& argument)
{
    // The bytes of SocketPacket::event(name, argument).encode() in a message packet, without
    // copying the argument into a QJsonArray first (a third of encoding a small event).
    return eventJson(name, JsonText::value(argument));
}

QByteArray SocketIoEncoder::eventJson(const QString& name, const QByteArray& argumentJson)
{
    const QByteArray nameJson = eventNameJson(name);
    QByteArray packet;
    packet.reserve(nameJson.size() + argumentJson.size() + 5);
    packet.append(char(EnginePacket::Type::Message));
    packet.append(char(SocketPacket::Type::Event));
    packet.append('[');
    packet.append(nameJson);
    packet.append(',');
    packet.append(argumentJson);
    packet.append(']');
    return packet;
}

QByteArray SocketIoEncoder::ack(qint64 ackId, const QJsonValue& argument)
{
    return ackJson(ackId, JsonText::value(argument));
}

QByteArray SocketIoEncoder::ackJson(qint64 ackId, const QByteArray& argumentJson)
{
    QByteArray packet;
    packet.reserve(argumentJson.size() + 24);
    packet.append(char(EnginePacket::Type::Message));
    packet.append(char(SocketPacket::Type::Ack));
    packet.append(QByteArray::number(ackId));
    packet.append('[');
    packet.append(argumentJson);
    packet.append(']');
    return packet;
}

QByteArray SocketIoEncoder::error(const ChatError& error, qint64 ackId)
{
    if (ackId >= 0)
        return ack(ackId, error.toAck());
    return event(ProtocolEvents::Error, error.toJson());
}
