#pragma once

#include "chatpeer.h"
#include "roomfanout.h"

#include <QList>

/**
 * A RoomFanout that delivers nothing and records what the chat core asks of it, for unit
 * tests of the request handlers and RoomJoiner: subscriptions in order, and each published
 * event with the peer it was not meant for.
 */
class RecordingFanout : public RoomFanout
{
public:
    struct Subscription
    {
        QString room;
        ChatPeer* peer = nullptr;
        WireFormat format = WireFormat::SocketIo;
    };
    struct Unsubscription
    {
        QString room;
        ChatPeer* peer = nullptr;
    };
    struct Published
    {
        RoomEvent event;
        const ChatPeer* except = nullptr;
    };

    QList<Subscription> subscriptions;
    QList<Unsubscription> unsubscriptions;
    QList<Published> published;
    /// What publish() answers: the number of recipients it claims to have queued for.
    int recipients = 0;

    void subscribe(const QString& room, ChatPeer* peer, WireFormat format) override
    {
        subscriptions.append({room, peer, format});
    }
    void unsubscribe(const QString& room, ChatPeer* peer) override
    {
        unsubscriptions.append({room, peer});
    }
    int publish(const RoomEvent& event, const ChatPeer* except) override
    {
        published.append({event, except});
        return recipients;
    }

    /// The published events of type @p T, oldest first.
    template <typename T>
    QList<T> eventsOf() const
    {
        QList<T> result;
        for (const Published& entry : published) {
            if (const T* value = std::get_if<T>(&entry.event))
                result.append(*value);
        }
        return result;
    }
};
