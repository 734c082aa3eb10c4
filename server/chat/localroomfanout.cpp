#include "localroomfanout.h"

#include "chatpeer.h"
#include "deliverychannel.h"
#include "eventencoder.h"

#include <algorithm>

void LocalRoomFanout::subscribe(const QString& room, ChatPeer* peer, WireFormat format)
{
    Room& entry = m_rooms[room];
    for (qsizetype i = 0; i < entry.subscribers.size(); ++i) {
        if (entry.subscribers[i].peer != peer)
            continue;
        if (entry.subscribers[i].format == format)
            return;
        remove(entry, i); // switches format
        break;
    }
    add(entry, Subscriber{peer, peer->deliveryChannel(), peer->deliveryKey(), format});
}

void LocalRoomFanout::unsubscribe(const QString& room, ChatPeer* peer)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    for (qsizetype i = 0; i < it->subscribers.size(); ++i) {
        if (it->subscribers[i].peer == peer) {
            remove(*it, i);
            break;
        }
    }
    if (it->subscribers.isEmpty())
        m_rooms.erase(it);
}

void LocalRoomFanout::add(Room& room, const Subscriber& subscriber)
{
    room.subscribers.append(subscriber);
    Group& group = room.groups[size_t(subscriber.format)];
    if (group.id == 0)
        group.id = m_nextGroupId++;
    ++group.members;
    if (!subscriber.channel) {
        group.direct.append(subscriber.peer);
        return;
    }
    auto share =
        std::find_if(group.channels.begin(), group.channels.end(),
                     [&](const ChannelShare& s) { return s.channel == subscriber.channel; });
    if (share == group.channels.end())
        share = group.channels.insert(share, ChannelShare{subscriber.channel, 0});
    ++share->members;
    subscriber.channel->join(group.id, subscriber.key);
}

void LocalRoomFanout::remove(Room& room, qsizetype index)
{
    const Subscriber subscriber = room.subscribers.takeAt(index);
    Group& group = room.groups[size_t(subscriber.format)];
    if (subscriber.channel) {
        subscriber.channel->leave(group.id, subscriber.key);
        const auto share =
            std::find_if(group.channels.begin(), group.channels.end(),
                         [&](const ChannelShare& s) { return s.channel == subscriber.channel; });
        if (share != group.channels.end() && --share->members == 0)
            group.channels.erase(share);
    } else {
        group.direct.removeOne(subscriber.peer);
    }
    if (--group.members == 0)
        group = Group(); // a new id next time: nothing of the old one lingers in a channel
}

int LocalRoomFanout::publish(const RoomEvent& event, const ChatPeer* except)
{
    const auto it = m_rooms.constFind(roomOf(event));
    if (it == m_rooms.constEnd())
        return 0;
    Subscriber skipped;
    if (except) {
        const auto found = std::find_if(it->subscribers.cbegin(), it->subscribers.cend(),
                                        [except](const Subscriber& s) { return s.peer == except; });
        if (found != it->subscribers.cend())
            skipped = *found;
    }
    // Channels first: handing a frame to one is a queued write, nothing can change here.
    // Direct peers last, from copies (implicitly shared: no allocation), as a peer's
    // sendFrame() is free to end up unsubscribing someone.
    std::array<QByteArray, WireFormatCount> frames;
    std::array<QList<ChatPeer*>, WireFormatCount> direct;
    int count = 0;
    for (size_t format = 0; format < it->groups.size(); ++format) {
        const Group& group = it->groups[format];
        if (group.members == 0)
            continue;
        // Encoded once for every recipient in this format, or not at all when an earlier
        // format's frame is the same bytes.
        const auto same = size_t(EventEncoder::sameEncodingAs(WireFormat(format), event));
        frames[format] = same < format && !frames[same].isNull()
                             ? frames[same]
                             : EventEncoder::encode(WireFormat(format), event);
        direct[format] = group.direct;
        const bool skipHere = skipped.peer && size_t(skipped.format) == format;
        for (const ChannelShare& share : group.channels) {
            const bool skipInChannel = skipHere && skipped.channel == share.channel;
            share.channel->send(group.id, frames[format], skipInChannel ? skipped.key : 0);
            count += share.members - (skipInChannel ? 1 : 0);
        }
    }
    for (size_t format = 0; format < direct.size(); ++format) {
        for (ChatPeer* peer : std::as_const(direct[format])) {
            if (peer != except) {
                peer->sendFrame(frames[format]);
                ++count;
            }
        }
    }
    return count;
}

int LocalRoomFanout::subscriberCount(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? 0 : int(it->subscribers.size());
}
