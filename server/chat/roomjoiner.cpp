#include "roomjoiner.h"

#include "chatlogging.h"
#include "messagestore.h"
#include "protocolevents.h"
#include "roomfanout.h"

#include <QPointer>

RoomJoiner::RoomJoiner(MessageStore* store, RoomFanout* fanout, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_fanout(fanout)
{}

RoomJoiner::~RoomJoiner() = default;

void RoomJoiner::join(quint64 connectionId, ChatPeer* peer, const QString& room, qint64 since,
                      WireFormat format, Answer answer)
{
    Joining& joining = m_connections[connectionId];
    joining.peer = peer;
    const Join join{connectionId, room, m_nextGeneration++, format, std::move(answer)};
    joining.forget(room);
    joining.latest.append({room, join.generation});

    // The history may come from disk, later: see finish().
    const QPointer<RoomJoiner> self(this);
    auto done = [self, join](const HistorySlice& slice) {
        if (self)
            self->finish(join, slice);
    };
    const qint64 lastSeq = m_store->lastSeq(room);
    if (since >= 0 && since <= lastSeq)
        m_store->messagesAfter(room, since, done);
    else
        m_store->messagesBefore(room, lastSeq + 1, ProtocolEvents::DefaultHistory, done);
}

void RoomJoiner::cancel(quint64 connectionId, const QString& room)
{
    const auto it = m_connections.find(connectionId);
    if (it != m_connections.end())
        it->forget(room);
}

void RoomJoiner::cancelAll(quint64 connectionId)
{
    const auto it = m_connections.find(connectionId);
    if (it != m_connections.end())
        it->latest = {}; // frees the storage too
}

void RoomJoiner::removeConnection(quint64 connectionId)
{
    m_connections.remove(connectionId);
}

void RoomJoiner::finish(const Join& join, const HistorySlice& slice)
{
    const auto it = m_connections.find(join.connectionId);
    if (it == m_connections.end())
        return;
    if (m_store->lastSeq(join.room) > slice.lastSeq) {
        // Messages were stored (and broadcast, but not to this connection) while the history
        // was read: read on from there, usually from the store's cache at once.
        qCDebug(lcRooms) << "join of" << join.room << "reads on after" << slice.lastSeq;
        const QPointer<RoomJoiner> self(this);
        m_store->messagesAfter(join.room, slice.lastSeq,
                               [self, join, slice](const HistorySlice& more) {
                                   if (!self)
                                       return;
                                   HistorySlice merged = slice;
                                   merged.messages += more.messages;
                                   merged.truncated = slice.truncated || more.truncated;
                                   merged.lastSeq = more.lastSeq;
                                   self->finish(join, merged);
                               });
        return;
    }
    if (it->latestFor(join.room) == join.generation) {
        it->forget(join.room);
        m_fanout->subscribe(join.room, it->peer, join.format);
    }
    join.answer(slice);
}

quint64 RoomJoiner::Joining::latestFor(const QString& room) const
{
    for (const auto& [name, generation] : latest) {
        if (name == room)
            return generation;
    }
    return 0;
}

bool RoomJoiner::Joining::forget(const QString& room)
{
    for (qsizetype i = 0; i < latest.size(); ++i) {
        if (latest.at(i).first == room) {
            latest.removeAt(i);
            if (latest.isEmpty())
                latest = {}; // an emptied list keeps its capacity (memory per idle connection)
            return true;
        }
    }
    return false;
}
