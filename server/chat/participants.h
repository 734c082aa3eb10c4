#pragma once

#include "participant.h"

#include <QElapsedTimer>

#include <map>
#include <memory>

/**
 * The chat core's table of connections by id, and the monotonic clock their rate buckets
 * run on. Shared by ChatService (which adds and removes) and the request handlers (which
 * look up the caller, also when an asynchronous answer arrives: a connection that is gone
 * by then is simply not answered).
 */
class Participants
{
public:
    Participants();

    /// The rates of a new participant's token buckets (ChatSettings).
    struct Rates
    {
        double messageRate = 0;
        int messageBurst = 0;
        double requestRate = 0;
        int requestBurst = 0;
    };
    /// Adds a participant for @p peer with a new id and full rate buckets.
    Participant& add(ChatPeer* peer, const Rates& rates);
    /// The participant with @p id, null when gone.
    Participant* find(quint64 id) const;
    /// Takes @p id out of the table; its record is returned for the last clean-up.
    std::unique_ptr<Participant> take(quint64 id);
    /// Takes every participant out (closeAllNow()).
    std::map<quint64, std::unique_ptr<Participant>> takeAll();

    int size() const { return int(m_byId.size()); }
    bool isEmpty() const { return m_byId.empty(); }
    auto begin() const { return m_byId.cbegin(); }
    auto end() const { return m_byId.cend(); }

    /// Monotonic time since the table was made, ms (the rate buckets' clock).
    qint64 nowMs() const { return m_clock.elapsed(); }

private:
    std::map<quint64, std::unique_ptr<Participant>> m_byId;
    quint64 m_nextId = 1;
    QElapsedTimer m_clock;
};
