#include "gateway.h"

#include "chatservice.h"
#include "clientconnection.h"
#include "deliverychannels.h"
#include "jsonpeer.h"
#include "socketiopeer.h"

Gateway::Gateway(ChatService* chat, DeliveryChannels* channels, ServerMetrics* metrics,
                 const Settings& settings, QObject* parent)
    : QObject(parent)
    , m_chat(chat)
    , m_channels(channels)
    , m_metrics(metrics)
    , m_settings(settings)
{}

void Gateway::adoptSocketIo(ClientConnection* connection)
{
    DeliveryChannel* channel = m_channels->channelFor(connection->multicast());
    auto* peer = new SocketIoPeer(m_chat, connection, m_settings.engineIo, m_settings.socketIo,
                                  channel, m_metrics);
    if (const quint64 id = m_chat->attach(peer))
        peer->start(id);
}

void Gateway::adoptJson(ClientConnection* connection, const JsonPeer::Query& query)
{
    DeliveryChannel* channel = m_channels->channelFor(connection->multicast());
    auto* peer = new JsonPeer(m_chat, connection, m_settings.json, channel, m_metrics);
    if (const quint64 id = m_chat->attach(peer))
        peer->start(id, query);
}
