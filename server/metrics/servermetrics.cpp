#include "servermetrics.h"

#include <QFile>

#include <algorithm>
#include <unistd.h>

namespace {

void header(QByteArray* out, const char* name, const char* type, const char* help)
{
    out->append("# HELP ").append(name).append(' ').append(help).append('\n');
    out->append("# TYPE ").append(name).append(' ').append(type).append('\n');
}

void metric(QByteArray* out, const char* name, const char* type, const char* help, quint64 value)
{
    header(out, name, type, help);
    out->append(name).append(' ').append(QByteArray::number(value)).append('\n');
}

/// A counter family with one series per reason; an empty map still gets HELP and TYPE.
void labelled(QByteArray* out, const char* name, const char* help,
              const QMap<QByteArray, quint64>& byReason)
{
    header(out, name, "counter", help);
    for (auto it = byReason.cbegin(); it != byReason.cend(); ++it) {
        QByteArray value = it.key();
        value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        out->append(name).append("{reason=\"").append(value).append("\"} ");
        out->append(QByteArray::number(it.value())).append('\n');
    }
}

/// One series of a family with a `transport` label (the family's HELP and TYPE first).
void byTransport(QByteArray* out, const char* name, const char* transport, quint64 value)
{
    out->append(name).append("{transport=\"").append(transport).append("\"} ");
    out->append(QByteArray::number(value)).append('\n');
}

} // namespace

void ServerMetrics::countRateLimited(const QByteArray& reason)
{
    ++rateLimitedTotal;
    ++rateLimitedByReason[reason];
}

void ServerMetrics::countClosed(const QByteArray& reason)
{
    ++closedByReason[reason];
}

void ServerMetrics::countRefused(const QByteArray& reason)
{
    ++refusedByReason[reason];
}

QByteArray ServerMetrics::renderPrometheus(qint64 connections, qint64 rooms) const
{
    QByteArray out;
    metric(&out, "chat_connections", "gauge", "Open client connections (all transports).",
           quint64(connections));
    metric(&out, "chat_rooms", "gauge", "Rooms with members or stored history.", quint64(rooms));
    const qint64 polling = std::clamp<qint64>(pollingSessions, 0, connections);
    header(&out, "chat_connections_by_transport", "gauge",
           "Open connections by the Engine.IO transport they are on now.");
    byTransport(&out, "chat_connections_by_transport", "polling", quint64(polling));
    byTransport(&out, "chat_connections_by_transport", "websocket", quint64(connections - polling));
    header(&out, "chat_connections_opened_total", "counter",
           "Connections accepted, by the Engine.IO transport they started on.");
    byTransport(&out, "chat_connections_opened_total", "polling", pollingSessionsTotal);
    byTransport(&out, "chat_connections_opened_total", "websocket",
                connectionsTotal - std::min(connectionsTotal, pollingSessionsTotal));
    metric(&out, "chat_engineio_upgrades_total", "counter",
           "Sessions moved from HTTP long-polling to a WebSocket.", upgradesTotal);
    metric(&out, "chat_connections_total", "counter", "WebSocket connections accepted.",
           connectionsTotal);
    metric(&out, "chat_messages_total", "counter", "Chat messages stored.", messagesTotal);
    metric(&out, "chat_deliveries_total", "counter", "Message events queued to recipients.",
           deliveriesTotal);
    metric(&out, "chat_protocol_errors_total", "counter",
           "Malformed packets or payloads answered with invalid_payload.", protocolErrorsTotal);
    labelled(&out, "chat_rate_limited_total",
             "Requests refused with rate_limited, by the event refused.", rateLimitedByReason);
    labelled(&out, "chat_connections_closed_total", "WebSocket connections that ended, by reason.",
             closedByReason);
    labelled(&out, "chat_connections_refused_total",
             "Connections refused before the WebSocket upgrade, by reason.", refusedByReason);
    storageAppendSeconds.render(&out, "chat_storage_append_seconds",
                                "Time from storing a message to its commit, in seconds.");
    eventLoopLagSeconds.render(&out, "chat_event_loop_lag_seconds",
                               "Lateness of a periodic timer on the main event loop, in seconds.");
    if (redisEnabled) {
        metric(&out, "chat_redis_up", "gauge",
               "Redis links of this node that are connected (2 when healthy).", quint64(redisUp));
        metric(&out, "chat_redis_backlog", "gauge",
               "Commands (appends, publishes, reads) sent to Redis and not answered yet.",
               quint64(std::max<qint64>(redisBacklog, 0)));
        metric(&out, "chat_redis_reconnects_total", "counter",
               "Connections to Redis made again after one was lost.", redisReconnectsTotal);
        redisRoundTripSeconds.render(&out, "chat_redis_round_trip_seconds",
                                     "Time from a Redis command to its reply, in seconds.");
    }
    const qint64 rss = residentMemoryBytes();
    if (rss >= 0)
        metric(&out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
               quint64(rss));
    return out;
}

qint64 ServerMetrics::residentMemoryBytes()
{
    // statm: size resident shared text lib data dt, in pages (proc(5)). A tiny procfs read,
    // which never blocks on a disk.
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readLine().simplified().split(' ');
    bool ok = false;
    const qint64 pages = fields.size() > 1 ? fields[1].toLongLong(&ok) : 0;
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    return ok && pageSize > 0 ? pages * pageSize : -1;
}
