#include "originpolicy.h"

#include "httprequest.h"
#include "httpresponse.h"

namespace {

using Header = std::pair<QByteArray, QByteArray>;

QString normalizedOrigin(QString origin)
{
    origin = origin.trimmed().toLower();
    while (origin.endsWith(QLatin1Char('/')))
        origin.chop(1);
    return origin;
}

} // namespace

OriginPolicy::OriginPolicy(const QStringList& origins)
{
    for (const QString& origin : origins) {
        const QString normalized = normalizedOrigin(origin);
        if (normalized == QLatin1String("*")) {
            m_origins.clear();
            return;
        }
        if (!normalized.isEmpty())
            m_origins.append(normalized);
    }
}

bool OriginPolicy::allows(const QByteArray& origin) const
{
    if (m_origins.isEmpty() || origin.isNull())
        return true;
    return m_origins.contains(normalizedOrigin(QString::fromLatin1(origin)));
}

OriginPolicy::Headers OriginPolicy::corsHeaders(const QByteArray& origin) const
{
    if (origin.isEmpty() || !allows(origin))
        return {};
    return {{"Access-Control-Allow-Origin", origin},
            {"Access-Control-Allow-Credentials", "true"},
            {"Vary", "Origin"}};
}

HttpResponse OriginPolicy::preflight(const HttpRequest& request) const
{
    HttpResponse response;
    response.status = 204;
    response.extraHeaders = corsHeaders(request.header("origin"));
    const bool cors = !response.extraHeaders.isEmpty();
    response.extraHeaders.append(Header("Allow", "GET, POST, OPTIONS"));
    if (cors) {
        response.extraHeaders.append(Header("Access-Control-Allow-Methods", "GET, POST, OPTIONS"));
        const QByteArray requested = request.header("access-control-request-headers");
        if (!requested.isEmpty())
            response.extraHeaders.append(Header("Access-Control-Allow-Headers", requested));
        response.extraHeaders.append(Header("Access-Control-Max-Age", "600"));
    }
    return response;
}
