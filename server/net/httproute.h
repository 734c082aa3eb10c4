#pragma once

#include "httpresponse.h"

/// What to do with one request, as HttpFrontDoor's router decides (HttpFrontDoor::Route).
struct HttpRoute
{
    enum class Kind {
        Respond,  ///< answer with response (and close, unless on a keep-alive connection)
        Upgrade,  ///< a WebSocket upgrade to endpoint (after the checks above)
        Exchange, ///< the exchange handler answers, maybe later (keep-alive)
    };
    Kind kind = Kind::Respond;
    HttpResponse response; ///< Respond: the answer
    int endpoint = 0;      ///< Upgrade, Exchange: the router's name for it, handed back
    /// Upgrade, Exchange: a new connection for the caps (setAdmission()); false for one
    /// that continues a session already counted (an Engine.IO polling request, upgrade).
    bool admit = true;

    static HttpRoute respond(HttpResponse response) { return {Kind::Respond, std::move(response)}; }
    static HttpRoute upgrade(int endpoint, bool admit = true)
    {
        return {Kind::Upgrade, {}, endpoint, admit};
    }
    static HttpRoute exchange(int endpoint, bool admit)
    {
        return {Kind::Exchange, {}, endpoint, admit};
    }
};
