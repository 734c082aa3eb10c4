#pragma once

#include "histogram.h"

#include <QByteArray>
#include <QMap>
#include <QtGlobal>

/**
 * Counters for GET /metrics. The service increments them; gauges (connections, rooms) are
 * passed in when rendering, from the live state. Label values ("reason") are short
 * snake_case identifiers chosen by the code that counts, e.g. "ping_timeout".
 */
class ServerMetrics
{
public:
    quint64 connectionsTotal = 0;    ///< WebSocket connections accepted
    quint64 messagesTotal = 0;       ///< messages stored (duplicates not counted)
    quint64 deliveriesTotal = 0;     ///< message frames queued to recipients
    quint64 protocolErrorsTotal = 0; ///< invalid_payload replies
    quint64 rateLimitedTotal = 0;    ///< rate_limited replies (all reasons)
    /// Engine.IO sessions opened over HTTP long-polling (also in connectionsTotal).
    quint64 pollingSessionsTotal = 0;
    quint64 upgradesTotal = 0;  ///< polling sessions that moved to a WebSocket
    qint64 pollingSessions = 0; ///< gauge: sessions on polling now (also in connections)

    QMap<QByteArray, quint64> rateLimitedByReason; ///< e.g. "send_message", "typing"
    QMap<QByteArray, quint64> closedByReason;      ///< connections ended, by why
    QMap<QByteArray, quint64> refusedByReason;     ///< connections refused before upgrade

    /// MessageStore::append() to its completion callback, seconds.
    Histogram storageAppendSeconds{
        {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1}};
    /// Lateness of a periodic timer: how long ready work waits for the event loop, seconds.
    Histogram eventLoopLagSeconds{
        {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}};

    // --- The Redis link of a cluster node (--cluster); rendered only when redisEnabled. ---
    bool redisEnabled = false;
    /// A Redis command sent to its reply, seconds (every command of every link).
    Histogram redisRoundTripSeconds{
        {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1}};
    quint64 redisReconnectsTotal = 0; ///< connections to Redis made again after a loss
    qint64 redisBacklog = 0;          ///< gauge: commands sent to Redis and not answered yet
    qint64 redisUp = 0;               ///< gauge: 1 while every Redis link is connected

    /// One rate_limited reply for @p reason (the event that was refused).
    void countRateLimited(const QByteArray& reason);
    /// One connection ended for @p reason (e.g. "client_closed", "ping_timeout", "banned").
    void countClosed(const QByteArray& reason);
    /// One connection refused before its upgrade for @p reason (e.g. "banned").
    void countRefused(const QByteArray& reason);

    /**
     * Prometheus text exposition format 0.0.4, with HELP and TYPE lines:
     * chat_connections, chat_rooms (gauges); chat_connections_by_transport (gauge with a
     * `transport` label, "polling" or "websocket"); chat_connections_opened_total (counter
     * by `transport`: the transport a session started on); chat_engineio_upgrades_total;
     * chat_connections_total, chat_messages_total,
     * chat_deliveries_total, chat_protocol_errors_total (counters);
     * chat_rate_limited_total, chat_connections_closed_total and
     * chat_connections_refused_total (counters with a `reason` label);
     * chat_storage_append_seconds and chat_event_loop_lag_seconds (histograms);
     * process_resident_memory_bytes (gauge, when /proc is readable); with redisEnabled also
     * chat_redis_up, chat_redis_backlog (gauges), chat_redis_reconnects_total (counter) and
     * chat_redis_round_trip_seconds (histogram).
     * @param connections open WebSocket connections.
     * @param rooms       rooms that exist (members or stored history).
     */
    QByteArray renderPrometheus(qint64 connections, qint64 rooms) const;

    /// Resident set size from /proc/self/statm, bytes; -1 when unavailable.
    static qint64 residentMemoryBytes();
};
