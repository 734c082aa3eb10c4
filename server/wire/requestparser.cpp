#include "requestparser.h"

#include "chattext.h"
#include "roomname.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace {

bool fail(ChatError* error, ChatError::Code code, const QString& message)
{
    *error = ChatError{code, message, -1};
    return false;
}

bool payloadObject(const QJsonValue& payload, QJsonObject* object, ChatError* error)
{
    if (!payload.isObject())
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("the payload must be a JSON object"));
    *object = payload.toObject();
    return true;
}

bool roomField(const QJsonObject& object, QString* room, ChatError* error)
{
    const QJsonValue value = object.value(QStringLiteral("room"));
    if (!value.isString())
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("'room' must be a string"));
    QString reason;
    if (!RoomName::canonicalize(value.toString(), room, &reason))
        return fail(error, ChatError::Code::InvalidRoom, reason);
    return true;
}

bool isAbsent(const QJsonValue& value)
{
    return value.isUndefined() || value.isNull();
}

} // namespace

bool RequestParser::isNonNegativeInteger(const QJsonValue& value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return number >= 0 && number <= 9007199254740991.0 && std::floor(number) == number;
}

bool RequestParser::parseJoinRoom(const QJsonValue& payload, JoinRoom* out, ChatError* error)
{
    QJsonObject object;
    if (!payloadObject(payload, &object, error) || !roomField(object, &out->room, error))
        return false;
    const QJsonValue since = object.value(QStringLiteral("since"));
    if (isAbsent(since)) {
        out->since = -1;
    } else if (isNonNegativeInteger(since)) {
        out->since = qint64(since.toDouble());
    } else {
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("'since' must be a non-negative integer"));
    }
    return true;
}

bool RequestParser::parseLeaveRoom(const QJsonValue& payload, RoomOnly* out, ChatError* error)
{
    QJsonObject object;
    return payloadObject(payload, &object, error) && roomField(object, &out->room, error);
}

bool RequestParser::parseSendMessage(const QJsonValue& payload, SendMessage* out, ChatError* error)
{
    QJsonObject object;
    if (!payloadObject(payload, &object, error))
        return false;
    // Shape first, then the room, then the text rules.
    const QJsonValue text = object.value(QStringLiteral("text"));
    if (!text.isString())
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("'text' must be a string"));
    const QJsonValue clientId = object.value(QStringLiteral("client_id"));
    if (!isAbsent(clientId) &&
        (!clientId.isString() || clientId.toString().size() > MaxClientIdLength))
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("'client_id' must be a string of at most %1 characters")
                        .arg(MaxClientIdLength));
    if (!roomField(object, &out->room, error))
        return false;
    out->clientId = clientId.toString();
    if (ChatText::hasLoneSurrogate(text.toString()))
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("'text' contains a lone surrogate"));
    // Hygiene first, so that the blank and length rules see what is stored and sent.
    out->text = ChatText::sanitized(text.toString());
    if (ChatText::isBlank(out->text))
        return fail(error, ChatError::Code::EmptyMessage, QStringLiteral("the message is empty"));
    if (ChatText::codePointCount(out->text) > ChatText::MaxMessageCodePoints)
        return fail(error, ChatError::Code::MessageTooLong,
                    QStringLiteral("the message is longer than %1 characters")
                        .arg(ChatText::MaxMessageCodePoints));
    return true;
}

bool RequestParser::parseListRooms(const QJsonValue& payload, ChatError* error)
{
    if (payload.isUndefined() || payload.isObject())
        return true;
    return fail(error, ChatError::Code::InvalidPayload,
                QStringLiteral("the payload must be a JSON object"));
}

bool RequestParser::parseHistory(const QJsonValue& payload, History* out, ChatError* error)
{
    QJsonObject object;
    if (!payloadObject(payload, &object, error) || !roomField(object, &out->room, error))
        return false;
    const QJsonValue before = object.value(QStringLiteral("before"));
    if (isAbsent(before)) {
        out->before = -1;
    } else if (isNonNegativeInteger(before)) {
        out->before = qint64(before.toDouble());
    } else {
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("'before' must be a non-negative integer"));
    }
    const QJsonValue limit = object.value(QStringLiteral("limit"));
    if (isAbsent(limit)) {
        out->limit = DefaultHistoryLimit;
    } else if (limit.isDouble() && std::isfinite(limit.toDouble()) &&
               std::floor(limit.toDouble()) == limit.toDouble()) {
        out->limit = int(std::clamp(limit.toDouble(), 1.0, double(MaxHistoryLimit)));
    } else {
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("'limit' must be an integer"));
    }
    return true;
}

bool RequestParser::parseTyping(const QJsonValue& payload, Typing* out, ChatError* error)
{
    QJsonObject object;
    if (!payloadObject(payload, &object, error) || !roomField(object, &out->room, error))
        return false;
    const QJsonValue typing = object.value(QStringLiteral("typing"));
    if (!typing.isBool())
        return fail(error, ChatError::Code::InvalidPayload,
                    QStringLiteral("'typing' must be true or false"));
    out->typing = typing.toBool();
    return true;
}
