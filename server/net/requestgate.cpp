#include "requestgate.h"

#include "connectionadmission.h"
#include "netlogging.h"
#include "websockethandshake.h"

#include <QJsonObject>

namespace {

// How often a full server says so in the log, ms.
constexpr qint64 FullWarningIntervalMs = 10000;

} // namespace

RequestGate::RequestGate(Router router)
    : m_router(std::move(router))
{}

QHostAddress RequestGate::clientOf(HttpRequest::Parse parsed, const HttpRequest& request,
                                   const QHostAddress& peer) const
{
    if (parsed != HttpRequest::Parse::Complete)
        return peer; // the headers may be partial; the answer is an error anyway
    return m_proxies.clientAddress(peer, request);
}

RequestGate::Decision RequestGate::decide(HttpRequest::Parse parsed, const HttpRequest& request,
                                          const QHostAddress& peer, bool validateHandshake)
{
    switch (parsed) {
    case HttpRequest::Parse::Complete:
        break;
    case HttpRequest::Parse::TooLarge:
        return HttpResponse::text(431, "request head too large\n");
    case HttpRequest::Parse::Invalid:
    case HttpRequest::Parse::Incomplete: // not passed: callers wait for more bytes
        return HttpResponse::text(400, "malformed request\n");
    }
    if (m_refusePeer && m_refusePeer(peer))
        return HttpResponse::json(
            403, QJsonObject{{QStringLiteral("error"), QStringLiteral("forbidden")}});
    const QByteArray origin = request.header("origin");
    if (!m_origins.allows(origin)) {
        // As the reference Engine.IO server answers a refused allowRequest() or CORS origin.
        qCDebug(lcHttp) << "refused a request from origin" << origin;
        countRefusal("origin");
        return HttpResponse::json(
            403, QJsonObject{{QStringLiteral("code"), 4},
                             {QStringLiteral("message"), QStringLiteral("Forbidden")}});
    }
    if (request.method == "OPTIONS")
        return m_origins.preflight(request);
    HttpRoute route = m_router(request);
    switch (route.kind) {
    case HttpRoute::Kind::Respond:
        route.response.extraHeaders.append(m_origins.corsHeaders(origin));
        return std::move(route.response);
    case HttpRoute::Kind::Exchange:
        return ExchangeRoute{route.endpoint, route.admit};
    case HttpRoute::Kind::Upgrade:
        break;
    }
    return checkUpgrade(request, peer, route, validateHandshake);
}

RequestGate::Decision RequestGate::checkUpgrade(const HttpRequest& request,
                                                const QHostAddress& peer, const HttpRoute& route,
                                                bool validateHandshake)
{
    if (validateHandshake) {
        // QWebSocketServer checks the rest itself; without it, WebSocketHandshake does.
        int status = 0;
        QByteArray reason;
        if (!WebSocketHandshake::validate(request, &status, &reason)) {
            qCDebug(lcHttp) << "bad WebSocket upgrade:" << reason;
            HttpResponse response = HttpResponse::text(status, reason + '\n');
            if (status == 426) // RFC 6455 §4.4: name the versions we speak
                response.extraHeaders.append(
                    std::pair<QByteArray, QByteArray>("Sec-WebSocket-Version", "13"));
            return response;
        }
    }
    if (!route.admit)
        return UpgradeRoute{route.endpoint, false};
    if (std::optional<HttpResponse> refusal = admit(peer))
        return std::move(*refusal);
    return UpgradeRoute{route.endpoint, m_admission != nullptr};
}

std::optional<HttpResponse> RequestGate::admit(const QHostAddress& peer)
{
    if (!m_admission)
        return std::nullopt;
    switch (m_admission->admit(peer)) {
    case ConnectionAdmission::Verdict::Admitted:
        return std::nullopt;
    case ConnectionAdmission::Verdict::AddressLimit:
        // Debug only: under attack this would flood the log (and addresses stay out of it).
        qCDebug(lcNet) << "per-address connection cap reached; refused" << peer;
        countRefusal("per_ip_cap");
        return HttpResponse::error(429, "too_many_connections",
                                   "Too many connections from this address",
                                   AddressLimitRetryAfterSecs);
    case ConnectionAdmission::Verdict::TotalLimit:
        countRefusal("connection_cap");
        if (!m_lastFullWarning.isValid() || m_lastFullWarning.elapsed() > FullWarningIntervalMs) {
            qCWarning(lcNet).nospace() << "connection cap reached (" << m_admission->total()
                                       << " connections); refusing new ones with 503";
            m_lastFullWarning.start();
        }
        return HttpResponse::error(503, "server_busy", "The server is full; try again later",
                                   TotalLimitRetryAfterSecs);
    }
    return HttpResponse::error(503, "server_busy", "The server is full; try again later",
                               TotalLimitRetryAfterSecs);
}

void RequestGate::countRefusal(const QByteArray& reason) const
{
    if (m_countRefusal)
        m_countRefusal(reason);
}
