#pragma once

#include "member.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

/**
 * Room members beyond this process: a cluster node (RedisPresence) answers join_room's
 * `members`, list_rooms' counts and GET /rooms from every node's members. Without one,
 * RoomRequests answers from its own RoomRegistry. members() and rooms() answer at once (a
 * local mirror, which may lag behind by a round trip); fetchMembers() asks the source.
 */
class MemberDirectory
{
public:
    virtual ~MemberDirectory() = default;

    using MembersCallback = std::function<void(const QList<Member>& members)>;

    /**
     * The members of @p room on every node, merged with @p local (this node's members, some
     * of them possibly not registered cluster-wide yet) and @p fetched (a fetchMembers()
     * answer, or empty), each user once, @p local's first.
     */
    virtual QList<Member> members(const QString& room, const QList<Member>& local,
                                  const QList<Member>& fetched) const = 0;
    /**
     * Reads @p room's members on every node from the source (for join_room's answer), after
     * every presence change this node made before; @p done runs once, later or at once, on
     * this thread (with an empty list when the source is unreachable).
     */
    virtual void fetchMembers(const QString& room, MembersCallback done) const = 0;
    /// Rooms with members on any node.
    virtual QStringList rooms() const = 0;
};
