#pragma once

#include "member.h"
#include "outbox.h"
#include "roomrejoiner.h"

#include <QList>
#include <QString>

class MessageListModel;
class QObject;
struct PresenceEvent;

/**
 * The client's state of one joined room: its timeline (a MessageListModel with the
 * outbox's pending messages last), its members as of the last join ack and presence
 * events, and whether membership is confirmed on the current connection. A value held by
 * ChatClient; the model is a child of the QObject given and outlives the room until
 * releaseModel() (views may still show it).
 */
class JoinedRoom
{
public:
    JoinedRoom() = default;
    /**
     * Creates the timeline of @p room for the user @p ownUserId / @p ownHandle, showing
     * @p pending (the outbox's entries of the room) as pending or failed rows.
     * @param modelParent owns the model.
     */
    JoinedRoom(const QString& ownUserId, const QString& ownHandle,
               const QList<Outbox::Entry>& pending, QObject* modelParent);

    MessageListModel* model() const { return m_model; }
    QList<Member> members() const { return m_members; }

    /// Membership confirmed on this connection (a successful join ack since it opened).
    bool isJoined() const { return m_joined; }
    void setJoined(bool joined) { m_joined = joined; }

    /// Sets whose messages count as our own (a new `session`).
    void setOwnIdentity(const QString& userId, const QString& handle);

    /// Empties the timeline and shows @p pending again (the server's seqs started over).
    void restartTimeline(const QList<Outbox::Entry>& pending);

    /**
     * Applies a successful join: members, a gap marker for result.lostCount, the history.
     * Sets isJoined().
     * @return how many of the history's messages are new to the timeline and written by
     *         others after `since` (to count as unread); 0 for a first join.
     */
    int applyJoin(const RoomRejoiner::JoinResult& result, const QString& ownUserId);

    /// Applies `user_joined` / `user_left`: a presence line and the member list.
    void applyPresence(const PresenceEvent& event);

    /// Schedules the model's deletion (the room was left or refused).
    void releaseModel();

private:
    void addPendingRows(const QList<Outbox::Entry>& pending);

    MessageListModel* m_model = nullptr;
    QList<Member> m_members;
    bool m_joined = false;
};
