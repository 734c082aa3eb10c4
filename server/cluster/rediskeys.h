#pragma once

#include <QByteArray>
#include <QString>

/**
 * The names a cluster keeps in Redis, all under "chat:" (docs/operations.md lists them):
 * the hashes of every room's last seq and last message time, one stream of history per
 * room (entry id "<seq>-0", field "m" = the message's JSON), the client_id dedup keys, the
 * presence hashes and node heartbeats, and one Pub/Sub channel per room.
 */
namespace RedisKeys {

inline QByteArray seqHash()
{
    return QByteArrayLiteral("chat:seq");
}
inline QByteArray lastHash()
{
    return QByteArrayLiteral("chat:last");
}
inline QByteArray history(const QString& room)
{
    return "chat:h:" + room.toUtf8();
}
inline QByteArray dedup(const QString& userId, const QString& clientId)
{
    return "chat:d:" + userId.toUtf8() + ':' + clientId.toUtf8();
}
inline QByteArray channelPrefix()
{
    return QByteArrayLiteral("chat:r:");
}
inline QByteArray channel(const QString& room)
{
    return channelPrefix() + room.toUtf8();
}
/// Payload kinds on a room channel: "m|<message json>", "e|<node>|<event json>".
inline constexpr char MessagePayload = 'm';
inline constexpr char EventPayload = 'e';

} // namespace RedisKeys
