#pragma once

#include "roomfanout.h"

#include <QHash>
#include <QList>

#include <array>
#include <vector>

class DeliveryChannel;

/**
 * RoomFanout within one process: for each room, its subscribers grouped by wire format.
 * publish() encodes the event once per format present (EventEncoder) and hands that one
 * QByteArray to each subscriber: once per DeliveryChannel for peers that have one (an I/O
 * thread then queues it on each of its members), by ChatPeer::sendFrame() for the others.
 * Lives on the chat core's thread; subscribers must unsubscribe before they are destroyed.
 */
class LocalRoomFanout : public RoomFanout
{
public:
    void subscribe(const QString& room, ChatPeer* peer, WireFormat format) override;
    void unsubscribe(const QString& room, ChatPeer* peer) override;
    int publish(const RoomEvent& event, const ChatPeer* except = nullptr) override;

    /// Subscribers of @p room (all formats).
    int subscriberCount(const QString& room) const;

private:
    struct Subscriber
    {
        ChatPeer* peer = nullptr;
        DeliveryChannel* channel = nullptr; ///< as the peer said when it subscribed
        quint64 key = 0;
        WireFormat format = WireFormat::SocketIo;
    };
    struct ChannelShare
    {
        DeliveryChannel* channel = nullptr;
        int members = 0;
    };
    /// The subscribers of one room in one format.
    struct Group
    {
        quint64 id = 0; ///< the channels' name for it; 0 while empty
        int members = 0;
        QList<ChatPeer*> direct;            ///< peers without a channel, in join order
        std::vector<ChannelShare> channels; ///< channels with members
    };
    struct Room
    {
        QList<Subscriber> subscribers; ///< a list, not a hash: walked rarely, small per entry
        std::array<Group, WireFormatCount> groups;
    };

    void add(Room& room, const Subscriber& subscriber);
    void remove(Room& room, qsizetype index);

    QHash<QString, Room> m_rooms;
    quint64 m_nextGroupId = 1;
};
