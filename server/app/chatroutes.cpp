#include "chatroutes.h"

#include "engineiorequestcheck.h"
#include "pollingsessions.h"

HttpFrontDoor::Route ChatRoutes::engineIo(const HttpRequest& request,
                                          const PollingSessions* polling)
{
    using Route = HttpFrontDoor::Route;
    using Check = EngineIoRequestCheck;
    Check::Verdict verdict =
        Check::check(request, [polling](const QString& sid) { return polling->state(sid); });
    if (verdict.error)
        return Route::respond(std::move(*verdict.error));
    switch (verdict.kind) {
    case Check::Kind::WebSocket:
        return Route::upgrade(SocketIoEndpoint);
    case Check::Kind::PollingHandshake:
        return Route::exchange(PollingEndpoint, true);
    case Check::Kind::Polling:
        return Route::exchange(PollingEndpoint, false);
    case Check::Kind::Upgrade: // counted as a connection since its handshake
        return Route::upgrade(UpgradeEndpoint, false);
    }
    return Route::upgrade(SocketIoEndpoint);
}
