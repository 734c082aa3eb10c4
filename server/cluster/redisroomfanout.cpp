#include "redisroomfanout.h"

#include "clusterlogging.h"
#include "rediskeys.h"
#include "redislink.h"
#include "redispresence.h"
#include "redisroomfeed.h"

#include <QJsonDocument>
#include <QJsonObject>

RedisRoomFanout::RedisRoomFanout(RedisLink* commands, RedisRoomFeed* feed, RedisPresence* presence,
                                 const QByteArray& nodeId)
    : m_commands(commands)
    , m_presence(presence)
    , m_nodeId(nodeId)
{
    presence->setDeliver([this](const PresenceEvent& event, const ChatPeer* except) {
        m_local.publish(event, except);
    });
    feed->setSink([this](const ChatMessage& message) { m_local.publish(message); },
                  [this](const QString& room) { return m_local.subscriberCount(room) > 0; });
    feed->setEventHandler(
        [this](const QString& room, const QByteArray& payload) { onRemoteEvent(room, payload); });
    // The feed syncs once both links are up: presence published while the subscriber was
    // down (another node's members re-registering after an outage) is read from Redis.
    QObject::connect(feed, &RedisRoomFeed::syncedChanged, presence, [presence](bool synced) {
        if (synced)
            presence->readMirror();
    });
}

void RedisRoomFanout::subscribe(const QString& room, ChatPeer* peer, WireFormat format)
{
    m_local.subscribe(room, peer, format);
}

void RedisRoomFanout::unsubscribe(const QString& room, ChatPeer* peer)
{
    m_local.unsubscribe(room, peer);
}

int RedisRoomFanout::publish(const RoomEvent& event, const ChatPeer* except)
{
    if (std::holds_alternative<ChatMessage>(event))
        return m_local.subscriberCount(roomOf(event)); // delivered by the feed already
    if (const auto* presence = std::get_if<PresenceEvent>(&event)) {
        m_presence->publish(*presence, except); // delivered when Redis publishes it
        return 0;
    }
    const int count = m_local.publish(event, except);
    m_commands->command(
        {"PUBLISH", RedisKeys::channel(roomOf(event)),
         QByteArray(1, RedisKeys::EventPayload) + '|' + encodeEvent(event, m_nodeId)},
        [](const RedisReply&) {}); // best effort, as typing and presence are
    return count;
}

QByteArray RedisRoomFanout::encodeEvent(const RoomEvent& event, const QByteArray& node)
{
    char kind = 't';
    QJsonObject object;
    if (const auto* presence = std::get_if<PresenceEvent>(&event)) {
        kind = presence->kind == PresenceEvent::Kind::Joined ? 'j' : 'l';
        object = presence->toJson();
    } else if (const auto* typing = std::get_if<TypingEvent>(&event)) {
        object = typing->toJson();
    }
    return node + '|' + kind + '|' + QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool RedisRoomFanout::decodeEvent(const QByteArray& payload, const QByteArray& ownNode,
                                  RoomEvent* out)
{
    const qsizetype bar = payload.indexOf('|');
    if (bar <= 0 || payload.size() < bar + 3 || payload[bar + 2] != '|' ||
        payload.left(bar) == ownNode)
        return false;
    const char kind = payload[bar + 1];
    // Presence comes only from the scripts (node "*"), typing only from a node.
    const bool fromScript = payload.left(bar) == "*";
    if (fromScript != (kind == 'j' || kind == 'l'))
        return false;
    const QJsonDocument document = QJsonDocument::fromJson(payload.mid(bar + 3));
    if (!document.isObject())
        return false;
    const QJsonObject object = document.object();
    if (kind == 'j' || kind == 'l') {
        PresenceEvent presence;
        if (!PresenceEvent::fromJson(kind == 'j' ? PresenceEvent::Kind::Joined
                                                 : PresenceEvent::Kind::Left,
                                     object, &presence))
            return false;
        *out = presence;
        return true;
    }
    if (kind != 't')
        return false;
    const QJsonValue room = object.value(QStringLiteral("room"));
    const QJsonValue userId = object.value(QStringLiteral("user_id"));
    const QJsonValue handle = object.value(QStringLiteral("handle"));
    const QJsonValue typing = object.value(QStringLiteral("typing"));
    if (!room.isString() || !userId.isString() || !handle.isString() || !typing.isBool())
        return false;
    *out = TypingEvent{room.toString(), userId.toString(), handle.toString(), typing.toBool()};
    return true;
}

void RedisRoomFanout::onRemoteEvent(const QString& room, const QByteArray& payload)
{
    RoomEvent event;
    if (!decodeEvent(payload, m_nodeId, &event))
        return; // our own, or garbled
    if (roomOf(event) != room) {
        qCWarning(lcCluster) << "ignored an event for another room on" << room;
        return;
    }
    if (const auto* presence = std::get_if<PresenceEvent>(&event))
        m_presence->onPublished(*presence);
    else
        m_local.publish(event);
}
