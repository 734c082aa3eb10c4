#include "joinedroom.h"

#include "clientlogging.h"
#include "messagelistmodel.h"
#include "presenceevent.h"

#include <climits>

JoinedRoom::JoinedRoom(const QString& ownUserId, const QString& ownHandle,
                       const QList<Outbox::Entry>& pending, QObject* modelParent)
    : m_model(new MessageListModel(modelParent))
{
    setOwnIdentity(ownUserId, ownHandle);
    addPendingRows(pending);
}

void JoinedRoom::setOwnIdentity(const QString& userId, const QString& handle)
{
    m_model->setOwnUserId(userId);
    m_model->setOwnHandle(handle);
}

void JoinedRoom::restartTimeline(const QList<Outbox::Entry>& pending)
{
    m_model->clear();
    addPendingRows(pending);
}

int JoinedRoom::applyJoin(const RoomRejoiner::JoinResult& result, const QString& ownUserId)
{
    m_joined = true;
    m_members = result.members;
    for (const Member& member : std::as_const(m_members))
        m_model->noteUser(member.userId, member.handle);
    if (result.lostCount > 0) {
        // Messages after `since` are gone from the server: say how many, where they were.
        qCInfo(lcClientSession) << result.room << "lost" << result.lostCount << "messages";
        m_model->addGap(int(std::min<qint64>(result.lostCount, INT_MAX)));
    }
    const qint64 before = m_model->lastSeq();
    m_model->addMessages(result.history);
    int unread = 0;
    if (result.since > 0) {
        // Missed while away: unread like live ones (a first join's backlog is not).
        for (const ChatMessage& message : result.history)
            unread += message.seq > before && message.userId != ownUserId ? 1 : 0;
    }
    qCInfo(lcClientSession) << "joined" << result.room << "with" << result.history.size()
                            << "messages";
    return unread;
}

void JoinedRoom::applyPresence(const PresenceEvent& event)
{
    m_model->addPresence(event);
    m_members.removeIf([&event](const Member& m) { return m.userId == event.userId; });
    if (event.kind == PresenceEvent::Kind::Joined)
        m_members.append(Member{event.userId, event.handle});
}

void JoinedRoom::releaseModel()
{
    if (m_model)
        m_model->deleteLater();
    m_model = nullptr;
}

void JoinedRoom::addPendingRows(const QList<Outbox::Entry>& pending)
{
    for (const Outbox::Entry& entry : pending) {
        m_model->addPending(entry.clientId, entry.text, entry.createdAt);
        if (entry.failed)
            m_model->setPendingFailed(entry.clientId, true);
    }
}
