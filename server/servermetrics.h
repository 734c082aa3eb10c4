#pragma once

#include <QByteArray>
#include <QtGlobal>

/**
 * Counters for GET /metrics. The service increments them; gauges (connections, rooms) are
 * passed in when rendering, from the live state.
 */
class ServerMetrics
{
public:
    quint64 connectionsTotal = 0;    ///< WebSocket connections accepted
    quint64 messagesTotal = 0;       ///< messages stored (duplicates not counted)
    quint64 deliveriesTotal = 0;     ///< message frames queued to recipients
    quint64 protocolErrorsTotal = 0; ///< invalid_payload replies
    quint64 rateLimitedTotal = 0;    ///< rate_limited replies

    /**
     * Prometheus text exposition format 0.0.4, with HELP and TYPE lines:
     * chat_connections, chat_rooms (gauges), chat_connections_total, chat_messages_total,
     * chat_deliveries_total, chat_protocol_errors_total, chat_rate_limited_total (counters).
     * @param connections open WebSocket connections.
     * @param rooms       rooms that exist (members or stored history).
     */
    QByteArray renderPrometheus(qint64 connections, qint64 rooms) const;
};
