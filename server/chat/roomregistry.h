#pragma once

#include "member.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

/**
 * Who is in which room (shared protocol, "Rooms" and "Presence"). Membership is per
 * connection; a user is one member while at least one of their connections is in the
 * room, or during the presence grace period after their last connection dropped.
 *
 * Pure bookkeeping: no sockets, no encoding. The service turns the results into
 * user_joined / user_left events.
 */
class RoomRegistry : public QObject
{
    Q_OBJECT

public:
    /// @param presenceGraceMs how long a dropped user stays a member, ms (0 = not at all).
    explicit RoomRegistry(int presenceGraceMs, QObject* parent = nullptr);

    /**
     * Adds connection @p connectionId of @p user to @p room (idempotent).
     * @return true when the user became a member (send user_joined); false when the user
     *         already was one, including a rejoin that ends a grace period.
     */
    bool join(const QString& room, quint64 connectionId, const Member& user, const QDateTime& now);

    /**
     * Removes connection @p connectionId of user @p userId from @p room.
     * @return true when the user is no longer a member (send user_left, reason "left").
     */
    bool leave(const QString& room, quint64 connectionId, const QString& userId,
               const QDateTime& now);

    /**
     * The connection dropped without leave_room: when it was the user's last connection in
     * @p room, the grace period starts; graceExpired() follows unless the user rejoins.
     */
    void dropConnection(const QString& room, quint64 connectionId, const QString& userId);

    /// True when connection @p connectionId has joined @p room.
    bool hasConnection(const QString& room, quint64 connectionId) const;

    /**
     * Members of @p room (users in grace included) as join_room's `members` array, compact
     * JSON text: `[{"handle":...,"user_id":...},...]` in join order (docs/protocol.md). Kept per
     * room: a new user is appended, a departure drops the text until the next call writes it anew;
     * so a join costs O(1), not O(room size), to answer. `[]` for an unknown room.
     */
    QByteArray membersJson(const QString& room) const;
    /// Number of members of @p room.
    int memberCount(const QString& room) const;
    /// The members of @p room in join order (empty when none).
    QList<Member> members(const QString& room) const;
    /// Rooms with at least one member.
    QStringList rooms() const;
    /// Number of rooms with at least one member (O(1)).
    int roomCount() const { return int(m_rooms.size()); }
    /// Latest membership change in @p room; invalid when unknown.
    QDateTime lastActivity(const QString& room) const;

Q_SIGNALS:
    /// @p user's grace period in @p room ended without a rejoin: send user_left "disconnected".
    void graceExpired(const QString& room, const Member& user);

private:
    struct UserEntry
    {
        Member member;
        QList<quint64> connections;  ///< usually one; a QSet would cost ~0.5 KiB each
        quint64 graceGeneration = 0; ///< bumped to cancel a running grace timer
        bool inGrace = false;
    };
    /// A member's key in m_users: the room and the user id.
    struct MemberKey
    {
        QString room;
        QString userId;

        friend bool operator==(const MemberKey& a, const MemberKey& b)
        {
            return a.userId == b.userId && a.room == b.room;
        }
        friend size_t qHash(const MemberKey& key, size_t seed = 0)
        {
            return qHashMulti(seed, key.room, key.userId);
        }
    };
    struct Room
    {
        QList<QString> order;           ///< user ids in join order, each member once
        mutable QByteArray membersJson; ///< cache of membersJson(); valid when membersJsonValid
        mutable bool membersJsonValid = false;
        QDateTime lastActivity;
    };

    void removeUser(const QString& room, const QString& userId, const QDateTime& now);
    void onGraceTimeout(const QString& room, const QString& userId, quint64 generation);

    const int m_presenceGraceMs;
    QHash<QString, Room> m_rooms;
    // The members of all rooms in one hash rather than one hash per room: a Qt 6 hash
    // allocates its first span's 48 entries at once, ~5 KiB per room of a few members
    // (docs/benchmarks.md, "Memory per idle connection").
    QHash<MemberKey, UserEntry> m_users;
};
