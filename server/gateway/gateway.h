#pragma once

#include "engineiosession.h"
#include "jsonpeer.h"
#include "socketiosession.h"

#include <QObject>

class ChatService;
class ClientConnection;
class DeliveryChannels;
class ServerMetrics;

/**
 * Where client connections enter the chat core: for each endpoint, the protocol sessions
 * and the dialect's ChatPeer over a transport the network layer accepted.
 * - Socket.IO (`/socket.io/`, websocket transport): EngineIoSession, SocketIoSession and a
 *   SocketIoPeer speaking the contract's events (and the seed app's names).
 * - Plain JSON (`/ws`): a JsonPeer straight over the WebSocket, one room per connection.
 */
class Gateway : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        EngineIoSession::Settings engineIo;
        SocketIoSession::Settings socketIo;
        JsonPeer::Settings json;
    };

    /// All pointers must outlive the gateway; @p channels also every peer it makes.
    Gateway(ChatService* chat, DeliveryChannels* channels, ServerMetrics* metrics,
            const Settings& settings, QObject* parent = nullptr);

    /**
     * A connection upgraded at `/socket.io/` (ownership is taken): attached to the chat
     * core as a Socket.IO peer and started (the open packet goes out), unless the core is
     * shutting down (then it is dropped).
     */
    void adoptSocketIo(ClientConnection* connection);
    /**
     * A connection upgraded at `/ws` (ownership is taken), with the request's @p query
     * (room, token, since): attached as a JsonPeer and started (session, then joined),
     * unless the core is shutting down (then it is dropped).
     */
    void adoptJson(ClientConnection* connection, const JsonPeer::Query& query);

private:
    ChatService* const m_chat;
    DeliveryChannels* const m_channels;
    ServerMetrics* const m_metrics;
    const Settings m_settings;
};
