#include "redispresence.h"

#include "clusterlogging.h"
#include "rediskeys.h"
#include "redislink.h"
#include "timestamp.h"

#include <QJsonDocument>
#include <QPointer>

namespace {

// KEYS: node set, counts, handles, channel, room's members. ARGV: field, handle, payload, user.
constexpr char JoinScript[] = R"lua(
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
local count = redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[5], ARGV[4], ARGV[2])
if count == 1 then redis.call('PUBLISH', KEYS[4], ARGV[3]) end
return count
)lua";

// KEYS: node set, counts, handles, channel, room's members. ARGV: field, payload, user.
constexpr char LeaveScript[] = R"lua(
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then return -1 end
local count = redis.call('HINCRBY', KEYS[2], ARGV[1], -1)
if count <= 0 then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('HDEL', KEYS[5], ARGV[3])
  redis.call('PUBLISH', KEYS[4], ARGV[2])
end
return count
)lua";

// KEYS: nodes, counts, handles. ARGV: cutoff ms, ts, node set prefix, channel prefix.
constexpr char ReapScript[] = R"lua(
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
for _, node in ipairs(dead) do
  local key = ARGV[3] .. node
  for _, field in ipairs(redis.call('SMEMBERS', key)) do
    local count = redis.call('HINCRBY', KEYS[2], field, -1)
    if count <= 0 then
      local handle = redis.call('HGET', KEYS[3], field) or ''
      redis.call('HDEL', KEYS[2], field)
      redis.call('HDEL', KEYS[3], field)
      local sep = string.find(field, '\31', 1, true)
      if sep then
        local room = string.sub(field, 1, sep - 1)
        redis.call('HDEL', 'chat:pr:' .. room, string.sub(field, sep + 1))
        local event = cjson.encode({room = room, user_id = string.sub(field, sep + 1),
                                    handle = handle, ts = ARGV[2], reason = 'disconnected'})
        redis.call('PUBLISH', ARGV[4] .. room, 'e|*|l|' .. event)
      end
    end
  end
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], node)
end
return #dead
)lua";

QByteArray payload(const PresenceEvent& event)
{
    const char kind = event.kind == PresenceEvent::Kind::Joined ? 'j' : 'l';
    return QByteArray("e|*|") + kind + '|' +
           QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
}

QByteArray nodeSet(const QByteArray& node)
{
    return "chat:pn:" + node;
}

QByteArray roomMembers(const QString& room)
{
    return "chat:pr:" + room.toUtf8();
}

} // namespace

RedisPresence::RedisPresence(RedisLink* commands, const QByteArray& nodeId, int presenceGraceMs,
                             QObject* parent)
    : QObject(parent)
    , m_commands(commands)
    , m_nodeId(nodeId)
    , m_presenceGraceMs(presenceGraceMs)
{
    m_heartbeat.setInterval(HeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &RedisPresence::heartbeat);
    m_heartbeat.start();
    connect(commands, &RedisLink::connected, this, &RedisPresence::resync);
    connect(commands, &RedisLink::disconnected, this, [this] { m_connectedFor.invalidate(); });
}

QByteArray RedisPresence::field(const QString& room, const QString& userId)
{
    return room.toUtf8() + '\x1f' + userId.toUtf8();
}

void RedisPresence::publish(const PresenceEvent& event, const ChatPeer* except)
{
    const QByteArray key = field(event.room, event.userId);
    if (event.kind == PresenceEvent::Kind::Joined) {
        m_local.insert(key, event);
        m_unsentLeaves.remove(key);
        if (except)
            m_joiners.insert(key, except);
        registerJoin(event);
    } else {
        m_local.remove(key);
        m_joiners.remove(key);
        registerLeave(event);
    }
}

void RedisPresence::registerJoin(const PresenceEvent& event)
{
    const QPointer<RedisPresence> self(this);
    m_commands->command({"EVAL", JoinScript, "5", nodeSet(m_nodeId), "chat:pc", "chat:pm",
                         RedisKeys::channel(event.room), roomMembers(event.room),
                         field(event.room, event.userId), event.handle.toUtf8(), payload(event),
                         event.userId.toUtf8()},
                        [self, event](const RedisReply& reply) {
                            if (!self || reply.ok())
                                return;
                            // Redis is away: tell this node's members at least; the
                            // membership is registered again by resync().
                            const QByteArray key = field(event.room, event.userId);
                            if (self->m_deliver)
                                self->m_deliver(event, self->m_joiners.take(key));
                        });
}

void RedisPresence::registerLeave(const PresenceEvent& event)
{
    const QPointer<RedisPresence> self(this);
    m_commands->command({"EVAL", LeaveScript, "5", nodeSet(m_nodeId), "chat:pc", "chat:pm",
                         RedisKeys::channel(event.room), roomMembers(event.room),
                         field(event.room, event.userId), payload(event), event.userId.toUtf8()},
                        [self, event](const RedisReply& reply) {
                            if (!self || reply.ok())
                                return;
                            self->m_unsentLeaves.insert(field(event.room, event.userId), event);
                            if (self->m_deliver)
                                self->m_deliver(event, nullptr);
                        });
}

