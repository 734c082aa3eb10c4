#include "engineiorequestcheck.h"

#include "httprequest.h"

#include <QJsonObject>

namespace {

HttpResponse engineIoError(int code, const char* message)
{
    return HttpResponse::json(
        400, QJsonObject{{QStringLiteral("code"), code},
                         {QStringLiteral("message"), QString::fromLatin1(message)}});
}

} // namespace

std::optional<HttpResponse> EngineIoRequestCheck::verify(const HttpRequest& request)
{
    if (request.queryValue(QStringLiteral("transport")) != QLatin1String("websocket"))
        return engineIoError(0, "Transport unknown");
    if (!request.queryValue(QStringLiteral("sid")).isEmpty())
        return engineIoError(1, "Session ID unknown");
    if (request.method != "GET")
        return engineIoError(2, "Bad handshake method");
    if (request.queryValue(QStringLiteral("EIO")) != QLatin1String("4"))
        return engineIoError(5, "Unsupported protocol version");
    if (request.header("upgrade").toLower() != "websocket")
        return engineIoError(3, "Bad request");
    return std::nullopt;
}
