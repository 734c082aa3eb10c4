#include "chaterror.h"

#include <array>
#include <utility>

namespace {

constexpr std::array<std::pair<ChatError::Code, const char*>, 8> CodeNames{{
    {ChatError::Code::InvalidPayload, "invalid_payload"},
    {ChatError::Code::InvalidRoom, "invalid_room"},
    {ChatError::Code::NotInRoom, "not_in_room"},
    {ChatError::Code::EmptyMessage, "empty_message"},
    {ChatError::Code::MessageTooLong, "message_too_long"},
    {ChatError::Code::RateLimited, "rate_limited"},
    {ChatError::Code::TooManyRooms, "too_many_rooms"},
    {ChatError::Code::ServerBusy, "server_busy"},
}};

} // namespace

QString ChatError::codeName(Code code)
{
    for (const auto& [value, name] : CodeNames) {
        if (value == code)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("invalid_payload");
}

bool ChatError::codeFromName(const QString& name, Code* code)
{
    for (const auto& [value, wireName] : CodeNames) {
        if (name == QLatin1String(wireName)) {
            *code = value;
            return true;
        }
    }
    return false;
}

QJsonObject ChatError::toJson() const
{
    QJsonObject object{
        {QStringLiteral("code"), codeName(code)},
        {QStringLiteral("message"), message},
    };
    if (retryAfterMs >= 0)
        object.insert(QStringLiteral("retry_after_ms"), retryAfterMs);
    return object;
}

QJsonObject ChatError::toAck() const
{
    return QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), toJson()}};
}

bool ChatError::fromJson(const QJsonObject& object, ChatError* out)
{
    if (!codeFromName(object.value(QStringLiteral("code")).toString(), &out->code))
        return false;
    out->message = object.value(QStringLiteral("message")).toString();
    const QJsonValue retry = object.value(QStringLiteral("retry_after_ms"));
    out->retryAfterMs = retry.isDouble() ? static_cast<qint64>(retry.toDouble()) : -1;
    return true;
}
