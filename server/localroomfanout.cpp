#include "localroomfanout.h"

#include "clientconnection.h"

void LocalRoomFanout::subscribe(const QString& room, ClientConnection* connection)
{
    QList<ClientConnection*>& list = m_subscribers[room];
    if (!list.contains(connection))
        list.append(connection);
}

void LocalRoomFanout::unsubscribe(const QString& room, ClientConnection* connection)
{
    const auto it = m_subscribers.find(room);
    if (it == m_subscribers.end())
        return;
    it->removeOne(connection);
    if (it->isEmpty())
        m_subscribers.erase(it);
}

int LocalRoomFanout::publish(const QString& room, const QString& frame,
                             const ClientConnection* except)
{
    const auto it = m_subscribers.constFind(room);
    if (it == m_subscribers.constEnd())
        return 0;
    // Copy the list (cheap, implicitly shared): a send may close a socket and a handler
    // may then unsubscribe while we iterate.
    const QList<ClientConnection*> recipients = *it;
    int count = 0;
    for (ClientConnection* connection : recipients) {
        if (connection == except)
            continue;
        connection->sendTextFrame(frame);
        ++count;
    }
    return count;
}
