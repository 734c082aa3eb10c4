#include "servermetrics.h"

namespace {

void metric(QByteArray* out, const char* name, const char* type, const char* help, quint64 value)
{
    out->append("# HELP ").append(name).append(' ').append(help).append('\n');
    out->append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out->append(name).append(' ').append(QByteArray::number(value)).append('\n');
}

} // namespace

QByteArray ServerMetrics::renderPrometheus(qint64 connections, qint64 rooms) const
{
    QByteArray out;
    metric(&out, "chat_connections", "gauge", "Open WebSocket connections.", quint64(connections));
    metric(&out, "chat_rooms", "gauge", "Rooms with members or stored history.", quint64(rooms));
    metric(&out, "chat_connections_total", "counter", "WebSocket connections accepted.",
           connectionsTotal);
    metric(&out, "chat_messages_total", "counter", "Chat messages stored.", messagesTotal);
    metric(&out, "chat_deliveries_total", "counter", "Message events queued to recipients.",
           deliveriesTotal);
    metric(&out, "chat_protocol_errors_total", "counter",
           "Malformed packets or payloads answered with invalid_payload.", protocolErrorsTotal);
    metric(&out, "chat_rate_limited_total", "counter", "Requests refused with rate_limited.",
           rateLimitedTotal);
    return out;
}
