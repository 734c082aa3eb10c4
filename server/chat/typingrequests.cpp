#include "typingrequests.h"

#include "participants.h"
#include "roomfanout.h"
#include "servermetrics.h"

TypingRequests::TypingRequests(const ChatSettings& settings, Participants* participants,
                               RoomFanout* fanout, ServerMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_participants(participants)
    , m_fanout(fanout)
    , m_metrics(metrics)
    , m_expiry(settings.typingTimeoutMs)
{
    connect(
        &m_expiry, &TypingExpiry::expired, this,
        [this](const QString& room, const Member& user) { publish(room, user, false, nullptr); });
}

void TypingRequests::typing(quint64 id, const RequestParser::Typing& request,
                            ChatReply<TypingAnswer> reply)
{
    Participant* participant = m_participants->find(id);
    if (!participant)
        return;
    if (!participant->rooms.contains(request.room))
        return reply(ChatError{ChatError::Code::NotInRoom,
                               QStringLiteral("join '%1' before typing in it").arg(request.room)});
    ChatError refusal;
    if (!participant->takeRequestToken(m_participants->nowMs(), &refusal) ||
        !participant->takeTokens(m_settings.typingCost, m_participants->nowMs(), &refusal)) {
        m_metrics->countRateLimited("typing");
        return reply(refusal);
    }
    const Member me{participant->identity.userId, participant->identity.handle};
    m_expiry.update(request.room, me, request.typing);
    publish(request.room, me, request.typing, participant->peer);
    reply(TypingAnswer{});
}

void TypingRequests::stop(const Participant& participant, const QString& room)
{
    if (m_expiry.clear(room, participant.identity.userId))
        publish(room, Member{participant.identity.userId, participant.identity.handle}, false,
                nullptr);
}

void TypingRequests::publish(const QString& room, const Member& user, bool typing,
                             const ChatPeer* except)
{
    m_fanout->publish(TypingEvent{room, user.userId, user.handle, typing}, except);
}
