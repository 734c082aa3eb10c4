#pragma once

#include "httpresponse.h"

#include <QString>

#include <functional>
#include <optional>

struct HttpRequest;

/**
 * The Engine.IO checks of a request to `/socket.io/`, in the order the reference server's
 * verify() makes them (socketio/engine.io lib/server.ts), with its answers (HTTP 400 and a
 * JSON body):
 * - `{"code":0,"message":"Transport unknown"}`: transport neither polling nor websocket;
 * - `{"code":1,"message":"Session ID unknown"}`: a `sid` that names no polling session;
 * - `{"code":3,"message":"Bad request"}`: a `sid` whose session is no longer on polling
 *   (transport mismatch, or an upgrade of a session already upgrading), a polling request
 *   with a method other than GET or POST, a websocket handshake without `Upgrade: websocket`;
 * - `{"code":2,"message":"Bad handshake method"}`: a handshake (no sid) that is not a GET;
 * - `{"code":5,"message":"Unsupported protocol version"}`: a handshake with EIO other than 4.
 * Pure function of the request head and of what @p session says about a sid.
 */
class EngineIoRequestCheck
{
public:
    /// What a valid request is.
    enum class Kind {
        WebSocket,        ///< `transport=websocket`, no sid: a new session on a WebSocket
        PollingHandshake, ///< `GET ...transport=polling`, no sid: a new polling session
        Polling,          ///< `GET` or `POST ...transport=polling&sid=S`
        Upgrade,          ///< `transport=websocket&sid=S`: the upgrade of polling session S
    };
    /// What a sid names.
    enum class SessionState {
        Unknown,   ///< no such session
        Polling,   ///< a session on polling that may upgrade
        Upgrading, ///< on polling, a WebSocket probe in progress
        Upgraded,  ///< moved to its WebSocket
    };
    using SessionLookup = std::function<SessionState(const QString& sid)>;

    /// The verdict: an error answer, or the kind of a valid request.
    struct Verdict
    {
        std::optional<HttpResponse> error;
        Kind kind = Kind::WebSocket;
    };

    /// Checks @p request; @p session tells what a sid names.
    static Verdict check(const HttpRequest& request, const SessionLookup& session);
    /**
     * The checks with no session known, websocket only as before polling existed: the error
     * answer for @p request, or none when it is a valid websocket handshake.
     */
    static std::optional<HttpResponse> verify(const HttpRequest& request);

    /// The 400 answer with body `{"code":@p code,"message":@p message}`.
    static HttpResponse error(int code, const char* message);
};
