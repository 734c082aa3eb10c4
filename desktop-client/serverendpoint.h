#pragma once

#include <QString>
#include <QUrl>

/**
 * How a server address the user typed (settings, --server) becomes the URL the client
 * connects to. Source of the rules: shared protocol, "Transport" (Engine.IO v4 over
 * WebSocket at /socket.io/).
 */
class ServerEndpoint
{
public:
    /**
     * The Engine.IO WebSocket endpoint for @p serverUrl:
     * ws://, wss://, http:// (-> ws) and https:// (-> wss) are accepted, as is a bare
     * "host:port" (-> ws); surrounding whitespace is ignored. The path becomes
     * "/socket.io/" and the query "EIO=4&transport=websocket".
     * @return an invalid QUrl when @p serverUrl has another scheme or no host.
     */
    static QUrl fromAddress(const QString& serverUrl);
};
