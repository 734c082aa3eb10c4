#include "socketpacket.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

constexpr int MaxAckIdDigits = 16;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A scan before Qt's parser, which accepts two things we refuse:
// - raw control characters (U+0000-U+001F) inside strings, which RFC 8259 forbids;
//   outside strings only JSON whitespace may be below U+0020;
// - nesting deeper than SocketPacket::MaxJsonDepth (Qt allows 1024), which costs memory
//   and recursion for no use in this protocol.
// Returns the reason for refusal, or nullptr.
const char* lexicalProblem(QByteArrayView json)
{
    bool inString = false;
    bool escaped = false;
    int depth = 0;
    for (const char c : json) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20) {
            if (inString || (c != '\t' && c != '\n' && c != '\r'))
                return "packet data contains a raw control character";
        } else if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > SocketPacket::MaxJsonDepth)
                return "packet data is nested too deeply";
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return nullptr;
}

bool fail(QString* error, const char* reason)
{
    *error = QString::fromLatin1(reason);
    return false;
}

} // namespace

bool SocketPacket::decode(QByteArrayView payload, SocketPacket* out, QString* error)
{
    out->nsp = QStringLiteral("/");
    out->id = -1;
    out->data = QJsonValue(QJsonValue::Undefined);
    if (payload.isEmpty())
        return fail(error, "empty Socket.IO packet");
    const char type = payload.front();
    if (type < '0' || type > '6')
        return fail(error, "unknown Socket.IO packet type");
    out->type = static_cast<Type>(type);
    if (out->type == Type::BinaryEvent || out->type == Type::BinaryAck)
        return fail(error, "binary packets are not supported");

    qsizetype pos = 1;
    if (pos < payload.size() && payload[pos] == '/') {
        const qsizetype comma = payload.indexOf(',', pos);
        const qsizetype end = comma < 0 ? payload.size() : comma;
        const QByteArrayView nsp = payload.sliced(pos, end - pos);
        out->nsp = QString::fromUtf8(nsp);
        if (out->nsp.contains(QChar::ReplacementCharacter))
            return fail(error, "namespace is not valid UTF-8");
        pos = comma < 0 ? payload.size() : comma + 1;
    }

    const qsizetype idStart = pos;
    while (pos < payload.size() && isDigit(payload[pos])) {
        if (pos - idStart >= MaxAckIdDigits)
            return fail(error, "ack id too long");
        ++pos;
    }
    if (pos > idStart) {
        const qint64 id = payload.sliced(idStart, pos - idStart).toLongLong();
        if (id > MaxAckId)
            return fail(error, "ack id too large");
        out->id = id;
    }

    const QByteArrayView json = payload.sliced(pos);
    if (!json.isEmpty()) {
        if (const char* problem = lexicalProblem(json))
            return fail(error, problem);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(error, "packet data is not valid JSON");
        out->data = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    }

    switch (out->type) {
    case Type::Connect:
    case Type::ConnectError:
        if (!out->data.isUndefined() && !out->data.isObject())
            return fail(error, "CONNECT data must be a JSON object");
        return true;
    case Type::Disconnect:
        if (!out->data.isUndefined())
            return fail(error, "DISCONNECT carries no data");
        return true;
    case Type::Event: {
        if (!out->data.isArray())
            return fail(error, "EVENT data must be a JSON array");
        const QJsonArray array = out->data.toArray();
        if (array.isEmpty() || !array.first().isString())
            return fail(error, "EVENT data must start with the event name");
        return true;
    }
    case Type::Ack:
        if (out->id < 0)
            return fail(error, "ACK has no ack id");
        if (!out->data.isArray())
            return fail(error, "ACK data must be a JSON array");
        return true;
    case Type::BinaryEvent:
    case Type::BinaryAck:
        break;
    }
    return fail(error, "unknown Socket.IO packet type");
}

QByteArray SocketPacket::encode() const
{
    QByteArray wire;
    wire.append(static_cast<char>(type));
    if (nsp != QLatin1String("/")) {
        wire.append(nsp.toUtf8());
        wire.append(',');
    }
    if (id >= 0)
        wire.append(QByteArray::number(id));
    if (data.isArray())
        wire.append(QJsonDocument(data.toArray()).toJson(QJsonDocument::Compact));
    else if (data.isObject())
        wire.append(QJsonDocument(data.toObject()).toJson(QJsonDocument::Compact));
    return wire;
}

QString SocketPacket::eventName() const
{
    if (type != Type::Event)
        return {};
    return data.toArray().first().toString();
}

QJsonValue SocketPacket::eventArgument() const
{
    const QJsonArray array = data.toArray();
    return array.size() > 1 ? array.at(1) : QJsonValue(QJsonValue::Undefined);
}

SocketPacket SocketPacket::event(const QString& name, const QJsonValue& argument)
{
    SocketPacket packet;
    packet.type = Type::Event;
    packet.data = QJsonArray{name, argument};
    return packet;
}

SocketPacket SocketPacket::ack(qint64 id, const QJsonValue& argument)
{
    SocketPacket packet;
    packet.type = Type::Ack;
    packet.id = id;
    packet.data = QJsonArray{argument};
    return packet;
}
