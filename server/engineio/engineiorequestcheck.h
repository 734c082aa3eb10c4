#pragma once

#include "httpresponse.h"

#include <optional>

struct HttpRequest;

/**
 * The Engine.IO checks of a request to `/socket.io/`, in the order the reference server's
 * verify() makes them, with its answers (HTTP 400 and a JSON body):
 * `{"code":0,"message":"Transport unknown"}` (any transport but websocket),
 * `{"code":1,"message":"Session ID unknown"}` (a `sid`: there is no polling session to
 * upgrade), `{"code":2,"message":"Bad handshake method"}` (not GET),
 * `{"code":5,"message":"Unsupported protocol version"}` (EIO other than 4) and
 * `{"code":3,"message":"Bad request"}` (no `Upgrade: websocket`).
 * Pure function of the request head.
 */
class EngineIoRequestCheck
{
public:
    /// The error answer for @p request, or none when it is a valid websocket handshake.
    static std::optional<HttpResponse> verify(const HttpRequest& request);
};
