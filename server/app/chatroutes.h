#pragma once

#include "httpfrontdoor.h"

class PollingSessions;

/**
 * How the chat port's requests to `/socket.io/` are routed: the endpoints the front door
 * hands back (HttpFrontDoor::Route::endpoint) and the route of each request, after
 * EngineIoRequestCheck (Engine.IO v4: transport, sid, upgrade).
 */
class ChatRoutes
{
public:
    /// The endpoints of the chat port, as HttpFrontDoor::Route::endpoint.
    enum Endpoint {
        SocketIoEndpoint = 1, ///< a new Engine.IO session on a WebSocket
        PollingEndpoint,      ///< an Engine.IO polling request (PollingSessions)
        UpgradeEndpoint,      ///< the WebSocket of a polling session's upgrade
        JsonEndpoint,         ///< the plain JSON WebSocket `/ws`
    };

    /**
     * The route of @p request, a request to `/socket.io/`: an error answer, a WebSocket
     * upgrade (a new session, or a polling session's upgrade, not counted again) or a
     * polling exchange (a handshake counts as a new connection). @p polling: the open
     * polling sessions, to tell a known sid from an unknown one.
     */
    static HttpFrontDoor::Route engineIo(const HttpRequest& request,
                                         const PollingSessions* polling);
};
