#pragma once

#include "memberdirectory.h"
#include "presenceevent.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

class ChatPeer;
class RedisLink;
struct RedisReply;

/**
 * Cluster-wide presence (issue 16). A user is a member of a room while any node has them
 * as a member (RoomRegistry: connected, or within its grace period); one user connected
 * to two nodes is one member. In Redis: chat:pn:NODE, the set of "ROOM\x1fUSER" a node
 * holds; chat:pc, how many nodes hold each; chat:pm, their handles (and chat:pr:ROOM, user ->
 * handle, for one room's members at once); chat:nodes, a sorted
 * set of node heartbeats (every HeartbeatMs).
 *
 * The node's presence events come here instead of going to its members directly: a
 * Joined runs a script that registers the node's membership and, when it is the user's
 * first node, publishes user_joined to every node; a Left unregisters it and publishes
 * user_left when it was the last. Each node delivers those to its members (the joiner's
 * connection excepted, as on one node) and keeps a mirror of every room's members, read
 * in full after each (re)connection, which members() and rooms() answer from.
 * Every heartbeat also reaps nodes silent for DeadAfterMs plus the grace period: their
 * users leave ("disconnected") unless another node still holds them. A node reaps only
 * once its own link has been up for that long without a break: after an outage of Redis
 * (or of its own link) every node's heartbeat is stale, and silence that overlapped its
 * own disconnection says nothing about the others. On each (re)connection it sends its
 * heartbeat and re-registers its memberships at once, so the others see it alive first.
 */
class RedisPresence : public QObject, public MemberDirectory
{
    Q_OBJECT

public:
    /// Delivers an event to this node's members, skipping @p except (may be null).
    using Deliver = std::function<void(const PresenceEvent& event, const ChatPeer* except)>;

    static constexpr int HeartbeatMs = 1000; ///< how often a node says it is alive, ms
    static constexpr int DeadAfterMs = 3000; ///< silence before a node counts as gone, ms

    /// @p commands must outlive this; @p nodeId as RedisRoomFanout's.
    RedisPresence(RedisLink* commands, const QByteArray& nodeId, int presenceGraceMs,
                  QObject* parent = nullptr);

    /// Where events for this node's members go (the local fan-out).
    void setDeliver(Deliver deliver) { m_deliver = std::move(deliver); }

    /// This node's Joined or Left for @p event's (room, user); @p except: the joiner.
    void publish(const PresenceEvent& event, const ChatPeer* except);
    /// A presence payload a script published (after "e|*|"): mirror, then deliver.
    void onPublished(const PresenceEvent& event);
    /**
     * Reads every room's members from Redis into the mirror (HGETALL chat:pm), keeping
     * the events published while the read is on its way. Runs after every (re)connection
     * of the command link; call it too once the subscriber link is back (the feed synced),
     * since what was published while it was down never reaches onPublished().
     */
    void readMirror();
    /// True once the command link has been up without a break for reapAfterMs().
    bool mayReap() const;
    /// DeadAfterMs plus the grace period: a node's silence before it is reaped, ms.
    int reapAfterMs() const { return DeadAfterMs + m_presenceGraceMs; }

    QList<Member> members(const QString& room, const QList<Member>& local,
                          const QList<Member>& fetched) const override;
    /// HGETALL chat:pr:ROOM, behind this node's own presence scripts on the same link.
    void fetchMembers(const QString& room, MembersCallback done) const override;
    QStringList rooms() const override;

    /// Field of a (room, user) in the presence keys: "ROOM\x1fUSER".
    static QByteArray field(const QString& room, const QString& userId);

private:
    void heartbeat();
    void resync();
    /// The mirror's side of a published event (no delivery).
    void mirror(const PresenceEvent& event);
    void registerJoin(const PresenceEvent& event);
    void registerLeave(const PresenceEvent& event);

    RedisLink* m_commands;
    const QByteArray m_nodeId;
    const int m_presenceGraceMs;
    Deliver m_deliver;
    QTimer m_heartbeat;
    /// Every room's members on any node, as the scripts published them.
    QHash<QString, QList<Member>> m_mirror;
    /// This node's memberships, registered again after a reconnection.
    QHash<QByteArray, PresenceEvent> m_local;
    /// Leaves Redis did not take (it was away): sent again after a reconnection.
    QHash<QByteArray, PresenceEvent> m_unsentLeaves;
    /// The joiner's connection for user_joined events on their way back from Redis.
    QHash<QByteArray, const ChatPeer*> m_joiners;
    quint64 m_resyncGeneration = 0;
    /// Events published while readMirror()'s answer is on its way: applied after it.
    QList<PresenceEvent> m_journal;
    bool m_readingMirror = false;
    /// Since the command link's latest (re)connection; invalid while it is down.
    QElapsedTimer m_connectedFor;
};
