#pragma once

#include "httprequest.h"
#include "httpresponse.h"
#include "httproute.h"
#include "originpolicy.h"
#include "trustedproxies.h"

#include <QElapsedTimer>
#include <QHostAddress>

#include <functional>
#include <optional>
#include <variant>

class ConnectionAdmission;

/**
 * HttpFrontDoor's judgement of one request head, the same on every path a request takes
 * (descriptor, peeked socket, keep-alive connection), and free of sockets.
 *
 * Malformed heads get 400, heads over the maximum 431. Abuse limits, checked before the
 * router (docs/security.md): a refused peer (setPeerFilter(), e.g. a ban) gets 403, and so
 * does a browser Origin refused by setOriginPolicy(), on every route; an allowed Origin
 * gets the CORS headers on every answer, and `OPTIONS` the preflight answer 204
 * (OriginPolicy::preflight()). Before an upgrade, or an exchange that opens a session: an
 * invalid WebSocket handshake 400 or 426, the connection caps of setAdmission() 503 (total)
 * or 429 (per address), both with a Retry-After header.
 */
class RequestGate
{
public:
    /// Decides what a complete, well-formed request head is (called once per request).
    using Router = std::function<HttpRoute(const HttpRequest&)>;
    /// Decides whether a peer is refused (true: HTTP 403 to any request, no upgrade).
    using PeerFilter = std::function<bool(const QHostAddress& peer)>;

    /// An upgrade that passed the checks; admitted: it holds an admission.
    struct UpgradeRoute
    {
        int endpoint = 0;
        bool admitted = false;
    };
    /// A request for the exchange handler (admission not yet taken).
    struct ExchangeRoute
    {
        int endpoint = 0;
        bool admit = false;
    };
    /// The answer to send, or where the request goes.
    using Decision = std::variant<HttpResponse, UpgradeRoute, ExchangeRoute>;

    /// Retry-After of a 429 answer, s.
    static constexpr int AddressLimitRetryAfterSecs = 10;
    /// Retry-After of a 503 answer, s.
    static constexpr int TotalLimitRetryAfterSecs = 30;

    /// @p router: what each complete request is (see HttpRoute).
    explicit RequestGate(Router router);

    /// Installs @p refuse, consulted once per request head (e.g. the admin bans).
    void setPeerFilter(PeerFilter refuse) { m_refusePeer = std::move(refuse); }
    /// Origins whose browser pages may connect (others get 403); default: any.
    void setOriginPolicy(const OriginPolicy& policy) { m_origins = policy; }
    const OriginPolicy& origins() const { return m_origins; }
    /// Connection caps; not owned, may be null (no caps).
    void setAdmission(ConnectionAdmission* admission) { m_admission = admission; }
    ConnectionAdmission* admission() const { return m_admission; }
    /// Called once per refusal with its reason (for the metrics).
    void setRefusalCounter(std::function<void(const QByteArray& reason)> count)
    {
        m_countRefusal = std::move(count);
    }
    /// Reverse proxies whose X-Forwarded-For / X-Real-IP name the client (default: none).
    void setTrustedProxies(const TrustedProxies& proxies) { m_proxies = proxies; }

    /**
     * The checks for a head parsed as @p parsed from client address @p peer (clientOf()):
     * the answer to send, or the endpoint of an upgrade that passed them all and was
     * admitted (the caller then holds or releases the admission), or an exchange.
     * @p validateHandshake: check the WebSocket handshake here (RFC 6455 §4.2.1); false
     * where QWebSocketServer checks it.
     */
    Decision decide(HttpRequest::Parse parsed, const HttpRequest& request, const QHostAddress& peer,
                    bool validateHandshake);
    /// The client address of @p request from TCP peer @p peer (see setTrustedProxies()).
    QHostAddress clientOf(HttpRequest::Parse parsed, const HttpRequest& request,
                          const QHostAddress& peer) const;
    /// Counts a connection from @p peer (none returned) or returns the refusal to send.
    std::optional<HttpResponse> admit(const QHostAddress& peer);
    /// Tells the refusal counter about one refusal for @p reason.
    void countRefusal(const QByteArray& reason) const;

private:
    Decision checkUpgrade(const HttpRequest& request, const QHostAddress& peer,
                          const HttpRoute& route, bool validateHandshake);

    Router m_router;
    PeerFilter m_refusePeer;
    OriginPolicy m_origins;
    TrustedProxies m_proxies;
    ConnectionAdmission* m_admission = nullptr;
    std::function<void(const QByteArray&)> m_countRefusal;
    QElapsedTimer m_lastFullWarning;
};
