#include "engineiorequestcheck.h"

#include "httprequest.h"

#include <QJsonObject>

HttpResponse EngineIoRequestCheck::error(int code, const char* message)
{
    return HttpResponse::json(
        400, QJsonObject{{QStringLiteral("code"), code},
                         {QStringLiteral("message"), QString::fromLatin1(message)}});
}

EngineIoRequestCheck::Verdict EngineIoRequestCheck::check(const HttpRequest& request,
                                                          const SessionLookup& session)
{
    const QString transport = request.queryValue(QStringLiteral("transport"));
    const bool polling = transport == QLatin1String("polling");
    if (!polling && transport != QLatin1String("websocket"))
        return {error(0, "Transport unknown")};
    const bool upgradeHeader = request.header("upgrade").toLower() == "websocket";
    const QString sid = request.queryValue(QStringLiteral("sid"));
    if (!sid.isEmpty()) {
        const SessionState state = session ? session(sid) : SessionState::Unknown;
        if (state == SessionState::Unknown)
            return {error(1, "Session ID unknown")};
        if (polling) {
            // A session that moved to its WebSocket takes no more polling requests.
            if (state == SessionState::Upgraded ||
                (request.method != "GET" && request.method != "POST"))
                return {error(3, "Bad request")};
            return {std::nullopt, Kind::Polling};
        }
        if (state != SessionState::Polling || request.method != "GET" || !upgradeHeader)
            return {error(3, "Bad request")};
        return {std::nullopt, Kind::Upgrade};
    }
    if (request.method != "GET")
        return {error(2, "Bad handshake method")};
    if (request.queryValue(QStringLiteral("EIO")) != QLatin1String("4"))
        return {error(5, "Unsupported protocol version")};
    if (polling)
        return {std::nullopt, Kind::PollingHandshake};
    if (!upgradeHeader)
        return {error(3, "Bad request")};
    return {std::nullopt, Kind::WebSocket};
}

std::optional<HttpResponse> EngineIoRequestCheck::verify(const HttpRequest& request)
{
    Verdict verdict = check(request, {});
    if (!verdict.error && verdict.kind != Kind::WebSocket)
        return error(0, "Transport unknown");
    return std::move(verdict.error);
}
