#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QElapsedTimer>

class ChatService;
class ServerMetrics;

/**
 * The plain HTTP routes on the chat port (shared protocol, "HTTP on the same port"):
 * `GET /health` -> 200 `{"status":"ok","connections","rooms","uptime_ms"}`,
 * `GET /rooms` -> 200 with the list_rooms answer `{"ok":true,"rooms":[...]}`,
 * `GET /metrics` -> 200 Prometheus text format 0.0.4, anything else -> 404.
 */
class HttpApi
{
public:
    /// Both pointers must outlive the HttpApi.
    HttpApi(const ChatService* service, const ServerMetrics* metrics);

    /// Answers one GET request (the front door has checked the method).
    HttpResponse handle(const HttpRequest& request) const;

private:
    const ChatService* m_service;
    const ServerMetrics* m_metrics;
    QElapsedTimer m_uptime;
};
