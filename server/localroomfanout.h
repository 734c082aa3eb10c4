#pragma once

#include "roomfanout.h"

#include <QHash>
#include <QList>

/**
 * RoomFanout within one process and thread: a list of subscribed connections per room.
 * Subscribers must unsubscribe before they are destroyed.
 */
class LocalRoomFanout : public RoomFanout
{
public:
    void subscribe(const QString& room, ClientConnection* connection) override;
    void unsubscribe(const QString& room, ClientConnection* connection) override;
    int publish(const QString& room, const QString& frame,
                const ClientConnection* except = nullptr) override;

private:
    // A list, not a set: publishing walks it in subscription order, cache-friendly.
    QHash<QString, QList<ClientConnection*>> m_subscribers;
};
