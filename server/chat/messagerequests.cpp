#include "messagerequests.h"

#include "messagestore.h"
#include "participants.h"
#include "roomfanout.h"
#include "servermetrics.h"

#include <QPointer>

namespace {
// retry_after_ms of a server_busy reply to a message the store could not write.
constexpr qint64 StoreFailedRetryAfterMs = 1000;
} // namespace

MessageRequests::MessageRequests(Participants* participants, MessageStore* store,
                                 RoomFanout* fanout, ServerMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_participants(participants)
    , m_store(store)
    , m_fanout(fanout)
    , m_metrics(metrics)
{
    m_clock.start();
}

void MessageRequests::send(quint64 id, const RequestParser::SendMessage& request,
                           ChatReply<SendAnswer> reply)
{
    Participant* participant = m_participants->find(id);
    if (!participant)
        return;
    if (!participant->rooms.contains(request.room))
        return reply(ChatError{ChatError::Code::NotInRoom,
                               QStringLiteral("join '%1' before sending to it").arg(request.room)});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ChatMessage original;
    if (m_store->findByClientId(participant->identity.userId, request.clientId, now, &original))
        return reply(SendAnswer{original, true}); // no broadcast, no rate token
    ChatError refusal;
    if (!participant->takeTokens(1.0, m_participants->nowMs(), &refusal)) {
        m_metrics->countRateLimited("send_message");
        return reply(refusal);
    }

    const MessageDraft draft{request.room,
                             participant->identity.userId,
                             participant->identity.handle,
                             request.text,
                             request.clientId,
                             now};
    const QPointer<MessageRequests> self(this);
    const qint64 appendStartNs = m_clock.nsecsElapsed();
    m_store->append(draft, [self, id, appendStartNs,
                            reply = std::move(reply)](const ChatMessage& stored, bool duplicate) {
        if (!self)
            return;
        self->m_metrics->storageAppendSeconds.observe(
            (self->m_clock.nsecsElapsed() - appendStartNs) / 1e9);
        const bool asking = self->m_participants->find(id) != nullptr;
        if (stored.seq == 0) { // not stored: the client retries with the same client_id
            if (asking)
                reply(ChatError{ChatError::Code::ServerBusy,
                                QStringLiteral("the message could not be stored; retry"),
                                StoreFailedRetryAfterMs});
            return;
        }
        if (!duplicate) {
            ++self->m_metrics->messagesTotal;
            // Encoded once per wire format in the room, not per member.
            self->m_metrics->deliveriesTotal += self->m_fanout->publish(stored);
        }
        if (asking)
            reply(SendAnswer{stored, duplicate});
    });
}

void MessageRequests::history(quint64 id, const RequestParser::History& request,
                              ChatReply<HistoryAnswer> reply)
{
    Participant* participant = m_participants->find(id);
    if (!participant)
        return;
    ChatError refusal;
    if (!participant->takeRequestToken(m_participants->nowMs(), &refusal)) {
        m_metrics->countRateLimited("history");
        return reply(refusal);
    }
    const qint64 before = request.before >= 0 ? request.before : m_store->lastSeq(request.room) + 1;
    const QPointer<MessageRequests> self(this);
    const QString room = request.room;
    m_store->messagesBefore(request.room, before, request.limit,
                            [self, id, room, reply = std::move(reply)](const HistorySlice& slice) {
                                if (!self)
                                    return;
                                const Participant* asking = self->m_participants->find(id);
                                if (asking && asking->identified)
                                    reply(HistoryAnswer{room, slice});
                            });
}