void RedisPresence::onPublished(const PresenceEvent& event)
{
    mirror(event);
    if (m_readingMirror)
        m_journal.append(event);
    const ChatPeer* except = event.kind == PresenceEvent::Kind::Joined
                                 ? m_joiners.take(field(event.room, event.userId))
                                 : nullptr;
    if (m_deliver)
        m_deliver(event, except);
}

void RedisPresence::mirror(const PresenceEvent& event)
{
    QList<Member>& members = m_mirror[event.room];
    const auto same = [&](const Member& m) {
        return m.userId == event.userId;
    };
    members.removeIf(same);
    if (event.kind == PresenceEvent::Kind::Joined)
        members.append(Member{event.userId, event.handle});
    if (members.isEmpty())
        m_mirror.remove(event.room);
}

QList<Member> RedisPresence::members(const QString& room, const QList<Member>& local,
                                     const QList<Member>& fetched) const
{
    QList<Member> out = local;
    const auto add = [&out](const QList<Member>& more) {
        for (const Member& member : more) {
            const bool known = std::any_of(out.cbegin(), out.cend(), [&](const Member& m) {
                return m.userId == member.userId;
            });
            if (!known)
                out.append(member);
        }
    };
    // What Redis answered is the truth; the mirror only fills in when it did not answer.
    add(fetched.isEmpty() ? m_mirror.value(room) : fetched);
    return out;
}

void RedisPresence::fetchMembers(const QString& room, MembersCallback done) const
{
    m_commands->command({"HGETALL", roomMembers(room)}, [done](const RedisReply& reply) {
        QList<Member> members;
        for (qsizetype i = 0; i + 1 < reply.elements.size(); i += 2)
            members.append(Member{QString::fromUtf8(reply.elements[i].string),
                                  QString::fromUtf8(reply.elements[i + 1].string)});
        done(members);
    });
}

QStringList RedisPresence::rooms() const
{
    return m_mirror.keys();
}

void RedisPresence::heartbeat()
{
    if (!m_commands->isConnected())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    m_commands->command({"ZADD", "chat:nodes", QByteArray::number(nowMs), m_nodeId},
                        [](const RedisReply&) {});
    if (!mayReap())
        return; // every heartbeat may be stale after an outage: see the class comment
    const qint64 cutoff = nowMs - reapAfterMs();
    m_commands->command({"EVAL", ReapScript, "3", "chat:nodes", "chat:pc", "chat:pm",
                         QByteArray::number(cutoff), Timestamp::format(now).toUtf8(),
                         "chat:pn:", RedisKeys::channelPrefix()},
                        [](const RedisReply& reply) {
                            if (reply.type == RedisReply::Type::Integer && reply.integer > 0)
                                qCInfo(lcCluster) << "reaped" << reply.integer << "silent node(s)";
                        });
}

bool RedisPresence::mayReap() const
{
    return m_connectedFor.isValid() && m_connectedFor.elapsed() >= reapAfterMs();
}

void RedisPresence::resync()
{
    m_connectedFor.start();
    heartbeat(); // before anything else, so that no other node reaps this one meanwhile
    for (const PresenceEvent& event : std::as_const(m_local))
        registerJoin(event); // a no-op for memberships Redis still holds
    const QHash<QByteArray, PresenceEvent> leaves = std::exchange(m_unsentLeaves, {});
    for (const PresenceEvent& event : leaves)
        registerLeave(event);
    readMirror();
}

void RedisPresence::readMirror()
{
    if (!m_commands->isConnected())
        return;
    const quint64 generation = ++m_resyncGeneration;
    m_readingMirror = true;
    m_journal.clear();
    const QPointer<RedisPresence> self(this);
    m_commands->command({"HGETALL", "chat:pm"}, [self, generation](const RedisReply& reply) {
        if (!self || generation != self->m_resyncGeneration)
            return;
        self->m_readingMirror = false;
        const QList<PresenceEvent> journal = std::exchange(self->m_journal, {});
        if (!reply.ok())
            return;
        self->m_mirror.clear();
        for (qsizetype i = 0; i + 1 < reply.elements.size(); i += 2) {
            const QByteArray& key = reply.elements[i].string;
            const qsizetype sep = key.indexOf('\x1f');
            if (sep <= 0)
                continue;
            self->m_mirror[QString::fromUtf8(key.left(sep))].append(
                Member{QString::fromUtf8(key.mid(sep + 1)),
                       QString::fromUtf8(reply.elements[i + 1].string)});
        }
        // The events that came meanwhile may be newer than the answer (another connection):
        // each sets one member's presence, so applying them again in order is harmless.
        for (const PresenceEvent& event : journal)
            self->mirror(event);
    });
}
