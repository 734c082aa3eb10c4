#include "roomrejoiner.h"

#include "clientlogging.h"
#include "protocolevents.h"
#include "serverreply.h"
#include "socketioclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <algorithm>

RoomRejoiner::RoomRejoiner(SocketIoClient* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
{}

RoomRejoiner::~RoomRejoiner() = default;

bool RoomRejoiner::join(const QString& room, qint64 lastSeq)
{
    if (m_inFlight.contains(room))
        return false;
    const qint64 since = lastSeq > 0 ? lastSeq : -1;
    QJsonObject payload{{QStringLiteral("room"), room}};
    if (since > 0)
        payload.insert(QStringLiteral("since"), since);
    const quint64 request = m_nextRequest++;
    QPointer<RoomRejoiner> self(this);
    const bool sent =
        m_connection->emitEvent(ProtocolEvents::JoinRoom, payload,
                                [self, room, request, since](bool acked, const QJsonValue& reply) {
                                    if (self)
                                        self->onAck(room, request, since, acked, reply);
                                });
    if (sent) {
        m_inFlight.insert(room, request);
        qCDebug(lcClientSession) << "joining" << room << "since" << since;
    }
    return sent;
}

int RoomRejoiner::rejoinAll(const QList<std::pair<QString, qint64>>& lastSeqByRoom)
{
    int sent = 0;
    for (const auto& [room, lastSeq] : lastSeqByRoom)
        sent += join(room, lastSeq) ? 1 : 0;
    return sent;
}

bool RoomRejoiner::isJoining(const QString& room) const
{
    return m_inFlight.contains(room);
}

void RoomRejoiner::cancel(const QString& room)
{
    m_inFlight.remove(room);
}

void RoomRejoiner::reset()
{
    m_inFlight.clear();
}

RoomRejoiner::JoinResult RoomRejoiner::readAck(const QString& room, qint64 since,
                                               const QJsonObject& reply)
{
    JoinResult result;
    result.room = room;
    result.since = since;
    const QJsonArray members = reply.value(QLatin1String("members")).toArray();
    for (const QJsonValue& value : members) {
        Member member;
        if (Member::fromJson(value.toObject(), &member))
            result.members.append(member);
    }
    result.history = ServerReply::messages(reply.value(QLatin1String("history")));
    result.lastSeq = reply.value(QLatin1String("last_seq")).toInteger(-1);
    result.historyReset = since > 0 && result.lastSeq >= 0 && result.lastSeq < since;
    if (since > 0 && !result.historyReset && reply.value(QLatin1String("truncated")).toBool()) {
        // Messages after `since` are gone from the server: count them up to the first kept.
        const qint64 lastSeq = result.lastSeq >= 0 ? result.lastSeq : since;
        const qint64 firstKept =
            result.history.isEmpty() ? lastSeq + 1 : result.history.first().seq;
        result.lostCount = std::max<qint64>(0, firstKept - 1 - since);
    }
    return result;
}

void RoomRejoiner::onAck(const QString& room, quint64 request, qint64 since, bool acked,
                         const QJsonValue& reply)
{
    const auto it = m_inFlight.constFind(room);
    const bool current = it != m_inFlight.cend() && *it == request;
    if (!current) {
        // Cancelled (left while in flight): undo a join the server made anyway. A newer
        // join of the same room in flight, or a reset, makes this ack moot.
        if (acked && it == m_inFlight.cend() && ServerReply::isOk(reply) &&
            m_connection->state() == SocketIoClient::State::Connected)
            m_connection->emitEvent(ProtocolEvents::LeaveRoom, {{QStringLiteral("room"), room}});
        return;
    }
    m_inFlight.remove(room);
    if (!acked)
        return; // connection dropped: joined again after the next session
    if (!ServerReply::isOk(reply)) {
        const ChatError error = ServerReply::error(reply);
        if (error.code == ChatError::Code::ServerBusy ||
            error.code == ChatError::Code::RateLimited) {
            m_inFlight.insert(room, request); // still joining: the retry keeps the slot
            retryLater(room, request, since, error);
            return;
        }
        qCWarning(lcClientSession) << "join refused:" << ChatError::codeName(error.code);
        Q_EMIT refused(room, error);
        return;
    }
    Q_EMIT joined(readAck(room, since, reply.toObject()));
}

void RoomRejoiner::retryLater(const QString& room, quint64 request, qint64 since,
                              const ChatError& error)
{
    const qint64 waitMs =
        std::clamp<qint64>(error.retryAfterMs >= 0 ? error.retryAfterMs : 1000, 250, 60000);
    qCInfo(lcClientSession) << "join of" << room << "refused for now ("
                            << ChatError::codeName(error.code) << "); again in" << waitMs << "ms";
    QTimer::singleShot(waitMs, this, [this, room, request, since] {
        const auto it = m_inFlight.constFind(room);
        if (it == m_inFlight.cend() || *it != request ||
            m_connection->state() != SocketIoClient::State::Connected)
            return; // cancelled, reset (a new session rejoins by itself) or superseded
        m_inFlight.remove(room);
        join(room, since);
    });
}
