#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QElapsedTimer>

#include <functional>

class ChatService;
class ServerMetrics;

/**
 * The plain HTTP routes on the chat port (shared protocol, "HTTP on the same port"):
 * `GET /health` -> 200 `{"status":"ok","connections","rooms","uptime_ms"}` (503 with status
 * "not_ready" while setReadiness() says so),
 * `GET /rooms` -> 200 with the list_rooms answer `{"ok":true,"rooms":[...]}`,
 * `GET /metrics` -> 200 Prometheus text format 0.0.4, anything else -> 404.
 */
class HttpApi
{
public:
    /// Both pointers must outlive the HttpApi.
    HttpApi(const ChatService* service, const ServerMetrics* metrics);

    /**
     * Makes /health answer 503 `{"status":"not_ready",...}` while @p ready returns false
     * (a cluster node that has lost Redis: load balancers then send new clients elsewhere).
     */
    void setReadiness(std::function<bool()> ready) { m_ready = std::move(ready); }

    /// Answers one GET request (the front door has checked the method).
    HttpResponse handle(const HttpRequest& request) const;

private:
    const ChatService* m_service;
    const ServerMetrics* m_metrics;
    QElapsedTimer m_uptime;
    std::function<bool()> m_ready;
};
