#include "httpapi.h"

#include "chatservice.h"
#include "replypayloads.h"
#include "servermetrics.h"

HttpApi::HttpApi(const ChatService* service, const ServerMetrics* metrics)
    : m_service(service)
    , m_metrics(metrics)
{
    m_uptime.start();
}

HttpResponse HttpApi::handle(const HttpRequest& request) const
{
    if (request.path == QLatin1String("/health")) {
        const bool ready = !m_ready || m_ready();
        return HttpResponse::json(
            ready ? 200 : 503,
            QJsonObject{{QStringLiteral("status"),
                         ready ? QStringLiteral("ok") : QStringLiteral("not_ready")},
                        {QStringLiteral("connections"), m_service->connectionCount()},
                        {QStringLiteral("rooms"), m_service->rooms().roomCount()},
                        {QStringLiteral("uptime_ms"), m_uptime.elapsed()}});
    }
    if (request.path == QLatin1String("/rooms"))
        return HttpResponse::json(200, ReplyPayloads::roomList(m_service->rooms().summaries()));
    if (request.path == QLatin1String("/metrics")) {
        HttpResponse response =
            HttpResponse::text(200, m_metrics->renderPrometheus(m_service->connectionCount(),
                                                                m_service->rooms().roomCount()));
        response.contentType = "text/plain; version=0.0.4; charset=utf-8";
        return response;
    }
    return HttpResponse::json(404,
                              QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}});
}
