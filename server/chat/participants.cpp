#include "participants.h"

Participants::Participants()
{
    m_clock.start();
}

Participant& Participants::add(ChatPeer* peer, const Rates& rates)
{
    auto participant = std::make_unique<Participant>();
    participant->id = m_nextId++;
    participant->peer = peer;
    participant->bucket = TokenBucket(rates.messageRate, rates.messageBurst, nowMs());
    participant->requestBucket = TokenBucket(rates.requestRate, rates.requestBurst, nowMs());
    participant->connectedAtMs = nowMs();
    Participant& added = *participant;
    m_byId.emplace(added.id, std::move(participant));
    return added;
}

Participant* Participants::find(quint64 id) const
{
    const auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : it->second.get();
}

std::unique_ptr<Participant> Participants::take(quint64 id)
{
    const auto it = m_byId.find(id);
    if (it == m_byId.end())
        return nullptr;
    std::unique_ptr<Participant> participant = std::move(it->second);
    m_byId.erase(it);
    return participant;
}

std::map<quint64, std::unique_ptr<Participant>> Participants::takeAll()
{
    return std::exchange(m_byId, {});
}
