// libFuzzer target: what a cluster node reads from Redis Pub/Sub (another node's payloads,
// after the "m|" or "e|" kind): the stored message JSON (RedisRoomFeed::decode) and the
// presence/typing events (RedisRoomFanout::decodeEvent). Beyond "no crash, no leak, no
// undefined behaviour": an event that decodes survives encodeEvent() and decodeEvent().

#include "redisroomfanout.h"
#include "redisroomfeed.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    ChatMessage message;
    if (RedisRoomFeed::decode(input, &message) && message.seq <= 0)
        std::abort(); // ChatMessage::fromJson accepts positive seqs only
    RoomEvent event;
    if (RedisRoomFanout::decodeEvent(input, QByteArrayLiteral("n_self"), &event) &&
        !std::holds_alternative<ChatMessage>(event)) {
        const bool presence = std::holds_alternative<PresenceEvent>(event);
        RoomEvent again;
        if (!RedisRoomFanout::decodeEvent(
                RedisRoomFanout::encodeEvent(event, presence ? "*" : "n_other"), "n_self",
                &again) ||
            roomOf(again) != roomOf(event))
            std::abort();
    }
    return 0;
}
